"""Writes through the Django admin are audited like any other: the admin logs each addition,
change and deletion as a LogEntry inside the same transaction as the write; a receiver turns that
into an AuditEntry (and so into the hash chain), with the address of the request that made it.

The request reaches the receiver through the context variable set by
`zhidu.core.request_context.RequestContextMiddleware` (the signal carries none); outside a request
(a shell) the address is empty."""

from __future__ import annotations

from zhidu.core.request_context import RequestContextMiddleware, current_request

__all__ = ["ACTIONS", "RequestContextMiddleware", "on_log_entry"]

ACTIONS = {1: "admin.add", 2: "admin.change", 3: "admin.delete"}


def on_log_entry(sender, instance, created, **kwargs) -> None:
    from zhidu.core.audit import record

    if not created:
        return
    request = current_request()
    model = instance.content_type.model_class() if instance.content_type_id else None
    target = None
    township = None
    if model is not None and instance.action_flag != 3:
        target = model._default_manager.filter(pk=instance.object_id).first()
        township = getattr(target, "township", None)
    if township is None and request is not None:
        township = getattr(request, "township", None)
    record(
        instance.user,
        ACTIONS.get(instance.action_flag, "admin.other"),
        target,
        township=township,
        summary=f"{instance.content_type.name if instance.content_type_id else ''}：{instance.object_repr}"[
            :300
        ],
        request=request,
        object_type=model._meta.label_lower if model is not None else "",
        object_id=str(instance.object_id or ""),
        change=instance.get_change_message(),
    )
