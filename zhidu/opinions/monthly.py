"""第二十条 (R16§20): the party office analyses the opinions periodically (topics, trends). The daily
job opens, each month, its duty to analyse the month before, due the month's last working day (the
working-day calendar decides, never a timedelta), and the analysis page counts the opinions of a month
by topic, by village or unit and by state, and the topics' trend over the months before."""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field

from zhidu.obligations.deadlines import DeadlineRule
from zhidu.obligations.services import open_obligation
from zhidu.opinions.models import MonthlyAnalysis, Opinion, Topic
from zhidu.org.models import Department, Township

ARTICLE = "R16§20"
TREND_MONTHS = 6


def previous_month(day: datetime.date) -> datetime.date:
    first = day.replace(day=1)
    return (first - datetime.timedelta(days=1)).replace(day=1)


def month_end(month: datetime.date) -> datetime.date:
    following = (month.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    return following - datetime.timedelta(days=1)


def key(month: datetime.date) -> str:
    return f"opinion-monthly-analysis:{month:%Y-%m}"


def generate(township: Township, day: datetime.date) -> int:
    """Open this month's duty to analyse last month's opinions (idempotent by key)."""
    office = Department.objects.filter(township=township, kind=Department.Kind.PARTY_OFFICE).first()
    if office is None:
        return 0
    month = previous_month(day)
    row, _ = MonthlyAnalysis.objects.get_or_create(township=township, month=month)
    if row.done_on is not None:
        return 0
    _, created = open_obligation(
        township=township,
        kind="opinion-monthly-analysis",
        article=ARTICLE,
        title=f"整理分析{month.year}年{month.month}月社情民意",
        key=key(month),
        rule=DeadlineRule("last_workday_by", month_end(day)),
        department=office,
        source=row,
    )
    return int(created)


@dataclass
class Summary:
    month: datetime.date
    total: int = 0
    emerging: int = 0
    by_topic: list[tuple[str, int]] = field(default_factory=list)
    by_place: list[tuple[str, int]] = field(default_factory=list)
    by_state: list[tuple[str, int]] = field(default_factory=list)
    # the months before, oldest first: (month, {topic label: count}, total)
    trend: list[tuple[datetime.date, list[int], int]] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)


def _months_back(month: datetime.date, n: int) -> list[datetime.date]:
    months = [month]
    for _ in range(n - 1):
        months.insert(0, previous_month(months[0]))
    return months


def summary(township: Township, month: datetime.date) -> Summary:
    """The opinions submitted in `month` and the topics' trend over the TREND_MONTHS to it (two
    queries, counted in the database)."""
    rows = Opinion.objects.filter(township=township, submitted_on__range=(month, month_end(month)))
    result = Summary(month)
    topics = dict(Topic.choices)
    states = dict(Opinion.State.choices)
    by_topic: Counter[str] = Counter()
    by_place: Counter[str] = Counter()
    by_state: Counter[str] = Counter()
    for topic, state, emerging, village, department in rows.values_list(
        "topic", "state", "emerging", "village__name", "department__name"
    ):
        result.total += 1
        result.emerging += emerging
        by_topic[str(topics.get(topic, topic))] += 1
        by_place[village or department or "—"] += 1
        by_state[str(states.get(state, state))] += 1
    result.by_topic = by_topic.most_common()
    result.by_place = sorted(by_place.items(), key=lambda kv: (-kv[1], kv[0]))
    result.by_state = by_state.most_common()
    months = _months_back(month, TREND_MONTHS)
    counts: Counter[tuple[str, str]] = Counter()
    for day, topic in Opinion.objects.filter(
        township=township, submitted_on__range=(months[0], month_end(month))
    ).values_list("submitted_on", "topic"):
        counts[(f"{day:%Y-%m}", topic)] += 1
    result.topics = [str(label) for label in topics.values()]
    for m in months:
        row = [counts[(f"{m:%Y-%m}", t)] for t in topics]
        result.trend.append((m, row, sum(row)))
    return result
