from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CountyConfig(AppConfig):
    """Issue 18: the county's view across its townships (the organization and discipline offices)."""

    name = "zhidu.county"
    label = "county"
    verbose_name = _("County overview")

    def ready(self):
        from zhidu.core.context import register_navigation

        register_navigation("county:index", _("County overview"), "county.view")
