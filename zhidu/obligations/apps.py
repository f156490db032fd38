from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ObligationsConfig(AppConfig):
    name = "zhidu.obligations"
    label = "obligations"
    verbose_name = _("Obligations")

    def ready(self):
        from zhidu.obligations import receivers  # noqa: F401
