"""The rules kernel, below every area: the `Finding` a check returns (code, severity, article), the
areas' `RuleParameters` and the township's one versioned rule set (`models.RuleSet`, looked up with
`parameters_for`), and the record formats `zhidu evaluate` dispatches on (`formats`). It imports no
area: each area registers its parameters and its formats from its app's `ready()`.

Importing this package loads no model, so pure checks and `zhidu evaluate` may import it before
Django is set up."""

from zhidu.rules.findings import ADVICE, INVALID, SEVERITIES, SEVERITY_LABELS, VIOLATION, Finding, is_article
from zhidu.rules.parameters import RuleParameters, areas, parameter, register_area
from zhidu.rules.versions import parameters_for

__all__ = [
    "ADVICE",
    "INVALID",
    "SEVERITIES",
    "SEVERITY_LABELS",
    "VIOLATION",
    "Finding",
    "RuleParameters",
    "areas",
    "is_article",
    "parameter",
    "parameters_for",
    "register_area",
]
