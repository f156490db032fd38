from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LifeMeetingsConfig(AppConfig):
    """R13: democratic life meetings; R1§13: the yearly rule-compliance report."""

    name = "zhidu.life_meetings"
    label = "life_meetings"
    verbose_name = _("Democratic life meetings")

    def ready(self):
        from zhidu import rules
        from zhidu.core.context import register_navigation
        from zhidu.life_meetings import checks, periodic
        from zhidu.obligations.jobs import register_generator
        from zhidu.obligations.kinds import register_kind, register_source
        from zhidu.org.demo import register_step

        # R13 七: the written report's due time (15 days by default) in the township's rule set.
        rules.register_area(checks.AREA, checks.LifeMeetingParameters)
        # R13 三 the yearly meeting and R1§13 the yearly compliance report, by the one job.
        register_generator("life_meetings", periodic.generate)
        # Each fulfilled by its own act on the meeting's pages, never by a bare "mark done".
        register_kind(periodic.MEETING_KIND, _("democratic life meeting"), completed_at_source=True)
        register_kind(periodic.COMPLIANCE_KIND, _("rule-compliance report"), completed_at_source=True)
        register_kind(periodic.MEASURES_KIND, _("rectification measures"), completed_at_source=True)
        register_kind(periodic.REPORT_KIND, _("written report on the life meeting"), completed_at_source=True)
        register_kind(periodic.MEASURE_KIND, _("rectification measure"), completed_at_source=True)
        register_source("life_meetings.lifemeeting", "life_meetings:detail")
        register_source("life_meetings.measure", "life_meetings:measure")
        register_navigation("life_meetings:index", _("Democratic life meetings"), "life_meetings.view")
        register_step("life_meetings", "zhidu.life_meetings.demo.create")
