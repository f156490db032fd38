from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DailyLogsConfig(AppConfig):
    """R18: daily work logs."""

    name = "zhidu.daily_logs"
    label = "daily_logs"
    verbose_name = _("Daily work logs")
