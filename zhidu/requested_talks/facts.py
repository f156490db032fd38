"""R19 in the R10 annex: how many talks the member received and booked in the year and how their
follow-up cards stand. Counts only: the talks are confidential (part 四.4)."""

from __future__ import annotations

from zhidu.org.models import Person
from zhidu.requested_talks.models import FollowUpCard, TalkBooking
from zhidu.rules.year_facts import YearFacts


def year_facts(person: Person, year: int) -> YearFacts:
    received = TalkBooking.objects.filter(township=person.township, talker=person, day__year=year)
    held = received.filter(state=TalkBooking.State.HELD).count()
    booked = TalkBooking.objects.filter(township=person.township, cadre=person, day__year=year).count()
    cards = FollowUpCard.objects.filter(
        township=person.township, booking__talker=person, booking__day__year=year
    )
    answered = cards.filter(state=FollowUpCard.State.ANSWERED).count()
    lines = [
        f"接受干部约谈 {held} 次（预约 {received.count()} 次），本人提出约谈 {booked} 次。",
        f"约谈意见处理卡 {cards.count()} 张，已答复 {answered} 张。",
    ]
    return YearFacts("requested_talks", "接受约谈", lines, "R19")
