from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PetitionsConfig(AppConfig):
    """R21: petition reception."""

    name = "zhidu.petitions"
    label = "petitions"
    verbose_name = _("Petition reception")

    def ready(self):
        from zhidu import rules
        from zhidu.petitions import checks

        # R21§4: this area's parameters in the township's rule set, and `zhidu.petition/1` for
        # `zhidu evaluate`.
        rules.register_area(checks.AREA, checks.PetitionParameters)
        checks.register_format()
        from zhidu.core.context import register_navigation
        from zhidu.obligations.jobs import register_generator
        from zhidu.obligations.kinds import register_kind, register_source
        from zhidu.org.demo import register_step
        from zhidu.petitions import monthly

        register_navigation("petitions:list", _("Petitions"), "petitions.view")
        register_step("petitions", "zhidu.petitions.demo.create")
        # R21: the committee hears the month's receptions; the party office owes the report.
        register_generator("petitions", monthly.generate)
        register_kind("petition-answer", _("answer to a petition"), completed_at_source=True)  # R21§4
        # 重点约访: the leader meets the petitioner booked and instructs.
        register_kind("petition-appointment", _("appointment with a petitioner"), completed_at_source=True)
        register_kind(
            "petition-monthly-report", _("monthly report on receptions"), completed_at_source=True
        )  # R21
        register_source("petitions.case", "petitions:detail")
        register_source("petitions.monthlyreport", "petitions:report")
        from zhidu.petitions import search_sources

        # Petition cases in the staff archive search (issue 15).
        search_sources.register()
        from zhidu.petitions import services
        from zhidu.workdays.signals import calendar_changed

        # R21§4: a holiday notice moves the due days of the open cases (and the duties their own).
        calendar_changed.connect(services.on_calendar_changed, dispatch_uid="petitions-due-days")
