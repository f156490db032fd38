"""Shared by the ballot views: loading a box of the user's township and showing refusals."""

from __future__ import annotations

from zhidu.ballots.models import BallotBox
from zhidu.core.access import get_scoped


def load_box(request, pk: int) -> BallotBox:
    return get_scoped(
        BallotBox.objects.select_related(
            "entry__item", "entry__meeting", "assessment", "counter", "scrutineer"
        ),
        request,
        pk=pk,
    )


def title_of(box: BallotBox) -> str:
    return box.entry.item.title if box.entry_id else box.assessment.title
