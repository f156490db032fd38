"""R19 entry points on the demo township: a cadre books with the leader the hierarchy names, the
leader records the talk with its requests, the cards are reviewed, handed to a unit and answered,
the answer goes back to the cadre; everything sealed and read only by those part 四 names, audited;
the card's deadlines across National Day."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from zhidu.core.models import AuditEntry
from zhidu.obligations.models import Obligation
from zhidu.org.demo import create_demo
from zhidu.org.models import Department, Person
from zhidu.requested_talks import services
from zhidu.requested_talks.models import FollowUpCard, TalkBooking
from zhidu.rules.year_facts import year_facts

pytestmark = pytest.mark.django_db
SH = ZoneInfo("Asia/Shanghai")


@pytest.fixture
def p():
    town = create_demo()
    return {x.user.username: x for x in Person.objects.filter(township=town, user__isnull=False)}


def book(p, cadre="wufang", talker="qiuweixing", **kw):
    c, t = p[cadre], p[talker]
    return services.book(
        cadre=c, talker=t, designated=kw.pop("designated", False), channel=kw.pop("channel", "phone"),
        topics=kw.pop("topics", ["own"]), day=kw.pop("day", timezone.localdate()), urgent=kw.pop("urgent", True),
        summary=kw.pop("summary", "家里老人生病，想调整值班安排"), user=c.user, **kw,
    )  # fmt: skip


def test_booking_follows_the_hierarchy_and_the_talk_days(p):
    booking = book(p)
    assert "家里老人" not in booking.summary.token
    duty = Obligation.objects.get(key=f"rtalk:{booking.pk}:hold")
    assert duty.assignee == p["qiuweixing"] and "家里" not in duty.title
    with pytest.raises(ValidationError) as error:
        book(p, talker="xuwen")  # neither deputy, organization member, leader in charge nor principal
    assert "接谈领导" in str(error.value.message_dict["talker"])
    with pytest.raises(ValidationError) as error:
        book(p, urgent=False, day=timezone.localdate() + datetime.timedelta(days=1))
    assert "day" in error.value.message_dict
    # A day the leader published: no urgency needed.
    day = services.talk_days(p["qiuweixing"])[0]
    assert book(p, urgent=False, day=day).day == day
    # A team member books the principal.
    with pytest.raises(ValidationError):
        book(p, cadre="xuwen", talker="qiuweixing")
    assert book(p, cadre="xuwen", talker="yangdong").talker == p["yangdong"]


def test_the_full_cycle_the_answer_goes_back_to_the_cadre(p):
    booking = book(p)
    qiu = p["qiuweixing"]
    with pytest.raises(PermissionDenied):
        services.record(
            booking, by=p["xuwen"], held_on=timezone.localdate(), text="x", requests=[], user=p["xuwen"].user
        )
    services.record(
        booking,
        by=qiu,
        held_on=timezone.localdate(),
        text="谈了值班安排",
        requests=["调整值班表", "安排体检"],
        user=qiu.user,
    )
    cards = list(booking.cards.all())
    assert [c.number for c in cards] == [1, 2] and all(c.reviewer == qiu for c in cards)
    assert Obligation.objects.get(key=f"rtalk:{booking.pk}:hold").state == "done"
    office = Department.objects.get(township=booking.township, kind="party_office")
    card = services.hand_over(cards[0], by=qiu, department=office, note="请办理", user=qiu.user)
    answer_duty = Obligation.objects.get(key=f"rtalk-card:{card.pk}:answer")
    assert answer_duty.assignee == office.head and card.due_at == answer_duty.due_at
    with pytest.raises(PermissionDenied):
        services.answer(card, by=p["lina"], text="x", user=p["lina"].user)
    services.answer(card, by=p["zhangmin"], text="已调整", user=p["zhangmin"].user)
    answer_duty.refresh_from_db()
    assert answer_duty.state == "done"
    # The cadre reads the answer on her talk's page.
    content = services.read(booking, user=p["wufang"].user)
    assert content["cards"][0]["answer"] == "已调整"
    assert not any("已调整" in e.summary for e in AuditEntry.objects.all())


def test_only_the_two_people_and_the_two_offices_read_a_talk(p):
    booking = book(p)
    for reader in ("wufang", "qiuweixing", "zhaolei", "sunli"):
        assert services.read(booking, user=p[reader].user)["summary"]
    for outsider in ("yangdong", "zhangmin", "lina", "huxinlu"):
        with pytest.raises(PermissionDenied):
            services.read(booking, user=p[outsider].user)
    assert AuditEntry.objects.filter(action="requested_talks.read", target_id=str(booking.pk)).count() == 4


def test_the_unit_head_reads_only_the_card_handed_to_them(p):
    booking = book(p)
    qiu = p["qiuweixing"]
    services.record(
        booking, by=qiu, held_on=timezone.localdate(), text="记录", requests=["调整值班表"], user=qiu.user
    )
    card = booking.cards.get()
    with pytest.raises(PermissionDenied):
        services.read_card(card, user=p["zhouqiang"].user)
    economy = Department.objects.get(township=booking.township, name="经济发展办公室")
    services.hand_over(card, by=qiu, department=economy, user=qiu.user)
    card.refresh_from_db()
    assert services.read_card(card, user=p["zhouqiang"].user)["request"] == "调整值班表"
    with pytest.raises(PermissionDenied):
        services.read(booking, user=p["zhouqiang"].user)


def test_a_designated_leader_explains_why_not(p):
    booking = book(p, talker="xuwen", designated=True)
    with pytest.raises(ValidationError):
        services.decline(book(p), by=p["qiuweixing"], explanation="没空", user=p["qiuweixing"].user)
    services.decline(booking, by=p["xuwen"], explanation="本周在县里学习", user=p["xuwen"].user)
    assert booking.state == TalkBooking.State.DECLINED
    assert services.read(booking, user=p["wufang"].user)["explanation"] == "本周在县里学习"


def test_publishing_more_than_two_days_a_month_is_refused(p):
    yang = p["yangdong"]
    with time_machine.travel(datetime.datetime(2026, 12, 2, 9, tzinfo=SH), tick=False):
        services.publish_day(leader=yang, day=datetime.date(2026, 12, 10), user=yang.user)
        services.publish_day(leader=yang, day=datetime.date(2026, 12, 24), user=yang.user)
        with pytest.raises(ValidationError) as error:
            services.publish_day(leader=yang, day=datetime.date(2026, 12, 28), user=yang.user)
    assert "每月" in str(error.value.message_dict["day"])
    with pytest.raises(PermissionDenied):
        services.publish_day(leader=p["lina"], day=datetime.date(2026, 12, 10), user=p["lina"].user)


def test_a_card_handed_before_national_day_is_due_after_it(p):
    booking = book(p)
    qiu = p["qiuweixing"]
    services.record(
        booking, by=qiu, held_on=timezone.localdate(), text="记录", requests=["事项"], user=qiu.user
    )
    card = booking.cards.get()
    office = Department.objects.get(township=booking.township, kind="party_office")
    with time_machine.travel(datetime.datetime(2026, 9, 16, 10, tzinfo=SH), tick=False):
        services.hand_over(card, by=qiu, department=office, user=qiu.user)
    card.refresh_from_db()
    # 9-16 + 15 days = 10-01, National Day: due the end of 10-08, the next working day.
    assert card.due_at == datetime.datetime(2026, 10, 8, 23, 59, 59, tzinfo=SH)


def test_year_facts_count_talks_without_contents(p):
    booking = book(p)
    services.record(
        booking,
        by=p["qiuweixing"],
        held_on=timezone.localdate(),
        text="记录",
        requests=["事项"],
        user=p["qiuweixing"].user,
    )
    facts = {f.area: f for f in year_facts(p["qiuweixing"], timezone.localdate().year)}["requested_talks"]
    assert (
        facts.article == "R19"
        and "接受干部约谈 1 次" in facts.lines[0]
        and "事项" not in " ".join(facts.lines)
    )
    assert FollowUpCard.objects.filter(booking=booking).count() == 1


def test_each_team_member_publishes_the_months_talk_days_across_the_spring_festival(p):
    from zhidu.requested_talks import periodic

    town = p["yangdong"].township
    with time_machine.travel(datetime.datetime(2027, 2, 7, 9, tzinfo=SH), tick=False):  # 春节 2027
        opened = periodic.generate(town, datetime.date(2027, 2, 7))
        assert periodic.generate(town, datetime.date(2027, 2, 7)) == 0
        duty = Obligation.objects.get(key=periodic.days_key(p["yangdong"], datetime.date(2027, 2, 7)))
        # February 2027's last working day: Friday 2-26 (28th a Sunday); 2027 is provisional.
        assert duty.due_at == datetime.datetime(2027, 2, 26, 23, 59, 59, tzinfo=SH) and duty.provisional
        assert opened == 7 and duty.article == "R19§3"
        services.publish_day(leader=p["yangdong"], day=datetime.date(2027, 2, 18), user=p["yangdong"].user)
    duty.refresh_from_db()
    assert duty.state == "done"
