"""Django system checks for a production deployment of the outbox (`manage.py check --deploy`)."""

from __future__ import annotations

from django.conf import settings
from django.core import checks

from zhidu.env import env_str
from zhidu.notifications.inbound import WECOM_CALLBACK, aes_key_of
from zhidu.notifications.timing import Window


def check_deploy(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    found: list[checks.CheckMessage] = []
    if not settings.DEBUG and not env_str("ZHIDU_BASE_URL"):
        found.append(
            checks.Warning(
                "未设置 ZHIDU_BASE_URL：通知中的链接（会议通知的确认收到链接）将指向 http://localhost:8000",
                id="zhidu.notifications.W001",
            )
        )
    # A township may reach its people by WeCom or SMS alone: warn only when nothing leaves at all.
    outward = (
        "ZHIDU_SMTP_HOST",
        "ZHIDU_EMAIL_BACKEND",
        "ZHIDU_SMS_URL",
        "ZHIDU_WECOM_WEBHOOK",
        "ZHIDU_DINGTALK_WEBHOOK",
    )
    if not settings.DEBUG and not any(env_str(name) for name in outward):
        found.append(
            checks.Warning(
                "未配置任何对外通知渠道（ZHIDU_SMTP_HOST、ZHIDU_SMS_URL、ZHIDU_WECOM_WEBHOOK、ZHIDU_DINGTALK_WEBHOOK）："
                "通知只在系统内显示，电子邮件只写到控制台",
                id="zhidu.notifications.W002",
            )
        )
    for name in ("ZHIDU_SMS_INBOUND_TOKEN", "ZHIDU_WECOM_INBOUND_TOKEN", "ZHIDU_DINGTALK_APP_SECRET"):
        if 0 < len(env_str(name)) < 24:
            found.append(
                checks.Warning(
                    f"{name} 过短：接收短信、企业微信消息的共享密钥至少应有 24 个字符（随机生成）",
                    id="zhidu.notifications.W003",
                )
            )
    return found


def check_settings(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """A malformed quiet-hours setting is refused at start, not at the first message; so is a
    WeCom callback set up by halves or with a key that is not WeCom's (the callback would refuse
    every message)."""
    wecom = [env_str(name).strip() for name in WECOM_CALLBACK]
    if any(wecom) and not all(wecom):
        missing = "、".join(name for name, value in zip(WECOM_CALLBACK, wecom, strict=True) if not value)
        return [checks.Error(f"企业微信回调须同时设置 {missing}", id="zhidu.notifications.E003")]
    if wecom[1] and aes_key_of(wecom[1]) is None:
        return [
            checks.Error(
                "ZHIDU_WECOM_ENCODING_AES_KEY 应为企业微信后台生成的 43 位 EncodingAESKey",
                id="zhidu.notifications.E004",
            )
        ]
    try:
        window = Window.from_env()
    except ValueError as error:
        return [checks.Error(str(error), id="zhidu.notifications.E001")]
    if window.morning >= window.night:
        return [checks.Error("ZHIDU_NOTIFY_MORNING 须早于 ZHIDU_NOTIFY_NIGHT", id="zhidu.notifications.E002")]
    return []
