"""The entry points of an article's attachments (issue 15): an editor attaches a file to a draft, or
removes one. The same permission as editing the text (MATRIX `portal.edit`), the same states (a
draft, or one awaiting approval, which goes back to draft: the approver approves what they read),
the same conditional UPDATE on the article's version, a version kept and an audit entry written.

Files go through Django's Storage API only (default_storage: open, save, delete; a directory today,
object storage tomorrow), never a filesystem path. The file is stored before the transaction (an
upload to object storage takes seconds: no database lock is held meanwhile) and deleted again when
the transaction fails; a removed attachment's file is deleted once the removal has committed."""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING, Any, cast

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from zhidu.core import audit
from zhidu.core.permissions import require
from zhidu.portal import checks
from zhidu.portal.models import Article, Attachment
from zhidu.portal.services import _move, _user

if TYPE_CHECKING:
    from django.core.files import File
    from django.http import HttpRequest

    from zhidu.core.permissions import Actor

State = Article.State
EDITABLE = (State.DRAFT, State.AWAITING)
HEAD = 16  # bytes read to tell a file's type (the longest signature is 8)


def _refuse(message: str) -> None:
    raise ValidationError({"attachment": [message]})


def _not_a_draft() -> str:
    return gettext('Attachment: the article is "%(state)s"; attachments change only in a draft')


def _head_and_digest(upload: File[Any]) -> tuple[bytes, str]:
    digest = hashlib.sha256()
    head = b""
    upload.seek(0)
    for chunk in upload.chunks():
        if len(head) < HEAD:
            head += chunk[: HEAD - len(head)]
        digest.update(chunk)
    upload.seek(0)
    return head, digest.hexdigest()


def attach(
    actor: Actor | None, article: Article, upload: File[Any], *, request: HttpRequest | None = None
) -> Attachment:
    """An editor attaches a file to a draft: a type the portal offers, within the size limit
    (settings.ZHIDU_PORTAL_ATTACHMENT_MAX_MB), refused with the field named otherwise."""
    require(actor, "portal.edit", article)
    if article.state not in EDITABLE:
        _refuse(_not_a_draft() % {"state": article.get_state_display()})
    name = checks.clean_file_name(upload.name or "")
    size = int(upload.size or 0)
    head, sha256 = _head_and_digest(upload) if name else (b"", "")
    count = Attachment.objects.filter(article=article, removed_at=None).count()
    limit = int(settings.ZHIDU_PORTAL_ATTACHMENT_MAX_MB)
    errors = checks.attachment_errors(name, size, head, limit_mb=limit, count=count)
    if errors:
        raise ValidationError({"attachment": errors})
    kind = cast(checks.AttachmentType, checks.attachment_type(name))
    attachment = Attachment(
        township_id=article.township_id,
        article=article,
        name=name,
        size=size,
        content_type=kind.content_type,
        sha256=sha256,
        uploaded_by=_user(actor),
        uploaded_at=timezone.now(),
    )
    # Storage.save through the field: the name comes from upload_to (zhidu.portal.models.attachment_path).
    attachment.file.save(name, upload, save=False)
    stored = cast(str, attachment.file.name)  # set by the save just above
    try:
        with transaction.atomic():
            _move(article, EDITABLE, actor, f"添加附件：{name}", state=State.DRAFT, submitted_by=None)
            attachment.save()
            audit.record(
                actor,
                "portal.attach",
                article,
                summary=f"{article.title}：{name}",
                request=request,
                attachment=attachment.pk,
                name=name,
                size=size,
                sha256=sha256,
            )
    except BaseException:
        attachment.file.storage.delete(stored)
        raise
    return attachment


def remove(actor: Actor | None, attachment: Attachment, *, request: HttpRequest | None = None) -> Attachment:
    """An editor removes an attachment from a draft. The row stays (what was attached, by whom, its
    sha256) and says when it was removed; the file itself is deleted from storage after the commit."""
    article = attachment.article
    require(actor, "portal.edit", article)
    if article.state not in EDITABLE:
        _refuse(_not_a_draft() % {"state": article.get_state_display()})
    with transaction.atomic():
        now = timezone.now()
        changed = Attachment.objects.filter(pk=attachment.pk, removed_at=None).update(
            removed_at=now, removed_by=_user(actor)
        )
        if not changed:
            _refuse(gettext('Attachment: "%(name)s" was removed already') % {"name": attachment.name})
        _move(article, EDITABLE, actor, f"删除附件：{attachment.name}", state=State.DRAFT, submitted_by=None)
        audit.record(
            actor,
            "portal.remove_attachment",
            article,
            summary=f"{article.title}：{attachment.name}",
            request=request,
            attachment=attachment.pk,
            name=attachment.name,
            sha256=attachment.sha256,
        )
        stored, storage = cast(str, attachment.file.name), attachment.file.storage
        transaction.on_commit(lambda: storage.delete(stored))
    attachment.refresh_from_db()
    return attachment


def listed(article: Article) -> list[Attachment]:
    """The attachments an article shows (the removed ones aside), in the order they were added."""
    return list(Attachment.objects.filter(article=article, removed_at=None).order_by("uploaded_at", "id"))
