"""The party office's pages: the article list, the draft/edit form with its live check, submit,
approve and publish, withdraw; the township's site profile. Thin: permission, form, entry point,
redirect."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zhidu.core.access import get_scoped, requires, scoped
from zhidu.portal import checks, services
from zhidu.portal.forms import ArticleForm, ProfileForm, WithdrawForm, apply_errors
from zhidu.portal.models import Article, Category, SiteProfile, Subcategory

State = Article.State


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
    form = ArticleForm(request.POST or None, initial={"category": request.GET.get("category", "notices")})
    if request.method == "POST" and form.is_valid():
        try:
            article = services.draft(
                request.user,
                township=request.township,
                request=request,
                **{k: form.cleaned_data[k] for k in ("category", "subcategory", "title", "body", "tags")},
            )
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
    form = ArticleForm(request.POST or None, initial=initial)
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
                try:
                    services.edit(
                        request.user,
                        article,
                        request=request,
                        **{
                            k: form.cleaned_data[k]
                            for k in ("category", "subcategory", "title", "body", "tags")
                        },
                    )
                except ValidationError as error:
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
    }
    return render(request, "portal/staff_edit.html", context, status=400 if form.errors else 200)


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
