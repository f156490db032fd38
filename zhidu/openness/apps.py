from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpennessConfig(AppConfig):
    """R11: party-affairs openness."""

    name = "zhidu.openness"
    label = "openness"
    verbose_name = _("Party-affairs openness")
