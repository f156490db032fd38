"""Matter report pages (R14§4 大事请示汇报): a team member writes to a principal; the principal replies.
Read by the author, the principals and the party office (403 for the rest of the team)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zhidu.coordination import services
from zhidu.coordination.checks import MatterFacts, check_matter
from zhidu.coordination.forms import MatterForm, ReplyForm
from zhidu.coordination.models import MatterReport
from zhidu.coordination.views.common import findings_context, person_of
from zhidu.core.access import get_scoped, requires
from zhidu.core.forms import attach_errors
from zhidu.core.permissions import allowed
from zhidu.org.models import Person


@requires("coordination.report")
def matter_new(request):
    person = person_of(request)
    heads = [p for p in services.principals(request.township, timezone.localdate()) if p.pk != person.pk]
    form = MatterForm(request.POST or None, principals=heads)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            report = services.submit(
                author=person, principal=Person.objects.filter(township=request.township, pk=data["principal"]).first(),
                kind=data["kind"], subject=data["subject"], content=data["content"], user=request.user,
                request=request,
            )  # fmt: skip
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(
                request,
                _("Sent to %(name)s; the reply is on their duties.") % {"name": report.principal.name},
            )
            return redirect("coordination:matter", report.pk)
    return render(
        request, "coordination/matter_form.html", {"form": form}, status=400 if form.errors else 200
    )


def _load(request, pk: int) -> MatterReport:
    report = get_scoped(MatterReport.objects.select_related("author", "principal"), request, pk=pk)
    if not services.may_read(request.user, request.person, report):
        raise PermissionDenied("coordination.view")
    return report


def _detail(request, report: MatterReport, form=None, status: int = 200):
    person = request.person
    can_reply = (
        report.state == MatterReport.State.SUBMITTED
        and person is not None
        and person.pk == report.principal_id
        and allowed(request.user, "coordination.reply")
    )
    facts = MatterFacts(report.reply_due_at, timezone.now(), report.replied_at)
    context = {
        "report": report,
        "can_reply": can_reply,
        "form": form or ReplyForm(),
        **findings_context(check_matter(facts)),
    }
    return render(request, "coordination/matter_detail.html", context, status=status)


@requires("coordination.view")
def matter_detail(request, pk: int):
    return _detail(request, _load(request, pk))


@require_POST
@requires("coordination.reply")
def matter_reply(request, pk: int):
    report = _load(request, pk)
    if request.person is None or request.person.pk != report.principal_id:
        raise PermissionDenied("coordination.reply")
    form = ReplyForm(request.POST)
    if form.is_valid():
        try:
            services.reply(report, by=request.person, answer=form.cleaned_data["reply"], user=request.user,
                           request=request)  # fmt: skip
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("The reply was sent."))
            return redirect("coordination:matter", report.pk)
    return _detail(request, report, form=form, status=400)
