from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoordinationConfig(AppConfig):
    """R14: communication and coordination."""

    name = "zhidu.coordination"
    label = "coordination"
    verbose_name = _("Communication and coordination")

    def ready(self):
        from zhidu import rules
        from zhidu.coordination import checks
        from zhidu.coordination.absences import leave_absences
        from zhidu.coordination.facts import year_facts
        from zhidu.coordination.services.briefing import generate
        from zhidu.core.context import register_navigation
        from zhidu.obligations.jobs import register_generator
        from zhidu.obligations.kinds import register_kind, register_source
        from zhidu.org.absences import register_absence_source
        from zhidu.org.demo import register_step
        from zhidu.rules.year_facts import register_year_facts

        rules.register_area(checks.AREA, checks.CoordinationParameters)
        # Each is fulfilled by its own act on the record's page, never by a bare "mark done".
        register_kind("friday-briefing", _("Friday briefing"), completed_at_source=True)  # R14§3
        register_kind("leave-acknowledge", _("leave to acknowledge"), completed_at_source=True)  # R14§5
        register_kind("leave-return", _("leave cancellation"), completed_at_source=True)  # R14§5
        register_kind("matter-reply", _("reply to a matter report"), completed_at_source=True)  # R14§4
        register_source("coordination.briefing", "coordination:briefing")
        register_source("coordination.leave", "coordination:leave")
        register_source("coordination.matterreport", "coordination:matter")
        register_generator("coordination.briefing", generate)
        register_absence_source("coordination.leave", leave_absences)
        register_navigation("coordination:index", _("Coordination"), "coordination.view")
        register_step("coordination", "zhidu.coordination.demo.create")
        register_year_facts("coordination", _("Leave and matter reports (R14)"), year_facts, order=140)
