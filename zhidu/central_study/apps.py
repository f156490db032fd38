from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CentralStudyConfig(AppConfig):
    """R12: central-group study."""

    name = "zhidu.central_study"
    label = "central_study"
    verbose_name = _("Central-group study")

    def ready(self):
        from zhidu import rules
        from zhidu.central_study import checks
        from zhidu.core.context import register_navigation
        from zhidu.obligations.kinds import register_kind, register_source
        from zhidu.org.demo import register_step

        rules.register_area(checks.AREA, checks.CentralStudyParameters)
        # R12§2: each planned topic is studied in a session; recording the session fulfils it.
        register_kind("study-session", _("central-group study session"), completed_at_source=True)
        register_source("central_study.studyplan", "central_study:plan")
        register_navigation("central_study:index", _("Central-group study"), "central_study.view")
        register_step("central_study", "zhidu.central_study.demo.create")
