from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HeartTalksConfig(AppConfig):
    """R20: heart-to-heart talks."""

    name = "zhidu.heart_talks"
    label = "heart_talks"
    verbose_name = _("Heart-to-heart talks")

    def ready(self):
        from zhidu import rules
        from zhidu.core.context import register_navigation
        from zhidu.heart_talks import checks, facts, periodic
        from zhidu.obligations.jobs import register_generator
        from zhidu.obligations.kinds import register_kind, register_source
        from zhidu.org.demo import register_step
        from zhidu.rules.year_facts import register_year_facts

        # R20§2: the must-talk deadline (30 days by default) in the township's rule set.
        rules.register_area(checks.AREA, checks.HeartTalkParameters)
        # The quotas per pair and period and the job changes, opened by the one job (zhidu sweep).
        register_generator("heart_talks", periodic.generate)
        # Completed by recording the talks (the count reaching the quota), never by "mark done".
        register_kind("heart-talk-quota", _("heart-to-heart talk quota"), completed_at_source=True)
        register_kind("heart-talk-trigger", _("must-talk"), completed_at_source=True)
        register_source("heart_talks.musttalk", "heart_talks:trigger")
        register_source("heart_talks.talkquota", "heart_talks:quota")
        register_navigation("heart_talks:list", _("Heart-to-heart talks"), "heart_talks.view")
        # R20 "各级领导干部要把谈心谈话制度的执行情况作为年终述职的主要内容": the R10 annex.
        register_year_facts("heart_talks", _("Heart-to-heart talks"), facts.year_facts, order=60)
        register_step("heart_talks", "zhidu.heart_talks.demo.create")
