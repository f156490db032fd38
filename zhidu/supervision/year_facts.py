"""R7's part of the R10 annual self-report's annex (zhidu.rules.year_facts): the supervision items a
person was responsible for in a year (by the item's year), and how they went: closed or accepted on
time, completed late, still open past the deadline, still in hand. Registered from `ready()`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zhidu.core.chinese import cn_date
from zhidu.rules.year_facts import YearFacts

if TYPE_CHECKING:
    from zhidu.org.models import Person

AREA = "supervision"
HEADING = _("Supervision items in charge")
MAX_LINES = 40


def facts(person: Person, year: int) -> YearFacts:
    from zhidu.supervision.models import FeedbackRound, SupervisionItem

    State = SupervisionItem.State
    today = timezone.localdate()
    items = list(
        SupervisionItem.objects.filter(township=person.township_id, owner_person=person, year=year)
        .prefetch_related("rounds")
        .order_by("number")
    )
    counts = {"on_time": 0, "late": 0, "overdue": 0, "open": 0, "waiting": 0}
    lines = []
    for item in items:
        accepted = [r for r in item.rounds.all() if r.decision == FeedbackRound.Decision.ACCEPTED]
        if item.state in (State.ACCEPTED, State.CLOSED) and accepted:
            kind = "on_time" if accepted[-1].on_time else "late"
            word = "按期办结" if kind == "on_time" else "逾期办结"
            if item.state == State.CLOSED:
                word += "，已销号"
        elif item.state in (State.REGISTERED, State.APPROVED):
            kind, word = "waiting", "待交办"
        elif item.deadline < today:
            kind, word = "overdue", f"已逾期（反馈期限{cn_date(item.deadline)}）"
        else:
            kind, word = "open", f"办理中（反馈期限{cn_date(item.deadline)}）"
        counts[kind] += 1
        lines.append(f"{item.doc_number}《{item.matter}》：{word}")
    summary = (
        f"牵头负责督办事项{len(items)}项：按期办结{counts['on_time']}项，逾期办结{counts['late']}项，"
        f"逾期未办结{counts['overdue']}项，办理中{counts['open']}项，待交办{counts['waiting']}项。"
    )
    shown = lines[:MAX_LINES]
    if len(lines) > MAX_LINES:
        shown.append(f"另有{len(lines) - MAX_LINES}项未列出。")
    return YearFacts(area=AREA, heading=str(HEADING), lines=[summary, *shown], article="R7")
