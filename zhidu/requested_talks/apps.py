from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RequestedTalksConfig(AppConfig):
    """R19: requested talks."""

    name = "zhidu.requested_talks"
    label = "requested_talks"
    verbose_name = _("Requested talks")
