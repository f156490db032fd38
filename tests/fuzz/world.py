"""The fuzzers' world: the demo township 柞村镇 as `zhidu demo` leaves it, plus what the demo does not
hold (a meeting in session with ballots open, assessments, an audit check report, a county viewer),
and a second township whose ids every fuzzer also throws (another township's row must be a 404).

Built once per test module inside a transaction that is rolled back at the end; each generated input
then runs in its own savepoint, rolled back too, so every input meets the same database."""

from __future__ import annotations

import datetime
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.db import transaction
from django.test import Client
from django.utils import timezone

from tests import factories
from tests.meetings.meeting_factory import clerk_user
from zhidu.ballots import services as ballots
from zhidu.meetings import audit as meeting_audit
from zhidu.meetings import services as meetings
from zhidu.meetings.models import Meeting
from zhidu.org.demo import create_demo
from zhidu.org.models import Person


@dataclass
class World:
    town: object
    other: object
    people: dict  # username -> Person (the demo's log-ins, plus "county")
    ids: dict = field(default_factory=dict)  # kind -> ids of this township's rows
    other_ids: dict = field(default_factory=dict)  # kind -> ids of the other township's rows
    clients: dict = field(default_factory=dict)

    def client(self, username: str | None) -> Client:
        return self.clients[username]

    def log_in_everyone(self) -> None:
        """A client per persona (None: anonymous), logged in once, both steps (password and second
        factor, as tests/conftest.py does for force_login): the session rows live in the module's
        transaction, so the per-input rollbacks never log anyone out."""
        from django_otp import DEVICE_ID_SESSION_KEY
        from django_otp.plugins.otp_totp.models import TOTPDevice

        self.clients[None] = Client()
        for username in [*self.people, "admin"]:
            user = self.people[username].user if username in self.people else _user(username)
            client = Client()
            client.force_login(user)
            device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
            device = device or TOTPDevice.objects.create(user=user, name="fuzz", confirmed=True)
            session = client.session
            session[DEVICE_ID_SESSION_KEY] = device.persistent_id
            session.save()
            self.clients[username] = client


def _user(username):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username=username)


def seed_working_days() -> None:
    """As tests/conftest.py's autouse fixture: a transactional test elsewhere may have flushed them."""
    from zhidu.workdays.models import WorkingDay
    from zhidu.workdays.seed import seed_rows
    from zhidu.workdays.services import clear_cache

    if not WorkingDay.objects.exists():
        rows = seed_rows(timezone.localdate().year)
        WorkingDay.objects.bulk_create([WorkingDay(**row._asdict()) for row in rows], batch_size=2000)
    clear_cache()


def _approved(town, people, title, category="general"):
    item = meetings.propose_item(
        township=town, proposer=people["zhangmin"], title=title, category=category, owner=people["linping"]
    )
    meetings.decide_item(item, by=people["yangdong"], approve=True)
    return item


def _session(town, people, titles, chair, absent=()):
    """A meeting in session: notice sent, attendance recorded, nothing voted yet."""
    items = [_approved(town, people, t) for t in titles]
    now = timezone.localtime()
    held = now.replace(hour=9, minute=0, second=0, microsecond=0)
    meeting = meetings.create_meeting(
        township=town,
        body="team",
        title="党委会议（进行中）",
        held_at=held,
        chair=chair,
        items=items,
        user=clerk_user(town),
    )
    meetings.send_notice(
        meeting, version=meeting.version, at=held - datetime.timedelta(days=3), user=clerk_user(meeting)
    )
    meeting.refresh_from_db()
    statuses = {
        a.person_id: ("absent", "外出培训")
        if a.person.user and a.person.user.username in absent
        else ("present", "")
        for a in meeting.attendance.select_related("person__user")
    }
    meetings.record_attendance(meeting, version=meeting.version, statuses=statuses, user=clerk_user(meeting))
    meeting.refresh_from_db()
    return meeting


