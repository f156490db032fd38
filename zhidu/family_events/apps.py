from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FamilyEventsConfig(AppConfig):
    """R9: family-event declarations."""

    name = "zhidu.family_events"
    label = "family_events"
    verbose_name = _("Family-event declarations")

    def ready(self):
        from zhidu import rules
        from zhidu.core.context import register_navigation
        from zhidu.family_events import checks, records
        from zhidu.family_events.year import facts
        from zhidu.obligations.kinds import register_kind, register_source
        from zhidu.org.demo import register_step
        from zhidu.rules.year_facts import register_year_facts

        # R9: this area's parameters (the 10 days) and its record format for `zhidu evaluate`.
        rules.register_area(checks.AREA, checks.FamilyEventParameters)
        records.register_format()
        # R9§2: the written form 10 days before; after an oral funeral report, within 10 days after;
        # R9§3: a correction asked by discipline inspection. Each completed on the declaration's page.
        register_kind("family-event-report", _("family-event declaration"), completed_at_source=True)
        register_kind(
            "family-event-written", _("written form after an oral report"), completed_at_source=True
        )
        register_kind("family-event-correction", _("correction of a declaration"), completed_at_source=True)
        register_source("family_events.declaration", "family_events:detail")
        register_navigation("family_events:list", _("Family events"), "family_events.declare")
        register_step("family_events", "zhidu.family_events.demo.create")
        # R10: the flags of R9§3 and the declarations feed the member's year-end annex.
        register_year_facts("family_events", _("Family-event declarations (R9)"), facts, order=60)
