"""`zhidu.evaluation/1`: an Evaluation as the JSON document of the spec
(../shared/spec/meeting-record.md, "Output"). Keys in the spec's order; `provisional` on an
obligation is this project's addition (the spec allows added fields, never changed ones)."""

from __future__ import annotations

from typing import Any

from zhidu.meetings.checks import Evaluation
from zhidu.rules import Finding

FORMAT = "zhidu.evaluation/1"


def to_json(evaluation: Evaluation) -> dict[str, Any]:
    quorum = evaluation.quorum
    return {
        "format": FORMAT,
        "quorum": {
            "expected": quorum.expected,
            "present": quorum.present,
            "required": quorum.required,
            "met": quorum.met,
        },
        "findings": [_finding(f) for f in evaluation.findings],
        "items": [
            {
                "id": item.id,
                "outcome": item.outcome,
                "for": item.for_,
                "needed": item.needed,
                "findings": [_finding(f) for f in item.findings],
            }
            for item in evaluation.items
        ],
        "obligations": [
            {
                "code": o.code,
                "item": o.item,
                "due": None if o.due is None else o.due.isoformat(),
                "provisional": o.provisional,
            }
            for o in evaluation.obligations
        ],
    }


def _finding(finding: Finding) -> dict[str, str]:
    return {
        "code": finding.code,
        "severity": finding.severity,
        "article": finding.article,
        "message": finding.message,
    }
