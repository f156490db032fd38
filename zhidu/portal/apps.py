from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """The township's public portal: published pages (R1§7(6), R11, R13), without log-in."""

    name = "zhidu.portal"
    label = "portal"
    verbose_name = _("Public portal")
