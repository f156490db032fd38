from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    """What leaves Zhidu: the outbox and its channels (e-mail, SMS, WeCom, DingTalk)."""

    name = "zhidu.notifications"
    label = "notifications"
    verbose_name = _("Notifications")
