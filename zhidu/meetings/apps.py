from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "zhidu.meetings"
    label = "meetings"
    verbose_name = _("Meetings and decisions")

    def ready(self):
        from zhidu.org.demo import register_step

        register_step("meetings", "zhidu.meetings.demo.create")
