from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CentralStudyConfig(AppConfig):
    """R12: central-group study."""

    name = "zhidu.central_study"
    label = "central_study"
    verbose_name = _("Central-group study")
