from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    """What leaves Zhidu: the outbox and its channels (e-mail, SMS, WeCom, DingTalk)."""

    name = "zhidu.notifications"
    label = "notifications"
    verbose_name = _("Notifications")

    def ready(self) -> None:
        from zhidu.notifications import digest
        from zhidu.obligations import jobs

        # The scheduler's one job (zhidu sweep, the embedded thread): queue the digests, deliver.
        jobs.register_generator("notifications", digest.step)
