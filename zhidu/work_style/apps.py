from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkStyleConfig(AppConfig):
    """R17: work style."""

    name = "zhidu.work_style"
    label = "work_style"
    verbose_name = _("Work style")
