"""R20 in the R10 annex: the talks a member held and was part of in the year, and their quotas
(met / missed / due). Counts and names only: the words of a talk stay sealed."""

from __future__ import annotations

from django.utils import timezone

from zhidu.heart_talks import services
from zhidu.heart_talks.models import HeartTalk, HeartTalkSeat
from zhidu.org.models import Person
from zhidu.rules.year_facts import YearFacts

STATUS_CN = {"met": "已完成", "missed": "未完成", "due": "进行中"}


def year_facts(person: Person, year: int) -> YearFacts:
    held = HeartTalk.objects.filter(township=person.township, talker=person, held_on__year=year)
    joined = HeartTalkSeat.objects.filter(township=person.township, person=person, talk__held_on__year=year)
    lines = [f"主持谈心谈话 {held.count()} 次，作为谈话对象参加 {joined.count()} 次。"]
    today = timezone.localdate()
    for row in services.overview(person.township_id, year, today):
        if row.quota.talker_id == person.pk:
            q = row.quota
            lines.append(
                f"与{q.talkee.name}（{q.period}）：应谈 {q.required} 次，已谈 {row.held} 次，{STATUS_CN[row.status]}"
            )
    return YearFacts("heart_talks", "谈心谈话", lines, "R20")
