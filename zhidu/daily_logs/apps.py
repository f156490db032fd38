from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DailyLogsConfig(AppConfig):
    """R18: daily work logs."""

    name = "zhidu.daily_logs"
    label = "daily_logs"
    verbose_name = _("Daily work logs")

    def ready(self):
        from zhidu import rules
        from zhidu.daily_logs import checks, exchange

        # R18: the deadline parameter in the township's rule set, and the record format of
        # `zhidu evaluate`.
        rules.register_area(checks.AREA, checks.DailyLogParameters)
        exchange.register_format()
