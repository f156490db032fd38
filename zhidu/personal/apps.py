from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PersonalConfig(AppConfig):
    name = "zhidu.personal"
    label = "personal"
    verbose_name = _("Personal-matter reports")

    def ready(self):
        from zhidu.org.demo import register_step

        register_step("personal", "zhidu.personal.demo.create")
        from zhidu.obligations.kinds import register_kind, register_source

        # R8: filed within 30 days on the report's own page (the filing completes it).
        register_kind("personal-report", _("personal-matter report"), completed_at_source=True)
        register_source("personal.report", "personal:detail")
