from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FamilyEventsConfig(AppConfig):
    """R9: family-event declarations."""

    name = "zhidu.family_events"
    label = "family_events"
    verbose_name = _("Family-event declarations")
