from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RequestedTalksConfig(AppConfig):
    """R19: requested talks."""

    name = "zhidu.requested_talks"
    label = "requested_talks"
    verbose_name = _("Requested talks")

    def ready(self):
        from zhidu import rules
        from zhidu.core.context import register_navigation
        from zhidu.obligations.jobs import register_generator
        from zhidu.obligations.kinds import register_kind, register_source
        from zhidu.org.demo import register_step
        from zhidu.requested_talks import checks, facts, periodic
        from zhidu.rules.year_facts import register_year_facts

        # R19: talk days a month and the follow-up card's review and answer deadlines.
        rules.register_area(checks.AREA, checks.RequestedTalkParameters)
        # Fulfilled on their own pages (recording the talk, handing, answering), never "mark done".
        register_kind("requested-talk", _("requested talk"), completed_at_source=True)
        # "一般每月安排1-2天": a leader with no talk day in a month may close the duty with "mark done".
        register_kind("talk-days", _("talk days of the month"))
        register_kind("talk-card-review", _("follow-up card review"), completed_at_source=True)
        register_kind("talk-card-answer", _("follow-up card answer"), completed_at_source=True)
        # 三: each team member publishes the month's talk days, opened by the one job (zhidu sweep).
        register_generator("requested_talks", periodic.generate)
        register_source("requested_talks.talkbooking", "requested_talks:detail")
        register_source("requested_talks.followupcard", "requested_talks:card")
        register_navigation("requested_talks:list", _("Requested talks"), "requested_talks.view")
        register_year_facts("requested_talks", _("Requested talks"), facts.year_facts, order=65)
        register_step("requested_talks", "zhidu.requested_talks.demo.create")
