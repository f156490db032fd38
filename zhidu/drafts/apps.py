from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DraftsConfig(AppConfig):
    """What a user typed into a form and has not sent yet, kept on the server per user and record
    (issue 11, "never lose what was typed"): restored on reload, on the back button and after the
    log-in that follows an expired session."""

    name = "zhidu.drafts"
    label = "drafts"
    verbose_name = _("Drafts")

    def ready(self) -> None:
        from zhidu.drafts import services
        from zhidu.obligations import jobs

        # The scheduler's one job (zhidu sweep, the embedded thread): forget drafts left too long.
        jobs.register_generator("drafts", services.sweep_step)
