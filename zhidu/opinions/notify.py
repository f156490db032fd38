"""The submitter told of each step of their opinion (issue 16, R16): received, verified, reported,
analysed, adopted or not, carried out, the result published. One message per state to the address
they chose (SMS or e-mail, sealed on the opinion), through zhidu.notifications.public, in the
step's transaction: the state and the receipt code with the follow link, and for a decision the
text written for the public (第二十一条), never personal data."""

from __future__ import annotations

from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from zhidu.notifications import public
from zhidu.opinions.models import Opinion
from zhidu.petitions import codes

TOPIC = "opinions.progress"
State = Opinion.State


def tell(opinion: Opinion) -> int:
    """The message of the opinion's current state (queued once per state)."""
    with translation.override("zh-hans"):
        state = str(opinion.get_state_display())
        details = []
        if opinion.state in (State.ADOPTED, State.NOT_ADOPTED) and opinion.decision_note:
            details.append(_("What was decided: %(text)s") % {"text": opinion.decision_note})
        if opinion.state == State.DONE and opinion.done_note:
            details.append(_("What was carried out: %(text)s") % {"text": opinion.done_note})
        what = _("public opinion")
    return len(
        public.tell(
            township=opinion.township,
            topic=TOPIC,
            key=f"opinion:{opinion.pk}:{opinion.state}",
            notify_by=opinion.notify_by,
            address=opinion.notify_address,
            what=what,
            code=codes.grouped(opinion.code),
            state=state,
            follow_path=reverse("opinions:follow"),
            details=details,
            target=opinion,
        )  # fmt: skip
    )
