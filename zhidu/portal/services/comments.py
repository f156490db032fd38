"""The entry points of comments (issue 15): a signed-in member of the public posts one under a
published article; the party office approves or refuses it (with a reason the author reads).

Pre-moderated: a comment is shown to its author at once (待审核) and to nobody else until approved.
The automatic holds (zhidu.portal.checks.comment_holds) put it first in the moderator's queue with
why: prohibited content from the word list (data/prohibited_words.txt: 黄/赌/毒, abuse, rumours),
or a near-duplicate of a recent comment on the article or of the account's own recent ones. Posting
is limited per account here and per address in the view (zhidu.trust.ratelimit)."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from zhidu.core import audit
from zhidu.core.permissions import require
from zhidu.portal import checks
from zhidu.portal.models import Article, Comment, PublicAccount
from zhidu.trust import ratelimit

if TYPE_CHECKING:
    import datetime

    from django.http import HttpRequest

    from zhidu.core.permissions import Actor

State = Comment.State
WORDS = Path(__file__).resolve().parents[1] / "data" / "prohibited_words.txt"
PER_ACCOUNT = 10  # comments an hour
WINDOW = 3600
RECENT_ON_ARTICLE = 200  # comments compared for near-duplicates
RECENT_OF_ACCOUNT = 20
REASON_MAX = 200
# What the moderator is offered to tell the author, by hold (they may write their own).
REASONS = {
    Comment.Hold.PROHIBITED: "含有违法违规或不文明内容",
    Comment.Hold.DUPLICATE: "与已有评论重复",
    Comment.Hold.NONE: "与文章内容无关",
}


@functools.lru_cache(maxsize=1)
def word_list() -> dict[str, tuple[str, ...]]:
    """The prohibited words, read once per process (a change takes a restart)."""
    return checks.parse_word_list(WORDS.read_text(encoding="utf-8"))


def _recent(article: Article, account: PublicAccount) -> list[tuple[int, str]]:
    on_article = Comment.objects.filter(township_id=article.township_id, article=article).order_by(
        "-created_at", "-pk"
    )[:RECENT_ON_ARTICLE]
    own = Comment.objects.filter(township_id=account.township_id, account=account).order_by(
        "-created_at", "-pk"
    )[:RECENT_OF_ACCOUNT]
    rows = {pk: body for pk, body in on_article.values_list("pk", "body")}
    rows.update(own.values_list("pk", "body"))
    return sorted(rows.items(), reverse=True)


def post(
    account: PublicAccount | None,
    article: Article,
    body: str,
    *,
    request: HttpRequest | None = None,
    now: datetime.datetime | None = None,
) -> Comment:
    """A member of the public comments on a published article of their township."""
    if account is None:
        raise PermissionDenied("portal.comment: not signed in")
    if account.township_id != article.township_id:
        raise PermissionDenied("portal.comment: another township")
    if article.state != Article.State.PUBLISHED:
        raise ValidationError({"body": "评论：这篇文章已撤回，不能再评论"})
    errors = checks.comment_errors(body)
    if errors:
        raise ValidationError({"body": errors})
    text = body.strip()
    verdict = ratelimit.hit("portal-comment-account", [account.pk], limit=PER_ACCOUNT, window=WINDOW)
    if not verdict.allowed:
        raise ratelimit.RateLimited(verdict.retry_after)
    hold = checks.comment_holds(text, word_list(), _recent(article, account))
    with transaction.atomic():
        comment = Comment.objects.create(
            township_id=article.township_id,
            article=article,
            account=account,
            body=text,
            state=State.HELD if hold else State.PENDING,
            hold=hold.kind if hold else "",
            hold_detail=hold.detail if hold else "",
            created_at=now or timezone.now(),
        )
        audit.record(
            account, "portal.comment", comment, township=article.township, request=request,
            summary=f"评论《{article.title[:60]}》", hold=comment.hold,
        )  # fmt: skip
    return comment


def _decide(
    actor: Actor | None, comment: Comment, action: str, request: HttpRequest | None, **changes: object
) -> Comment:
    require(actor, "portal.moderate", comment)
    with transaction.atomic():
        changed = Comment.objects.filter(pk=comment.pk, state__in=(State.PENDING, State.HELD)).update(
            decided_at=timezone.now(), decided_by=actor, **changes
        )
        if not changed:
            current = Comment.objects.get(pk=comment.pk)
            raise ValidationError({"state": f"评论现为“{current.get_state_display()}”，不能这样操作"})
        comment.refresh_from_db()
        audit.record(
            actor, action, comment, township=comment.township, request=request,
            summary=f"评论 #{comment.pk}（{comment.get_state_display()}）", reason=comment.refusal_reason,
        )  # fmt: skip
    return comment


def approve(actor: Actor | None, comment: Comment, *, request: HttpRequest | None = None) -> Comment:
    """The party office lets a comment be shown under its article (held ones too: a false hold)."""
    return _decide(actor, comment, "portal.comment_approve", request, state=State.APPROVED, refusal_reason="")


def refuse(
    actor: Actor | None, comment: Comment, reason: str, *, request: HttpRequest | None = None
) -> Comment:
    """The party office refuses a comment; the reason is shown to its author beside it."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "理由：请填写告诉评论人的理由"})
    if len(reason) > REASON_MAX:
        raise ValidationError({"reason": f"理由：不能超过{REASON_MAX}字"})
    return _decide(
        actor, comment, "portal.comment_refuse", request, state=State.REFUSED, refusal_reason=reason
    )


def shown(article: Article, account: PublicAccount | None) -> list[Comment]:
    """The comments under an article for this reader: the approved ones, and the reader's own
    whatever their state (待审核, or refused with the reason)."""
    rows = Comment.objects.filter(township_id=article.township_id, article=article).select_related("account")
    if account is None:
        rows = rows.filter(state=State.APPROVED)
    else:
        from django.db.models import Q

        rows = rows.filter(Q(state=State.APPROVED) | Q(account=account))
    return list(rows.order_by("created_at", "pk"))
