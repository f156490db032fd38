from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SelfReportsConfig(AppConfig):
    """R10: annual self-reports."""

    name = "zhidu.self_reports"
    label = "self_reports"
    verbose_name = _("Annual self-reports")

    def ready(self):
        from zhidu import rules
        from zhidu.self_reports import checks

        # R10§4(1): the day the reports are due, set by the committee in the township's rule set.
        rules.register_area(checks.AREA, checks.SelfReportParameters)
        from zhidu.core.context import register_navigation
        from zhidu.obligations.jobs import register_generator
        from zhidu.obligations.kinds import register_kind, register_source
        from zhidu.org.demo import register_step
        from zhidu.self_reports import periodic

        # R10: one report per team member per year, completed by submitting it on its own page.
        register_generator("self_reports", periodic.generate)
        register_kind("annual-self-report", _("annual self-report"), completed_at_source=True)
        register_source("self_reports.selfreport", "self_reports:report")
        register_navigation("self_reports:index", _("Annual self-report"), "self_reports.view")
        register_step("self_reports", "zhidu.self_reports.demo.create")
