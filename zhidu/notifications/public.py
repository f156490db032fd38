"""Messages to the public (issue 16: "petition and opinion status changes to the public, SMS or
e-mail, by their choice"). A member of the public has no account and no ContactAddress: the area
keeps their choice (`notify_by`) and the address (sealed, like their other personal data) on its
own record, and at each status change queues one message to that address through `enqueue`, in the
transaction of the change. The message says the state and the receipt code with the link of the
follow page, never anyone's personal data; it keeps to the quiet hours and rest days (non-urgent).

What the areas share is here: the choices, the check of the address typed, the message."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import translation
from django.utils.translation import gettext as _

from zhidu.core.permissions import SYSTEM
from zhidu.notifications.models import Channel, Notification, NotifyBy
from zhidu.notifications.outbox import base_url, enqueue
from zhidu.notifications.services import clean_address
from zhidu.trust.sealing import Sealed

if TYPE_CHECKING:
    from zhidu.org.models import Township


def clean_choice(notify_by: str, phone: str, email: str, *, phone_field: str) -> tuple[str, str]:
    """The choice and the address it sends to: SMS to the mobile number given as the phone,
    e-mail to the address given. A ValidationError names the field, in Chinese."""
    notify_by = notify_by or ""
    if notify_by not in NotifyBy.values:
        raise ValidationError({"notify_by": "进展通知：请选择短信、电子邮件或不需要"})
    if notify_by == NotifyBy.SMS:
        try:
            address = clean_address(Channel.SMS, phone or "")
        except ValidationError:
            address = ""
        if not address:
            raise ValidationError({phone_field: "联系电话：短信通知须填写11位手机号码"})
        return notify_by, address
    if notify_by == NotifyBy.EMAIL:
        try:
            address = clean_address(Channel.EMAIL, email or "")
        except ValidationError:
            address = ""
        if not address:
            raise ValidationError({"notify_email": "电子邮箱：请填写正确的电子邮箱地址，以便接收进展通知"})
        return notify_by, address
    return "", ""


def follow_link(path: str, code: str) -> str:
    return f"{base_url()}{path}?code={code}"


def tell(
    *,
    township: Township,
    topic: str,
    key: str,
    notify_by: str,
    address: object,
    what: str,
    code: str,
    state: str,
    follow_path: str,
    details: list[str] | None = None,
    target: models.Model | None = None,
) -> list[Notification]:
    """Queue the message of one status change to the address the person chose (none chosen:
    nothing). `address` is the record's sealed field: opened here by the system, which is audited,
    and sealed again on the outbox row. `what` names the record ("来访事项"), `state` its new state."""
    if notify_by not in (NotifyBy.SMS, NotifyBy.EMAIL) or not address:
        return []
    plain = cast(Sealed, address).reveal(SYSTEM, "发送办理进展通知")
    if not plain:
        return []
    link = follow_link(follow_path, code)
    with translation.override("zh-hans"):
        subject = _("Progress of your %(what)s") % {"what": what}
        lines = [
            _("Your %(what)s (receipt code %(code)s): %(state)s.")
            % {"what": what, "code": code, "state": state},
            *(details or []),
            _("Follow it with the receipt code: %(url)s") % {"url": link},
        ]
    return enqueue(
        township=township,
        topic=topic,
        key=key,
        subject=subject,
        body="\n".join(lines),
        address=plain,
        channel=notify_by,
        link="",
        target=target,
    )
