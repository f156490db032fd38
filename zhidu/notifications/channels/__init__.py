"""Channels: each a small adapter behind one interface, `send(message) -> Result`, configured from
the environment at the moment it sends (never a secret in the repository). Unconfigured, a channel
sends nothing outward: e-mail goes to the console backend, the HTTP channels answer "not
configured" (a permanent failure the outbox page shows)."""

from __future__ import annotations

from zhidu.notifications.channels.base import Adapter, Message, Result
from zhidu.notifications.channels.dingtalk import DingTalk, sign
from zhidu.notifications.channels.email import Email
from zhidu.notifications.channels.sms import Sms
from zhidu.notifications.channels.wecom import WeCom

ADAPTERS: dict[str, type[Adapter]] = {"email": Email, "sms": Sms, "wecom": WeCom, "dingtalk": DingTalk}


def adapter(channel: str) -> Adapter:
    return ADAPTERS[channel]()


__all__ = ["ADAPTERS", "Adapter", "DingTalk", "Email", "Message", "Result", "Sms", "WeCom", "adapter", "sign"]
