from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeriodicReportsConfig(AppConfig):
    """R15: periodic reports."""

    name = "zhidu.periodic_reports"
    label = "periodic_reports"
    verbose_name = _("Periodic reports")