def _emergency(town, taken_by, clerk):
    """R1§8: an emergency action taken without a meeting, to report to a team meeting."""
    return meetings.record_emergency_action(
        township=town, taken_by=taken_by, action="连夜转移山洪危险区群众", reason="暴雨红色预警",
        taken_at=timezone.now() - datetime.timedelta(hours=2), user=clerk.user,
    )  # fmt: skip


def _other_township(ids: dict) -> object:
    other = factories.township("另一镇", "other")
    people = factories.personas(other, prefix="o_")
    people["linping"] = people["deputy"]
    people["zhangmin"] = people["clerk"]
    people["yangdong"] = people["secretary"]
    meeting = _session(other, people, ["另一镇的议题"], chair=people["secretary"])
    entry = meeting.entries.get()
    box = ballots.create_box(entry, method="electronic", codes=1, user=clerk_user(entry))
    emergency = _emergency(other, people["secretary"], people["clerk"])
    ids.update(
        emergency=[emergency.pk],
        meeting=[meeting.pk],
        entry=[entry.pk],
        item=[entry.item_id],
        box=[box.pk],
        person=[p.pk for p in people.values()],
        department=[p.department_id for p in people.values() if p.department_id],
    )
    return other


def build_world() -> World:
    seed_working_days()
    town = create_demo()
    people = {p.user.username: p for p in Person.objects.filter(township=town, user__isnull=False)}
    people["county"] = factories.person(town, "县委督查室", username="county", county_view=True)
    other_ids: dict = {}
    other = _other_township(other_ids)

    live = _session(
        town,
        people,
        ["镇村环境整治专项资金使用方案", "农村集体经济发展规划", "安全生产责任清单", "机关效能建设办法"],
        chair=people["yangdong"],
        absent=("xuwen",),
    )
    entries = list(live.entries.order_by("position"))
    electronic = ballots.create_box(entries[0], method="electronic", codes=3, user=clerk_user(entries[0]))
    codes = ballots.issue_codes(electronic, user=clerk_user(electronic))
    paper = ballots.create_box(
        entries[1],
        method="paper",
        codes=3,
        counter=people["lina"],
        scrutineer=people["zhaolei"],
        user=clerk_user(entries[1]),
    )
    prepared = ballots.create_box(entries[2], method="electronic", codes=2, user=clerk_user(entries[2]))
    team = [people[u] for u in ("yangdong", "qiuweixing", "guoaifeng")]
    rated = ballots.create_assessment(
        township=town,
        year=timezone.localdate().year,
        title="年度民主测评",
        members=team,
        user=clerk_user(town),
    )
    rated_box = ballots.create_box(rated, method="electronic", codes=6, user=clerk_user(rated))
    rated_codes = ballots.issue_codes(rated_box, user=clerk_user(rated_box))
    fresh = ballots.create_assessment(
        township=town, year=timezone.localdate().year, title="专项测评", members=team, user=clerk_user(town)
    )
    closed = Meeting.objects.filter(township=town, state=Meeting.State.CLOSED)
    report = meeting_audit.run_check(
        township=town, reason="complaint", note="群众反映会议记录不全", meetings=list(closed)
    )

    from zhidu.meetings.models import AgendaEntry, Item
    from zhidu.notifications.models import Notification
    from zhidu.obligations.models import Obligation
    from zhidu.org.models import Department
    from zhidu.supervision.models import SupervisionItem

    failed = Notification.objects.create(
        township=town, topic="meetings.notice", recipient=people["zhangmin"], channel="email",
        subject="会议通知", body="会议通知", dedupe_key="fuzz", group_key="fuzz", state="failed",
        next_attempt_at=timezone.now(), answer="未配置",
    )  # fmt: skip
    from zhidu.portal import services as portal
    from zhidu.portal.models import Category

    awaiting = portal.draft(
        people["zhangmin"].user, township=town, category="notices", title="待审核的公告", body="正文"
    )
    portal.submit(people["zhangmin"].user, awaiting)
    from django.core.files.uploadedfile import SimpleUploadedFile

    from zhidu.portal.services import attachments

    with_file = portal.draft(
        people["zhangmin"].user, township=town, category="notices", title="带附件的公告", body="正文"
    )
    attachment = attachments.attach(
        people["zhangmin"].user,
        with_file,
        SimpleUploadedFile("通知.pdf", b"%PDF-1.4\n%fuzz\n", content_type="application/pdf"),
    )
    open_article, public_account, comment = _public_comment(town, people)
    ids = {
        "slug:township": [town.code, other.code],
        "slug:category": list(Category.values),
        "portal_article": [awaiting.pk],
        "portal_published": [open_article.pk],
        "portal_comment": [comment.pk],
        "portal_attachment": [attachment.pk],
        "notification": [failed.pk],
        "meeting": list(Meeting.objects.filter(township=town).values_list("pk", flat=True)),
        "live": [live.pk],
        "emergency": [_emergency(town, people["qiuweixing"], people["zhangmin"]).pk],
        "entry": list(AgendaEntry.objects.filter(township=town).values_list("pk", flat=True)),
        "live_entry": [e.pk for e in entries],
        "item": list(Item.objects.filter(township=town).values_list("pk", flat=True)),
        "box": [electronic.pk, paper.pk, prepared.pk, rated_box.pk],
        "paper_box": [paper.pk],
        "assessment": [rated.pk, fresh.pk],
        "report": [report.pk],
        "obligation": list(Obligation.objects.filter(township=town).values_list("pk", flat=True)[:40]),
        "supervision": list(SupervisionItem.objects.filter(township=town).values_list("pk", flat=True)),
        "person": [p.pk for p in people.values()],
        "department": list(Department.objects.filter(township=town).values_list("pk", flat=True)),
        "closed": list(closed.values_list("pk", flat=True)),
        "subject": list(rated.subjects.values_list("pk", flat=True)),
        "codes": codes + rated_codes,
        "username": sorted(people),
    }
    world = World(town=town, other=other, people=people, ids=ids, other_ids=other_ids)
    world.log_in_everyone()
    world.clients["public"] = _public_client(public_account)
    # Half-way through log-in (password only): one with an authenticator, one still to enrol one.
    from django_otp.plugins.otp_totp.models import TOTPDevice

    for username, name in (("verifier", "待验证干部"), ("newcomer", "新任干部")):
        person = factories.person(town, name, username=username)
        if username == "verifier":
            TOTPDevice.objects.create(user=person.user, name="phone", confirmed=True)
        client = Client()
        client.force_login(person.user)
        world.clients[username] = client
    return world


