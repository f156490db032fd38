"""The party office's pages: the article list, the draft/edit form with its live check, submit,
approve and publish, withdraw; the township's site profile. Thin: permission, form, entry point,
redirect."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zhidu.core.access import get_scoped, requires, scoped
from zhidu.portal import checks, services
from zhidu.portal.forms import ArticleForm, ProfileForm, WithdrawForm, apply_errors
from zhidu.portal.models import Article, Attachment, Category, SiteProfile, Subcategory
from zhidu.portal.services import attachments
from zhidu.portal.views.public import serve

State = Article.State
TEXT = ("category", "subcategory", "title", "body", "tags")


def _load(request, pk: int) -> Article:
    return get_scoped(Article.objects.select_related("township"), request, pk=pk)


@requires("portal.view")
def article_list(request):
    rows = scoped(Article.objects.select_related("township"), request).order_by("-created_at", "-id")
    state = request.GET.get("state", "")
    if state in State.values:
        rows = rows.filter(state=state)
    page = Paginator(rows, 30).get_page(request.GET.get("page"))
    context = {
        "page_obj": page,
        "state": state,
        "states": State.choices,
        "awaiting": scoped(Article.objects, request).filter(state=State.AWAITING).count(),
        "may_approve": services.may_approve(request.user),
    }
    return render(request, "portal/staff_list.html", context)


def _panel(data) -> dict:
    """The live panel's context: what is missing, and the page as the public will read it."""
    return {
        "findings": _findings(data),
        "preview_title": (data.get("title") or "").strip(),
        "preview": checks.paragraphs(data.get("body") or ""),
    }


def _findings(data) -> list:
    draft = checks.Draft(
        category=data.get("category", ""),
        subcategory=data.get("subcategory", ""),
        title=data.get("title", "").strip(),
        body=data.get("body", "").strip(),
        tags=checks.normalize_tags(data.get("tags", "")),
    )
    return checks.findings(draft, set(Category.values), set(Subcategory.values))


@require_POST
@requires("portal.edit")
def article_check(request):
    """The live panel (htmx, debounced): what is missing before the article can be published."""
    return render(request, "portal/_check.html", _panel(request.POST))


@requires("portal.edit")
def article_new(request):
    form = ArticleForm(
        request.POST or None,
        request.FILES or None,
        initial={"category": request.GET.get("category", "notices")},
    )
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data.get("attachment")
        try:
            # The draft and its attachment together: a refused file leaves no draft behind, and the
            # form comes back with the text as typed.
            with transaction.atomic():
                article = services.draft(
                    request.user,
                    township=request.township,
                    request=request,
                    **{k: form.cleaned_data[k] for k in TEXT},
                )
                if upload:
                    attachments.attach(request.user, article, upload, request=request)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Draft saved."))
            return redirect("portal:staff-edit", pk=article.pk)
    status = 400 if form.errors else 200
    return render(
        request,
        "portal/staff_edit.html",
        {"form": form, **_panel(form.data or form.initial)},
        status=status,
    )


@requires("portal.view")
def article_edit(request, pk: int):
    article = _load(request, pk)
    editable = article.state in (State.DRAFT, State.AWAITING)
    initial = {
        "category": article.category,
        "subcategory": article.subcategory,
        "title": article.title,
        "body": article.body,
        "tags": article.tags,
        "version": article.version,
    }
    form = ArticleForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST":
        if not editable:
            messages.error(
                request, _("A published article is not edited: withdraw it and publish a new one.")
            )
            return redirect("portal:staff-edit", pk=article.pk)
        if form.is_valid():
            if form.cleaned_data.get("version") not in (None, article.version):
                form.add_error(None, "这篇文章刚被别人修改过，请刷新后再试")
            else:
                text = {k: form.cleaned_data[k] for k in TEXT}
                upload = form.cleaned_data.get("attachment")
                try:
                    # The text and the attachment together: a refused file keeps the typed text
                    # unsaved on the form, beside the file's error. A file alone is no new text.
                    with transaction.atomic():
                        if not upload or not _unchanged(article, text):
                            services.edit(request.user, article, request=request, **text)
                        if upload:
                            attachments.attach(request.user, article, upload, request=request)
                except ValidationError as error:
                    article.refresh_from_db()  # the edit before a refused file was rolled back
                    apply_errors(form, error)
                else:
                    messages.success(request, _("Draft saved."))
                    return redirect("portal:staff-edit", pk=article.pk)
    context = {
        "form": form,
        "article": article,
        "editable": editable,
        **_panel(form.data if form.is_bound else initial),
        "may_approve": services.may_approve(request.user),
        "withdraw_form": WithdrawForm(),
        "versions": article.versions.order_by("-version"),
        "attachments": attachments.listed(article),
    }
    return render(request, "portal/staff_edit.html", context, status=400 if form.errors else 200)


def _unchanged(article: Article, text: dict) -> bool:
    """The form's text is the article's (as the services store it: trimmed, tags normalized)."""
    return all(
        (checks.normalize_tags(text[k] or "") if k == "tags" else (text[k] or "").strip())
        == getattr(article, k)
        for k in TEXT
    )


def _act(request, pk: int, call, done: str):
    article = _load(request, pk)
    try:
        call(article)
    except ValidationError as error:
        for messages_ in error.message_dict.values():
            for m in messages_:
                messages.error(request, m)
    else:
        messages.success(request, done)
    return redirect("portal:staff-edit", pk=article.pk)


@require_POST
@requires("portal.edit")
def article_submit(request, pk: int):
    return _act(
        request, pk, lambda a: services.submit(request.user, a, request=request), _("Sent for approval.")
    )


@require_POST
@requires("portal.approve")
def article_approve(request, pk: int):
    return _act(
        request, pk, lambda a: services.approve_and_publish(request.user, a, request=request), _("Published.")
    )


@require_POST
@requires("portal.withdraw")
def article_withdraw(request, pk: int):
    form = WithdrawForm(request.POST)
    reason = form.cleaned_data.get("reason", "") if form.is_valid() else ""
    return _act(
        request, pk, lambda a: services.withdraw(request.user, a, reason, request=request), _("Withdrawn.")
    )


@requires("portal.view")
def attachment_download(request, pk: int):
    """An attachment as the editors and the approver read it, a draft's too (the approver reads
    what they publish); the public's download is zhidu.portal.views.public.attachment."""
    return serve(get_scoped(Attachment.objects.filter(removed_at=None), request, pk=pk))


@require_POST
@requires("portal.edit")
def attachment_remove(request, pk: int):
    found = get_scoped(Attachment.objects.select_related("article"), request, pk=pk)
    try:
        attachments.remove(request.user, found, request=request)
    except ValidationError as error:
        for messages_ in error.message_dict.values():
            for m in messages_:
                messages.error(request, m)
    else:
        messages.success(request, _("Attachment removed."))
    return redirect("portal:staff-edit", pk=found.article_id)


@requires("portal.profile")
def profile(request):
    current = SiteProfile.objects.filter(township=request.township).first()
    initial = (
        {f: getattr(current, f) for f in ("address", "phone", "office_hours", "introduction")}
        if current
        else {}
    )
    form = ProfileForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_profile(request.user, request.township, request=request, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Site profile saved."))
            return redirect("portal:staff-profile")
    return render(request, "portal/staff_profile.html", {"form": form}, status=400 if form.errors else 200)
