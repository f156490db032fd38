from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpinionsConfig(AppConfig):
    """R16: public opinion (社情民意), raised on the portal or entered by the office."""

    name = "zhidu.opinions"
    label = "opinions"
    verbose_name = _("Public opinion")