def _public_comment(town, people):
    """A published article, a member of the public (zhidu.portal.PublicAccount) and their comment
    awaiting moderation: the comment and moderation views have rows to act on."""
    from zhidu.portal import services as portal
    from zhidu.portal.models import Comment, PublicAccount

    article = portal.publish(
        people["zhangmin"].user, township=town, category="notices", title="可评论的公告", body="正文"
    )
    account = PublicAccount.objects.create(
        township=town, channel="email", contact_digest="fuzz", contact="fuzz@example.cn", nickname="网友",
        created_at=timezone.now(),
    )  # fmt: skip
    comment = Comment.objects.create(
        township=town, article=article, account=account, body="待审核的评论", created_at=timezone.now()
    )
    return article, account, comment


def _public_client(account) -> Client:
    """A browser signed in as that member of the public: their own cookie, no staff session."""
    from django.http import HttpResponse

    from zhidu.portal import public_session

    response = HttpResponse()
    public_session.start(response, account)
    client = Client()
    client.cookies[public_session.COOKIE] = response.cookies[public_session.COOKIE].value
    return client


@contextmanager
def rolled_back():
    """One generated input: whatever it writes is undone afterwards."""
    with transaction.atomic():
        try:
            yield
        finally:
            transaction.set_rollback(True)
