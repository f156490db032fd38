from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "zhidu.meetings"
    label = "meetings"
    verbose_name = _("Meetings and decisions")

    def ready(self):
        from zhidu import rules
        from zhidu.meetings import checks, exchange

        # R1–R4: this area's parameters in the township's rule set, and its record format for
        # `zhidu evaluate`.
        rules.register_area(checks.AREA, checks.MeetingParameters)
        exchange.register_format()
        from zhidu.meetings.models import ArchiveVersion
        from zhidu.org.demo import register_step
        from zhidu.trust import immutability, ledger

        # R1§10: an archived version joins the hash chain and the database refuses to change it.
        ledger.register_chained(ArchiveVersion, kind="archive")
        immutability.register_guarded(ArchiveVersion)
        register_step("meetings", "zhidu.meetings.demo.create")
        from zhidu.obligations.kinds import register_kind, register_source

        # The duties R1 attaches to a meeting and its decisions.
        register_kind("publish", _("publication"))  # R1§7(6)
        register_kind("re-deliberate", _("re-deliberation"))  # R1§7(5), R1§12
        register_kind("report-emergency", _("report of an emergency decision"))  # R1§8
        register_kind("notice-receipt", _("receipt of a meeting notice"), completed_at_source=True)  # R1§7(2)
        # A cancelled meeting, told to each expected member on their duties page (read, then done).
        register_kind("meeting-cancelled", _("a cancelled meeting to note"))
        # R1§8: emergency action without a meeting, reported to the next team meeting; R1§9: important
        # minutes sent to the city-level leader in charge.
        register_kind("emergency-report", _("report of an emergency action to the next team meeting"))
        register_kind("send-minutes", _("sending of important minutes to the city-level leader"))
        # R4 and R1§7(1): each step of an item is someone's duty, fulfilled by acting on the item's
        # page: the leader in charge's approval of a department's proposal, the principal's, the
        # proposer's revision of a returned item. R1§9: the chair signs the minutes. R4: a decision
        # that needs the superior's approval or filing is submitted to the superior.
        register_kind("item-leader", _("approval of a department's item by its leader in charge"),
                      completed_at_source=True)  # fmt: skip
        register_kind("item-approve", _("approval of an item for the agenda"), completed_at_source=True)
        register_kind("item-revise", _("revision of a returned item"), completed_at_source=True)
        register_kind("sign-minutes", _("signing of the minutes"), completed_at_source=True)
        register_kind("superior-approval", _("submission of a decision to the superior"))
        register_source("meetings.item", "meetings:item-detail")
        register_source("meetings.meeting", "meetings:meeting-detail")
        from zhidu.meetings import search_sources

        # Minutes and decisions in the staff archive search (issue 15).
        search_sources.register()
        register_source("meetings.emergencyaction", "meetings:emergency-detail")
        from zhidu.meetings import year_facts
        from zhidu.rules.year_facts import register_year_facts

        # R10: meetings attended and missed, items in charge, in the annual self-report's annex.
        register_year_facts(year_facts.AREA, year_facts.HEADING, year_facts.facts, order=10)
