from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DailyLogsConfig(AppConfig):
    """R18: daily work logs."""

    name = "zhidu.daily_logs"
    label = "daily_logs"
    verbose_name = _("Daily work logs")

    def ready(self):
        from zhidu import rules
        from zhidu.daily_logs import checks, exchange, facts, periodic
        from zhidu.obligations.jobs import register_generator
        from zhidu.obligations.kinds import register_kind, register_source
        from zhidu.org.demo import register_step
        from zhidu.rules.week_notes import register_week_source
        from zhidu.rules.year_facts import register_year_facts

        # R18: the deadline parameter in the township's rule set, and the record format of
        # `zhidu evaluate`.
        rules.register_area(checks.AREA, checks.DailyLogParameters)
        exchange.register_format()
        # The daily duty (taken over from zhidu.obligations.periodic), fulfilled by submitting the
        # log; an unfinished task's duty is its owner's until its new deadline.
        register_generator("daily_logs", periodic.generate)
        register_kind("daily-log", _("daily work log"), completed_at_source=True)  # R18§3
        register_kind("daily-log-task", _("unfinished task of a daily log"))  # R18§2
        register_source("daily_logs.dailylog", "daily_logs:log-detail")
        # A day's duty points at the term on the team that owes it: its page is the log form.
        register_source("org.teammembership", "daily_logs:due")
        register_step("daily_logs", "zhidu.daily_logs.demo.create")
        # The R14 Friday briefing pre-fills from the week's logs; the R10 annex shows the year's.
        register_week_source("daily_logs", facts.week_notes)
        register_year_facts("daily_logs", _("Daily work logs (R18)"), facts.year_facts, order=180)
        # R18 第三: a log sent by SMS or WeChat ("日志 …") through the notifications webhooks.
        from zhidu.daily_logs import inbound
        from zhidu.notifications.inbound import register_command

        register_command(inbound.WORD, inbound.handle)
        from zhidu.core.context import register_navigation

        register_navigation("daily_logs:today", _("Daily log"), "daily_logs.view")
