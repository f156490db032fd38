from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpinionsConfig(AppConfig):
    """R16: public opinion (社情民意), raised on the portal or entered by the office."""

    name = "zhidu.opinions"
    label = "opinions"
    verbose_name = _("Public opinion")

    def ready(self):
        from zhidu.core.context import register_navigation
        from zhidu.obligations.jobs import register_generator
        from zhidu.obligations.kinds import register_kind, register_source
        from zhidu.opinions import monthly
        from zhidu.org.demo import register_step

        register_navigation("opinions:list", _("Public opinion"), "opinions.view")
        register_step("opinions", "zhidu.opinions.demo.create")
        # R16§20: the party office analyses the month's opinions.
        register_generator("opinions", monthly.generate)
        register_kind(
            "opinion-monthly-analysis", _("monthly analysis of public opinion"), completed_at_source=True
        )
        register_source("opinions.monthlyanalysis", "opinions:analysis-of")
        from zhidu.portal.links import register_public_link

        # The portal's public services (办事服务): raise an opinion with one's village, follow it.
        register_public_link("opinions:submit", _("Raise an opinion"), 20, township_arg=True)
        register_public_link("opinions:follow", _("Follow an opinion by its receipt code"), 21)
