from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    """What leaves Zhidu: the outbox and its channels (e-mail, SMS, WeCom, DingTalk)."""

    name = "zhidu.notifications"
    label = "notifications"
    verbose_name = _("Notifications")

    def ready(self) -> None:
        from django.core import checks

        from zhidu.notifications import digest, system_checks
        from zhidu.obligations import jobs

        checks.register(system_checks.check_deploy, checks.Tags.security, deploy=True)
        checks.register(system_checks.check_settings)

        # The scheduler's one job (zhidu sweep, the embedded thread): queue the digests, deliver.
        jobs.register_generator("notifications", digest.step)

        from zhidu.core.context import register_navigation

        register_navigation("notifications:outbox", _("Outbox"), "notifications.outbox")
