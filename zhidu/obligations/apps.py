from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ObligationsConfig(AppConfig):
    name = "zhidu.obligations"
    label = "obligations"
    verbose_name = _("Obligations")

    def ready(self) -> None:
        from zhidu.core.signals import serving
        from zhidu.obligations import jobs, periodic, receivers, scheduler  # noqa: F401
        from zhidu.org.demo import register_step

        # The committee's recurring duties (R10, R13, R15, R17, R18, R20): about the whole team, so
        # they live in this kernel; they name area kinds by key only.
        jobs.register_generator("obligations.periodic", periodic.generate)
        from zhidu.obligations.kinds import register_committee_kinds

        register_committee_kinds()
        serving.connect(scheduler.on_serving, dispatch_uid="zhidu.obligations.scheduler")
        register_step("obligations", "zhidu.obligations.demo.create")
