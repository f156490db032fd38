from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PetitionsConfig(AppConfig):
    """R21: petition reception."""

    name = "zhidu.petitions"
    label = "petitions"
    verbose_name = _("Petition reception")
