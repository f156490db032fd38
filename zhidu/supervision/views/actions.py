"""The state changes of an item, one POST view each: a permission from the matrix, the item of the
user's township, a form, the entry point in zhidu.supervision.services, a redirect. A refused
action renders the page again with what was typed and the reason, naming the field."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zhidu.core.access import requires
from zhidu.core.forms import attach_errors
from zhidu.supervision import forms, services
from zhidu.supervision.views.common import answers_for, conflict_message, load_item, render_detail, version_of


def _act(request, pk: int, key: str, form_class, run, success: str, check=None):
    if request.person is None:
        raise PermissionDenied("no person")
    item = load_item(request, pk)
    if check is not None and not check(item):
        raise PermissionDenied(key)
    form = form_class(request.POST, auto_id=f"{key}_%s")
    status, errors = 400, []
    if form.is_valid():
        try:
            run(item, form.cleaned_data, version_of(request))
        except services.Conflicting:
            status, errors = 409, [conflict_message()]
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, success)
            return redirect("supervision:item-detail", item.pk)
    errors += [message for problems in form.errors.values() for message in problems]
    item.refresh_from_db()
    return render_detail(request, item, {key: form, "errors": errors}, status=status)


def _common(request, version):
    return {"by": request.person, "version": version, "user": request.user, "request": request}


@require_POST
@requires("supervision.approve")
def approve(request, pk: int):
    return _act(
        request,
        pk,
        "approve",
        forms.ApproveForm,
        lambda item, data, v: services.approve(item, note=data["note"], **_common(request, v)),
        _("Approved: the office may now assign it."),
    )


@require_POST
@requires("supervision.assign")
def assign(request, pk: int):
    return _act(
        request,
        pk,
        "assign",
        forms.AssignForm,
        lambda item, data, v: services.assign(item, deadline=data["deadline"], **_common(request, v)),
        _("Assigned: the supervision notice is ready for the owner department."),
    )


@require_POST
@requires("supervision.chase")
def chase(request, pk: int):
    def run(item, data, v):
        services.log_chase(
            item, by=request.person, kind=data["kind"], note=data["note"], user=request.user, request=request
        )

    return _act(request, pk, "chase", forms.ChaseForm, run, _("Chase recorded."))


@require_POST
@requires("supervision.feedback")
def feedback(request, pk: int):
    def run(item, data, v):
        services.submit_feedback(
            item,
            by=request.person,
            text=data["text"],
            completed=data["completed"],
            user=request.user,
            request=request,
        )

    return _act(
        request,
        pk,
        "feedback",
        forms.FeedbackForm,
        run,
        _("Feedback submitted."),
        check=lambda item: answers_for(request, item),
    )


@require_POST
@requires("supervision.accept")
def accept(request, pk: int):
    return _act(
        request,
        pk,
        "accept",
        forms.AcceptForm,
        lambda item, data, v: services.accept(item, note=data["note"], **_common(request, v)),
        _("Feedback accepted."),
    )


@require_POST
@requires("supervision.reject")
def reject(request, pk: int):
    def run(item, data, v):
        services.reject(
            item,
            requirements=data["requirements"],
            new_deadline=data["new_deadline"],
            note=data["note"],
            **_common(request, v),
        )

    return _act(
        request,
        pk,
        "reject",
        forms.RejectForm,
        run,
        _("Feedback rejected: a rectification report is due in 7 days and the new deadline is set."),
    )


@require_POST
@requires("supervision.close")
def close(request, pk: int):
    return _act(
        request,
        pk,
        "close",
        forms.CloseForm,
        lambda item, data, v: services.close(item, **_common(request, v)),
        _("Closed and archived."),
    )


@require_POST
@requires("supervision.reopen")
def reopen(request, pk: int):
    def run(item, data, v):
        services.reopen(item, reason=data["reason"], new_deadline=data["new_deadline"], **_common(request, v))

    return _act(request, pk, "reopen", forms.ReopenForm, run, _("Reopened and returned to the owner."))
