from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RulesConfig(AppConfig):
    """The rules kernel: findings, parameters, the township's versioned rule set and the record
    formats of `zhidu evaluate`. It imports no area: the areas register with it from their ready()."""

    name = "zhidu.rules"
    label = "rules"
    verbose_name = _("rulebook parameters")  # the catalogue's 制度参数
