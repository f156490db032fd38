from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkStyleConfig(AppConfig):
    """R17: work style."""

    name = "zhidu.work_style"
    label = "work_style"
    verbose_name = _("Work style")

    def ready(self):
        from zhidu import rules
        from zhidu.core.context import register_navigation
        from zhidu.obligations.jobs import register_generator
        from zhidu.obligations.kinds import register_kind, register_source
        from zhidu.org.demo import register_step
        from zhidu.rules.year_facts import register_year_facts
        from zhidu.work_style import checks, facts, periodic

        rules.register_area(checks.AREA, checks.WorkStyleParameters)
        # R17: one contact per pair per month, one zero-reception check per village per quarter.
        register_generator("work_style", periodic.generate)
        # The kind code the obligations kernel used before this area took the monthly contact over.
        register_kind(
            "contact-visit", _("contact with a paired village or household"), completed_at_source=True
        )  # R17§3(1)
        register_kind(
            "zero-reception-decision", _("committee decision on a village meal"), completed_at_source=True
        )  # R17§3(3)
        register_kind(
            "zero-reception-inspection", _("zero-reception inspection"), completed_at_source=True
        )  # R17§3(3)
        register_kind(
            "zero-reception-rectify", _("zero-reception rectification"), completed_at_source=True
        )  # R17§4(6)
        # Fulfilled on their own pages (logging the contact, recording the decision or the rectification).
        register_source("work_style.supportpair", "work_style:contact")
        register_source("work_style.receptionrequest", "work_style:reception")
        register_source("org.village", "work_style:village-inspect")
        register_source("work_style.receptioninspection", "work_style:inspection")
        register_step("work_style", "zhidu.work_style.demo.create")
        register_navigation("work_style:index", _("Paired support"), "work_style.view")
        # R10 annex: the member's pairs and contacts of the year.
        register_year_facts("work_style", _("Paired support (R17)"), facts.year_facts, order=60)
