"""Demo requested talks for 柞村镇 (R19), through the entry points only: 邱维兴 and 曲坚强 published
talk days; 李娜 booked an urgent talk with 曲坚强 (organization member), held and recorded with one
request, handed to 党政办公室 (张敏) and answered; 吴芳 booked a talk with 胡新璐 (her leader in charge)."""

from __future__ import annotations

import datetime

from django.utils import timezone

from zhidu.org.models import Department, Person
from zhidu.requested_talks import services


def create(township, people: dict[str, Person], today: datetime.date) -> None:
    qu, hu, li, wu = people["qujianqiang"], people["huxinlu"], people["lina"], people["wufang"]
    day = today + datetime.timedelta(days=7)
    for leader in (qu, hu, people["qiuweixing"]):
        services.publish_day(leader=leader, day=day, user=leader.user)
    booking = services.book(
        cadre=li, talker=qu, designated=False, channel="phone", topics=["own"], day=today, urgent=True,
        summary="反映近期工作岗位调整后的困难和想法。", user=li.user,
    )  # fmt: skip
    services.record(
        booking, by=qu, held_on=today, text="听取李娜关于岗位调整的想法，做了沟通交流。",
        requests=["希望安排一次公文写作培训"], user=qu.user,
    )  # fmt: skip
    card = booking.cards.get()
    office = Department.objects.get(township=township, kind="party_office")
    services.hand_over(card, by=qu, department=office, note="请党政办统筹安排。", user=qu.user)
    head = office.head
    assert head is not None
    services.answer(card, by=head, text="已列入下月机关业务培训计划。", user=head.user, at=timezone.now())
    services.book(
        cadre=wu, talker=hu, designated=False, channel="in_person", topics=["proposals"], day=day, urgent=False,
        summary="对社会事务办公室工作提出建议。", user=wu.user,
    )  # fmt: skip
