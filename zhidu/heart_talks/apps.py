from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HeartTalksConfig(AppConfig):
    """R20: heart-to-heart talks."""

    name = "zhidu.heart_talks"
    label = "heart_talks"
    verbose_name = _("Heart-to-heart talks")
