from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkdaysConfig(AppConfig):
    name = "zhidu.workdays"
    label = "workdays"
    verbose_name = _("working-day calendar")

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from zhidu.workdays import services
        from zhidu.workdays.models import HolidayNotice, WorkingDay

        # Any write of the calendar's rows in this process is seen by its next get_calendar().
        for model in (HolidayNotice, WorkingDay):
            for signal in (post_save, post_delete):
                signal.connect(
                    services.rows_changed, sender=model, dispatch_uid=f"zhidu.calendar.{signal}.{model}"
                )
