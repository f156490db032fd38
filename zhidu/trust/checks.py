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
    """Without ZHIDU_CHECKPOINT_KEY the chain key is derived from SECRET_KEY, which by default lives
    in var/secret_key beside the SQLite file: whoever reads that folder can recompute the chain and
    forge a consistent trail (issue 17). A deployment sets the key apart from the data."""
    if conf.key_is_explicit() or settings.DEBUG:
        return []
    return [
        checks.Warning(
            "未单独设置 ZHIDU_CHECKPOINT_KEY：链签名密钥由 SECRET_KEY 派生（默认保存在数据库旁的 var/secret_key），"
            "能读取该目录的人即可重算整条审计链",
            hint="从环境变量设置 ZHIDU_CHECKPOINT_KEY，并将其保存在数据库服务器以外（见 README 的 Keys 一节）",
            id="zhidu.trust.W001",
        )
    ]


def database_role(app_configs=None, **kwargs):
    """PostgreSQL: the runtime role must not be a superuser. A superuser may purge the audit trail
    (the immutability triggers let the test suite's purge flag through for superusers only, and a
    superuser can drop triggers anyway)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return []
    with connection.cursor() as cursor:
        cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
        row = cursor.fetchone()
    if not row or not row[0]:
        return []
    return [
        checks.Warning(
            "数据库连接使用超级用户角色：超级用户可以删除审计记录和哈希链",
            hint="为 Zhidu 建一个普通角色（拥有其数据表，但不是超级用户），并在 DATABASE_URL 中使用它",
            id="zhidu.trust.W002",
        )
    ]


def register() -> None:
    checks.register(hash_setting)
    checks.register(checkpoint_key, checks.Tags.security, deploy=True)
    checks.register(database_role, checks.Tags.security, deploy=True)
    from zhidu.trust import sealing

    checks.register(sealing.check_keys)
    checks.register(sealing.check_deploy_keys, checks.Tags.security, deploy=True)
