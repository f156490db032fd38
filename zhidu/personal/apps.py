from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PersonalConfig(AppConfig):
    name = "zhidu.personal"
    label = "personal"
    verbose_name = _("Personal-matter reports")

    def ready(self):
        from zhidu.org.demo import register_step

        register_step("personal", "zhidu.personal.demo.create")
