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

        # Every recurring duty is its area's own generator now; the kernel's step opens none.
        jobs.register_generator("obligations.periodic", periodic.generate)
        serving.connect(scheduler.on_serving, dispatch_uid="zhidu.obligations.scheduler")
        register_step("obligations", "zhidu.obligations.demo.create")
