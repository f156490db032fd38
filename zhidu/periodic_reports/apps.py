from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeriodicReportsConfig(AppConfig):
    """R15: periodic reports."""

    name = "zhidu.periodic_reports"
    label = "periodic_reports"
    verbose_name = _("Periodic reports")

    def ready(self):
        from zhidu import rules
        from zhidu.core.context import register_navigation
        from zhidu.obligations.jobs import register_generator
        from zhidu.obligations.kinds import register_kind, register_source
        from zhidu.org.demo import register_step
        from zhidu.periodic_reports import checks, periodic

        rules.register_area(checks.AREA, checks.ReportParameters)
        # R15: the members' and branches' duties, opened by the one job (zhidu sweep). The kind code
        # "periodic-report" is the one the obligations kernel used before this area took it over.
        register_generator("periodic_reports", periodic.generate)
        register_kind("periodic-report", _("periodic report"))  # R15, the kernel's former code
        # Fulfilled by the report itself on its form (recording it completes the duty), never by a
        # bare "mark done": the duty's link opens the form.
        register_kind("member-report", _("report to the branch"), completed_at_source=True)  # R15§3(1)
        register_kind(
            "periodic-report-away", _("written quarterly report (away)"), completed_at_source=True
        )  # R15§3(2)
        register_kind("branch-report", _("branch quarterly report"), completed_at_source=True)  # R15§8
        register_source("periodic_reports.branchmember", "periodic_reports:record")
        register_source("org.branch", "periodic_reports:branch-report")
        register_step("periodic_reports", "zhidu.periodic_reports.demo.create")
        register_navigation("periodic_reports:index", _("Periodic reports"), "periodic_reports.view")
