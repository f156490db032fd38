"""`record(...)`: the one audit call every entry point makes beside its write.

The address is the request's when one is passed, else the one of the request being served
(zhidu.core.request_context, set by middleware): an entry point called from a view records where
the change came from without being handed the request; a command or the scheduler records none."""

from __future__ import annotations

from django.db import models

from zhidu.core.addresses import client_address as resolved_address
from zhidu.core.models import AuditEntry
from zhidu.core.request_context import current_address


def client_address(request) -> str | None:
    # REMOTE_ADDR, or behind our own proxies (ZHIDU_TRUSTED_PROXIES) the first untrusted hop of
    # X-Forwarded-For read from the right: a spoofed left-most entry is never used (zhidu.trust.clientaddr).
    return resolved_address(request) if request is not None else current_address()


def record(
    actor,
    action: str,
    target: models.Model | None = None,
    *,
    township=None,
    summary: str = "",
    request=None,
    **detail,
) -> AuditEntry:
    if township is None and target is not None:
        township = getattr(target, "township", None)
    is_user = actor is not None and getattr(actor, "is_authenticated", False)
    return AuditEntry.objects.create(
        township=township,
        actor=actor if is_user else None,
        actor_name=(actor.get_username() if is_user else (str(actor) if actor else "system")),
        action=action,
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        summary=summary[:300],
        detail=detail,
        address=client_address(request),
    )
