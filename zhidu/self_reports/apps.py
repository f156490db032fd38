from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SelfReportsConfig(AppConfig):
    """R10: annual self-reports."""

    name = "zhidu.self_reports"
    label = "self_reports"
    verbose_name = _("Annual self-reports")
