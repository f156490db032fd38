from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LifeMeetingsConfig(AppConfig):
    """R13: democratic life meetings."""

    name = "zhidu.life_meetings"
    label = "life_meetings"
    verbose_name = _("Democratic life meetings")
