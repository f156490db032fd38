from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpennessConfig(AppConfig):
    """R11: party-affairs openness."""

    name = "zhidu.openness"
    label = "openness"
    verbose_name = _("Party-affairs openness")

    def ready(self):
        from zhidu import rules
        from zhidu.core.context import register_navigation
        from zhidu.obligations.jobs import register_generator
        from zhidu.obligations.kinds import register_kind, register_source
        from zhidu.openness import checks
        from zhidu.openness.services.publish import generate
        from zhidu.org.demo import register_step

        rules.register_area(checks.AREA, checks.OpennessParameters)
        # Each is fulfilled by its own act: the publication recorded, the report filed.
        register_kind("openness-publish", _("periodic publication"), completed_at_source=True)  # R11§8(1)
        register_kind(
            "openness-self-check", _("openness self-check report"), completed_at_source=True
        )  # R11§13
        register_kind("openness-rectify", _("openness rectification"), completed_at_source=True)  # R11§14
        register_source("openness.opennessassessment", "openness:assessment")
        register_generator("openness.publish", generate)
        register_navigation("openness:index", _("Party-affairs openness"), "openness.view")
        register_step("openness", "zhidu.openness.demo.create")
        from zhidu.openness.services.publish import on_portal_page
        from zhidu.portal.services import register_published_hook

        # A 党务公开 page published on the township's portal is the committee's publication.
        register_published_hook("openness", on_portal_page)
