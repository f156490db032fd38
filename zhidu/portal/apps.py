from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """The township's public portal: published pages (R1§7(6), R11, R13), without log-in."""

    name = "zhidu.portal"
    label = "portal"
    verbose_name = _("Public portal")

    def ready(self):
        from zhidu.core.context import register_navigation
        from zhidu.obligations.jobs import register_generator
        from zhidu.org.demo import register_step
        from zhidu.portal import counter
        from zhidu.portal.links import register_public_link

        register_navigation("portal:staff-list", _("Portal"), "portal.view")
        register_navigation("portal:staff-comments", _("Comments of the public"), "portal.moderate")
        register_step("portal", "zhidu.portal.demo.create")
        # The read counts of every process reach the database in batches, with the scheduler's job.
        register_generator("portal-views", counter.flush_job)
        # Petition reception's public pages (zhidu.petitions.urls), by URL name: the portal imports
        # no area. The petitions app may register them itself from its ready() instead.
        register_public_link(
            "petitions:public-schedule", _("Reception schedule of the leaders"), 10, township_arg=True
        )
        register_public_link("petitions:follow", _("Follow your case"), 20)
        register_public_link("petitions:privacy", _("Privacy notice"), 90)
