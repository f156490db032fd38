"""The petitioner told of each step (issue 16, R21): accepted, routed to the handling department,
extended with its reason and new due day, answered. One message per step to the address the
petitioner chose (SMS or e-mail, sealed on the case), through zhidu.notifications.public, in the
step's transaction; the state and the receipt code with the follow link, never personal data."""

from __future__ import annotations

from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from zhidu.core.chinese import cn_date
from zhidu.notifications import public
from zhidu.petitions import codes
from zhidu.petitions.models import Case

TOPIC = "petitions.progress"
STEPS = {
    "accepted": gettext_noop("accepted, to be answered by %(day)s"),
    "routed": gettext_noop("given to %(department)s to handle, to be answered by %(day)s"),
    "extended": gettext_noop("the time to answer was extended to %(day)s"),
    "answered": gettext_noop("answered and closed"),
}


def tell(case: Case, step: str) -> int:
    with translation.override("zh-hans"):
        state = _(STEPS[step]) % {
            "day": cn_date(case.due_on),
            "department": case.department.name if case.department else "",
        }
        details = []
        if step == "extended" and case.extension_reason:
            details.append(_("Reason of the extension: %(reason)s") % {"reason": case.extension_reason})
        if step == "answered":
            details.append(_("Read the answer on the follow page with your receipt code."))
        what = _("petition case")
    return len(
        public.tell(
            township=case.township,
            topic=TOPIC,
            key=f"petition:{case.pk}:{step}",
            notify_by=case.notify_by,
            address=case.notify_address,
            what=what,
            code=codes.grouped(case.code),
            state=state,
            follow_path=reverse("petitions:follow"),
            details=details,
            target=case,
        )  # fmt: skip
    )
