"""The township's one versioned rule set: every area's parameters, from the day they take effect.

A row is never edited: a change is a new row from a day on, so a record is judged by the rules of
its day (rulebook, preamble). `parameters` holds the areas' values by namespace, e.g.
`{"meetings": {"close_vote_margin": 1, …}, "supervision": {"progress_workdays": 10}}`; an area or a
field a row does not mention takes the rulebook default."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from zhidu.org.models import TownshipScoped
from zhidu.rules import parameters as registry


class RuleSet(TownshipScoped):
    effective_from = models.DateField(_("effective from"))
    parameters = models.JSONField(_("rulebook parameters"), default=dict, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("rulebook parameters")
        verbose_name_plural = _("rulebook parameters")
        ordering = ["township", "-effective_from"]
        constraints = [
            models.UniqueConstraint(fields=["township", "effective_from"], name="rules_ruleset_unique_day"),
        ]

    def __str__(self) -> str:
        return f"{self.township} {self.effective_from}"

    def clean(self) -> None:
        super().clean()
        if not isinstance(self.parameters, dict):
            raise ValidationError({"parameters": "应为对象"})
        known = registry.areas()
        for namespace, values in self.parameters.items():
            if namespace not in known:
                raise ValidationError({"parameters": f"{namespace}: 未知的规则领域"})
            try:
                registry.validate(known[namespace], values)
            except (ValueError, TypeError) as e:
                raise ValidationError({"parameters": f"{namespace}.{e}"}) from None

    def for_area(self, namespace: str) -> registry.RuleParameters:
        return registry.resolve(self.parameters, namespace)
