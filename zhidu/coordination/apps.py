from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoordinationConfig(AppConfig):
    """R14: communication and coordination."""

    name = "zhidu.coordination"
    label = "coordination"
    verbose_name = _("Communication and coordination")
