"""System checks of the trust app (run by `manage.py check`)."""

from __future__ import annotations

from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured

from zhidu.trust import conf


def hash_setting(app_configs=None, **kwargs):
    try:
        conf.hash_algorithm()
    except ImproperlyConfigured as error:
        return [checks.Error(str(error), id="zhidu.trust.E001")]
    return []


def checkpoint_key(app_configs=None, **kwargs):
    if conf.key_is_explicit() or settings.DEBUG:
        return []
    return [
        checks.Info(
            "未设置 ZHIDU_CHECKPOINT_KEY：链签名密钥由 SECRET_KEY 派生，更换 SECRET_KEY 后旧签名都将无法校验",
            id="zhidu.trust.I001",
        )
    ]


def register() -> None:
    checks.register(hash_setting)
    checks.register(checkpoint_key, checks.Tags.security, deploy=True)
    from zhidu.trust import sealing

    checks.register(sealing.check_keys)
    checks.register(sealing.check_deploy_keys, checks.Tags.security, deploy=True)
