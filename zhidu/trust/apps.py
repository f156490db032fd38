from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrustConfig(AppConfig):
    name = "zhidu.trust"
    label = "trust"
    verbose_name = _("Trust")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in, user_login_failed
        from django.db.backends.signals import connection_created
        from django.db.models.signals import post_migrate

        from zhidu.core import addresses
        from zhidu.core.models import AuditEntry
        from zhidu.trust import checks, clientaddr, immutability, ledger, lockout
        from zhidu.trust.models import ChainEntry

        checks.register()
        # The audit trail's "from which address" follows trust's rule for X-Forwarded-For.
        addresses.install(clientaddr.client_address)
        connection_created.connect(immutability.on_connection_created, dispatch_uid="zhidu.trust.connection")
        # Trust chains and guards the audit trail of core below it; areas declare their own rows
        # from their ready() (meetings: the archive versions of R1§10).
        ledger.register_chained(AuditEntry, kind="audit")
        immutability.register_guarded(AuditEntry)
        immutability.register_guarded(ChainEntry)
        post_migrate.connect(_reinstall_triggers, sender=self, dispatch_uid="zhidu.trust.triggers")
        user_login_failed.connect(lockout.on_login_failed, dispatch_uid="zhidu.trust.login_failed")
        user_logged_in.connect(lockout.on_logged_in, dispatch_uid="zhidu.trust.logged_in")


def _reinstall_triggers(sender, using="default", apps=None, **kwargs) -> None:
    """SQLite loses a table's triggers when a later migration rebuilds the table: put them back."""
    from django.db import connections

    from zhidu.trust import immutability

    if apps is None or "trust" not in apps.app_configs:
        return
    try:
        apps.get_model("trust", "ChainEntry")
    except LookupError:
        return
    connection = connections[using]
    if not immutability.installed(connection, apps):
        immutability.install(connection, apps)
