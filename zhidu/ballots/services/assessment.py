"""R10 无记名民主测评: attendees rate the team and each member, with one-time codes or on paper.
Results go back to each member privately, and no breakdown is shown for fewer than five
respondents: with so few, a grade could be traced to who gave it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import transaction

from zhidu.ballots.models import Assessment, AssessmentSubject, BallotBox, Rating
from zhidu.ballots.services.common import refuse, require
from zhidu.core import audit

if TYPE_CHECKING:
    from zhidu.core.permissions import Actor
    from zhidu.meetings.models import Meeting
    from zhidu.org.models import Person, Township


RESULT_THRESHOLD = 5


def create_assessment(
    *,
    township: Township,
    year: int,
    title: str,
    members: Iterable[Person],
    meeting: Meeting | None = None,
    user: Actor | None = None,
) -> Assessment:
    """The subjects: the team as a whole first, then each member in the given order. Its rounds
    are boxes opened by `zhidu.ballots.services.create_box`, as for an agenda entry."""
    require(user, "assessments.manage", township)
    members = list(members)
    if not title.strip():
        refuse("title", "请填写测评名称")
    if not members:
        refuse("members", "请选择参加测评的班子成员")
    with transaction.atomic():
        assessment = Assessment.objects.create(
            township=township, year=year, title=title.strip(), meeting=meeting
        )
        AssessmentSubject.objects.create(township=township, assessment=assessment, person=None, position=0)
        AssessmentSubject.objects.bulk_create(
            [
                AssessmentSubject(township=township, assessment=assessment, person=p, position=i)
                for i, p in enumerate(members, start=1)
            ]
        )
        audit.record(
            user, "assessments.create", assessment, summary=assessment.title, subjects=len(members) + 1
        )
    return assessment


@dataclass(frozen=True)
class SubjectResult:
    subject: AssessmentSubject
    respondents: int
    # grade -> number, in the order of Rating; None when hidden (fewer than RESULT_THRESHOLD).
    counts: dict[str, int] | None


def assessment_results(
    assessment: Assessment, *, subjects: Iterable[AssessmentSubject] | None = None
) -> list[SubjectResult] | None:
    """The results of the closed round, per subject (all, or only `subjects`); None before any round
    closed. Fewer respondents than RESULT_THRESHOLD: the number of respondents only."""
    box = assessment.boxes.filter(state=BallotBox.State.CLOSED).first()
    if box is None:
        return None
    respondents = box.ballots_counted or 0
    shown = respondents >= RESULT_THRESHOLD
    tallies = {(t.subject_id, t.rating): t.count for t in box.tallies.all()}
    wanted = assessment.subjects.select_related("person")
    if subjects is not None:
        wanted = wanted.filter(pk__in=[s.pk for s in subjects])
    return [
        SubjectResult(
            subject=s,
            respondents=respondents,
            counts={r: tallies.get((s.pk, r), 0) for r in Rating.values} if shown else None,
        )
        for s in wanted
    ]
