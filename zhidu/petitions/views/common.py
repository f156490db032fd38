"""What the petition pages share: the acting person, the case as the user may see it (another
township's: 404; one the user does not handle: 403) and the rule-check panel's context."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from zhidu.core.access import get_scoped
from zhidu.petitions import access, judging
from zhidu.petitions.models import Case
from zhidu.rules import SEVERITY_LABELS


def person_of(request):
    if request.person is None or request.person.township_id != request.township.pk:
        raise PermissionDenied("no person of this township")
    return request.person


def load(request, pk: int) -> Case:
    case = get_scoped(
        Case.objects.select_related("department", "leader", "township", "handler"), request, pk=pk
    )
    if not access.sees(request.user, case):
        raise PermissionDenied("petitions.view")
    return case


def panel(case: Case, evaluation=None, error: str = "") -> dict:
    """The 制度检查 panel: the findings of the case (or of the unsaved form) by R21§4's checks."""
    evaluation = evaluation if evaluation is not None or error else judging.evaluate(case)
    return {
        "evaluation": evaluation,
        "record_error": error,
        "severity_labels": SEVERITY_LABELS,
        "original_due": judging.original_due(case),
    }
