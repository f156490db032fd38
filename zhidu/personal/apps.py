from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PersonalConfig(AppConfig):
    name = "zhidu.personal"
    label = "personal"
    verbose_name = _("Personal-matter reports")
