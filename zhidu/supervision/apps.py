from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupervisionConfig(AppConfig):
    name = "zhidu.supervision"
    label = "supervision"
    verbose_name = _("Supervision and follow-up")

    def ready(self):
        from zhidu import rules
        from zhidu.supervision import checks

        # R7: this area's parameters (the progress-report interval) in the township's rule set.
        rules.register_area(checks.AREA, checks.SupervisionParameters)
        from zhidu.obligations.jobs import register_generator
        from zhidu.org.demo import register_step
        from zhidu.supervision import periodic

        # R5/R6 responsibility letters and R7 progress reports, opened by the one job (zhidu sweep).
        register_generator("supervision", periodic.generate)
        register_step("supervision", "zhidu.supervision.demo.create")
        from zhidu.obligations.kinds import register_kind, register_source

        register_kind("responsibility-letter", _("responsibility letter"))  # R5, R6
        # R7: fulfilled only by filing the report on the item's page, so that the item's timeline
        # holds what the duty asked for; never by a bare "mark done" (issue 17).
        register_kind("supervision-feedback", _("supervision feedback"), completed_at_source=True)
        register_kind("supervision-rectification", _("rectification report"), completed_at_source=True)
        register_kind("supervision-progress", _("supervision progress report"), completed_at_source=True)
        # R7: the principal approves each registered item on its page (a duty in 我的待办).
        register_kind("supervision-approve", _("approval of a supervision item"), completed_at_source=True)
        register_source("supervision.supervisionitem", "supervision:item-detail")
        from zhidu.supervision import search_sources

        # Supervision items in the staff archive search (issue 15).
        search_sources.register()
        from zhidu.rules.year_facts import register_year_facts
        from zhidu.supervision import year_facts

        # R10: the supervision items a member was responsible for, in the annual self-report's annex.
        register_year_facts(year_facts.AREA, year_facts.HEADING, year_facts.facts, order=20)
