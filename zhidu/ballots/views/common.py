"""Shared by the ballot views: loading a box of the user's township and showing refusals."""

from __future__ import annotations

from typing import cast

from django.utils.translation import gettext as _

from zhidu.ballots.models import Assessment, BallotBox
from zhidu.core.access import get_scoped
from zhidu.core.permissions import allowed, reads_in
from zhidu.meetings.models import AgendaEntry


def load_box(request, pk: int) -> BallotBox:
    return get_scoped(
        BallotBox.objects.select_related(
            "entry__item", "entry__meeting", "assessment", "counter", "scrutineer"
        ),
        request,
        pk=pk,
    )


def title_of(box: BallotBox, user) -> str:
    """What the vote is about. Anyone reaches an open box's page (the code is the credential, no
    log-in needed), but the team's deliberations are not theirs to read: an item's title is shown to
    those who may read the meetings of the box's township (meetings.view); everyone else, anonymous
    visitors included, sees only that it is a meeting's vote."""
    # A box is on an entry or on an assessment, never both (BallotBox's check constraint).
    if box.entry_id is None:
        return cast(Assessment, box.assessment).title
    if allowed(user, "meetings.view") and reads_in(user, box):
        return cast(AgendaEntry, box.entry).item.title
    return _("a vote of a meeting")
