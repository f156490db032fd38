"""The entry points of the portal, one per state change of an article: draft, edit, submit,
approve and publish, publish at once (a record already approved elsewhere, e.g. a passed decision
of R1§7(6)), withdraw; and the township's site profile. Each checks the actor (MATRIX and the
township), then the text (zhidu.portal.checks: refusals name the field, in Chinese), changes the
rows in one transaction with a conditional UPDATE on the article's version, keeps the text as an
ArticleVersion and writes the audit entry.

Who: editors (the party office and the organization office) draft, edit and submit; the approver
is the principal or the head of the party office, and never the one who submitted the draft
(four eyes); `publish` at once is the party office's, for what the committee already decided."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, cast

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from zhidu.core import audit
from zhidu.core.permissions import Role, require, roles_of
from zhidu.org.models import Township
from zhidu.portal import checks
from zhidu.portal.models import Article, ArticleVersion, Category, SiteProfile, Subcategory

if TYPE_CHECKING:
    from django.contrib.auth.models import User
    from django.http import HttpRequest

    from zhidu.core.permissions import Actor

State = Article.State

# What the areas do when a page is published (R11: a 党务公开 page of a content category completes
# that category's duty; R13: the feedback of a democratic life meeting). Registered from the areas'
# ready(); called inside the publishing transaction, so a duty completes with its page or not at all.
PublishedHook = Callable[[Article, "Actor | None"], None]
_published_hooks: dict[str, PublishedHook] = {}


def register_published_hook(name: str, hook: PublishedHook) -> None:
    """Call `hook(article, actor)` whenever an article is published; a name again replaces it."""
    _published_hooks[name] = hook


def _published(article: Article, actor: Actor | None) -> None:
    for hook in _published_hooks.values():
        hook(article, actor)


def _user(actor: Actor | None) -> User | None:
    return cast("User", actor) if getattr(actor, "is_authenticated", False) else None


def validate(*, category: str, subcategory: str = "", title: str, body: str, tags: Any = ()) -> checks.Draft:
    """The draft as it will be stored, or a ValidationError naming every field in error."""
    draft = checks.Draft(
        category=category or "",
        subcategory=subcategory or "",
        title=(title or "").strip(),
        body=(body or "").strip(),
        tags=checks.normalize_tags(tags or ""),
    )
    errors: dict[str, list[str]] = {}
    for f in checks.blocking(checks.findings(draft, set(Category.values), set(Subcategory.values))):
        errors.setdefault(f.field, []).append(f.message)
    if errors:
        raise ValidationError(errors)
    return draft


def may_approve(actor: Actor | None) -> bool:
    """The principal, or the head of the party office (党政办主任): checked per person."""
    if actor is None or not getattr(actor, "is_authenticated", False):
        return False
    roles = roles_of(actor)
    if Role.PRINCIPAL in roles:
        return True
    person = getattr(actor, "person", None)
    if person is None:
        return False
    department = person.department
    return (
        Role.PARTY_OFFICE in roles
        and department is not None
        and department.kind == "party_office"
        and department.head_id == person.pk
    )


def _require_approver(actor: Actor | None, action: str, article: Article) -> None:
    require(actor, action, article)
    if not may_approve(actor):
        raise PermissionDenied(f"{action}: only the principal or the head of the party office")


def version_of(article: Article, *, user: Any = None, note: str = "", at: Any = None) -> ArticleVersion:
    """The unsaved version row of an article as it stands (also what `zhidu generate` writes)."""
    return ArticleVersion(
        township_id=article.township_id,
        article=article,
        version=article.version,
        category=article.category,
        subcategory=article.subcategory,
        title=article.title,
        body=article.body,
        tags=article.tags,
        state=article.state,
        note=note[:300],
        created_by=user,
        created_at=at or timezone.now(),
    )


def _keep(article: Article, actor: Actor | None, note: str = "") -> None:
    version_of(article, user=_user(actor), note=note).save()


def _conflict() -> None:
    raise ValidationError({"version": "这篇文章刚被别人修改过，请刷新后再试"})


def _move(
    article: Article, expected: tuple[str, ...], actor: Actor | None, note: str, **changes: Any
) -> Article:
    """The conditional UPDATE of every transition: from one of `expected` states at the version read,
    to the next version; a second click or a concurrent edit changes nothing and is refused."""
    changed = Article.objects.filter(pk=article.pk, version=article.version, state__in=expected).update(
        version=article.version + 1, **changes
    )
    if not changed:
        current = Article.objects.get(pk=article.pk)
        if current.state not in expected:
            raise ValidationError({"state": f"文章现为“{current.get_state_display()}”，不能这样操作"})
        _conflict()
    article.refresh_from_db()
    _keep(article, actor, note)
    return article


def draft(
    actor: Actor | None,
    *,
    township: Township,
    category: str,
    title: str,
    body: str,
    tags: Any = (),
    subcategory: str = "",
    source_type: str = "",
    source_id: Any = None,
    request: HttpRequest | None = None,
) -> Article:
    """An editor starts an article (state draft, version 1)."""
    require(actor, "portal.edit", township)
    d = validate(category=category, subcategory=subcategory, title=title, body=body, tags=tags)
    with transaction.atomic():
        article = Article.objects.create(
            township=township,
            category=d.category,
            subcategory=d.subcategory,
            title=d.title,
            body=d.body,
            tags=d.tags,
            source_type=source_type,
            source_id="" if source_id is None else str(source_id),
            created_by=_user(actor),
            created_at=timezone.now(),
        )
        _keep(article, actor, "起草")
        audit.record(actor, "portal.draft", article, summary=article.title, request=request)
    return article


def edit(
    actor: Actor | None,
    article: Article,
    *,
    category: str,
    title: str,
    body: str,
    tags: Any = (),
    subcategory: str = "",
    request: HttpRequest | None = None,
) -> Article:
    """An editor changes a draft, or one awaiting approval (which goes back to draft: the approver
    approves what they read). Every saved text is kept."""
    require(actor, "portal.edit", article)
    d = validate(category=category, subcategory=subcategory, title=title, body=body, tags=tags)
    with transaction.atomic():
        _move(
            article,
            (State.DRAFT, State.AWAITING),
            actor,
            "修改",
            state=State.DRAFT,
            category=d.category,
            subcategory=d.subcategory,
            title=d.title,
            body=d.body,
            tags=d.tags,
            submitted_by=None,
        )
        audit.record(actor, "portal.edit", article, summary=article.title, request=request)
    return article


def submit(actor: Actor | None, article: Article, *, request: HttpRequest | None = None) -> Article:
    """An editor asks for approval."""
    require(actor, "portal.edit", article)
    validate(
        category=article.category, subcategory=article.subcategory, title=article.title, body=article.body
    )
    with transaction.atomic():
        _move(article, (State.DRAFT,), actor, "提交审核", state=State.AWAITING, submitted_by=_user(actor))
        audit.record(actor, "portal.submit", article, summary=article.title, request=request)
    return article


def approve_and_publish(
    actor: Actor | None, article: Article, *, request: HttpRequest | None = None
) -> Article:
    """The approver publishes what was submitted: the principal or the party office's head, never
    the one who submitted it."""
    _require_approver(actor, "portal.approve", article)
    if article.submitted_by_id is not None and article.submitted_by_id == getattr(actor, "pk", None):
        raise PermissionDenied("portal.approve: the submitter does not approve their own article")
    with transaction.atomic():
        _move(
            article,
            (State.AWAITING,),
            actor,
            "审核发布",
            state=State.PUBLISHED,
            published_at=timezone.now(),
            approved_by=_user(actor),
        )
        audit.record(
            actor,
            "portal.publish",
            article,
            summary=article.title,
            request=request,
            url=article.get_absolute_url(),
        )
        _published(article, actor)
    return article


def publish(
    actor: Actor | None,
    *,
    township: Township,
    category: str,
    title: str,
    body: str,
    source_type: str = "",
    source_id: Any = None,
    tags: Any = (),
    subcategory: str = "",
    request: HttpRequest | None = None,
) -> Article:
    """Draft and publish at once, for a record already approved where it was decided (a passed
    decision of a closed team meeting, R1§7(6)): the party office publishes it. The same source
    is published once: a second call returns the page already published."""
    require(actor, "portal.publish", township)
    d = validate(category=category, subcategory=subcategory, title=title, body=body, tags=tags)
    sid = "" if source_id is None else str(source_id)
    with transaction.atomic():
        now = timezone.now()
        user = _user(actor)
        try:
            # A savepoint: the constraint refuses a second page of the same record (a second click,
            # or another clerk's request that committed first), whose page is then returned.
            with transaction.atomic():
                article = _create_published(township, d, source_type, sid, user, now)
        except IntegrityError:
            return Article.objects.get(
                township=township, source_type=source_type, source_id=sid, state=State.PUBLISHED
            )
        _keep(article, actor, "依已通过的决定直接发布")
        audit.record(
            actor,
            "portal.publish",
            article,
            summary=article.title,
            request=request,
            url=article.get_absolute_url(),
            source=f"{source_type}:{sid}" if source_type else "",
        )
        _published(article, actor)
    return article


def _create_published(
    township: Township, d: checks.Draft, source_type: str, sid: str, user: User | None, now: datetime.datetime
) -> Article:
    return Article.objects.create(
        township=township,
        category=d.category,
        subcategory=d.subcategory,
        title=d.title,
        body=d.body,
        tags=d.tags,
        state=State.PUBLISHED,
        published_at=now,
        source_type=source_type,
        source_id=sid,
        created_by=user,
        created_at=now,
        approved_by=user,
    )


def withdraw(
    actor: Actor | None, article: Article, reason: str, *, request: HttpRequest | None = None
) -> Article:
    """The approver withdraws a published article: the page stays and says when and why."""
    _require_approver(actor, "portal.withdraw", article)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "撤回理由：请填写，公众会在页面上看到"})
    if len(reason) > 300:
        raise ValidationError({"reason": "撤回理由：不能超过300字"})
    with transaction.atomic():
        _move(
            article,
            (State.PUBLISHED,),
            actor,
            f"撤回：{reason}",
            state=State.WITHDRAWN,
            withdrawn_at=timezone.now(),
            withdrawal_reason=reason,
        )
        audit.record(actor, "portal.withdraw", article, summary=f"{article.title}：{reason}", request=request)
    return article


def save_profile(
    actor: Actor | None,
    township: Township,
    *,
    address: str,
    phone: str,
    office_hours: str,
    introduction: str = "",
    request: HttpRequest | None = None,
) -> SiteProfile:
    """The party office keeps the township's public identity (address, phone, office hours)."""
    require(actor, "portal.profile", township)
    values = {
        "address": (address or "").strip(),
        "phone": (phone or "").strip(),
        "office_hours": (office_hours or "").strip(),
        "introduction": (introduction or "").strip(),
    }
    limits = {"address": ("地址", 200), "phone": ("电话", 40), "office_hours": ("办公时间", 200)}
    errors = {f: f"{label}：不能超过{n}字" for f, (label, n) in limits.items() if len(values[f]) > n}
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        profile, _created = SiteProfile.objects.update_or_create(township=township, defaults=values)
        audit.record(
            actor, "portal.profile", profile, township=township, summary=township.name, request=request
        )
    return profile


def published_for(township: Township, source_type: str, source_id: Any) -> Article | None:
    """The page publishing a record, if there is one (published or withdrawn)."""
    return (
        Article.objects.filter(township=township, source_type=source_type, source_id=str(source_id))
        .exclude(state__in=(State.DRAFT, State.AWAITING))
        .order_by("-published_at")
        .first()
    )
