from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "zhidu.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from django.contrib.admin.models import LogEntry
        from django.core import checks
        from django.db.models.signals import post_save

        from zhidu.core import system_checks
        from zhidu.core.admin_audit import on_log_entry

        post_save.connect(on_log_entry, sender=LogEntry, dispatch_uid="zhidu.core.admin_audit")
        checks.register(system_checks.check_object_storage)
