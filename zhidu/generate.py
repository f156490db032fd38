"""`zhidu generate --townships N --years Y --seed S`: synthetic data at province size (issue 18), for
benchmarks and load tests on a database of its own, never a real deployment's.

Per township: its departments, a leadership team of seven and the party office's clerk; every year
about 40 team meetings with their items, attendance and votes, 60 supervision items, a working day's
log of each team member on every working day, 25 petition cases, 30 public opinions, the anonymous
ballots of its personnel items, 3 family-event declarations, 40 published portal pages (in the
public search index and the staff archive's), the obligations those records open (done, done late,
overdue or open), and the audit entries their entry points would have written, on the township's
audit chain (`zhidu verify` passes). Rows are written with bulk_create in batches, past the entry
points (no notifications: this is data, not history that happened).

Reproducible: the same arguments give the same rows (one random.Random(seed); dates counted back
from --until, 2026-12-31 by default, never from the clock). Township codes are `gen-<seed>-<n>`, so
generating again with the same seed is refused by the unique code rather than doubling the data.
"""

from __future__ import annotations

import contextlib
import datetime
import random
import sys
from collections.abc import Callable, Iterator
from typing import Any
from zoneinfo import ZoneInfo

SHANGHAI = ZoneInfo("Asia/Shanghai")
BATCH = 2000
UNTIL = datetime.date(2026, 12, 31)
TEAM = [
    "secretary",
    "deputy_secretary",
    "organization_member",
    "discipline_secretary",
    "member",
    "member",
    "member",
]
DEPARTMENTS = [
    ("党政办公室", "party_office"),
    ("组织办公室", "organization_office"),
    ("纪委办公室", "discipline_inspection"),
    ("经济发展办公室", "other"),
    ("社会事务办公室", "other"),
]
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
GIVEN = "建国志强海燕文华秀英明军丽娟永红伟平新民春梅玉兰"
CATEGORIES = ["major_decision", "major_project", "large_funds", "personnel", "general", "general"]
MEETINGS_PER_YEAR = 40
SUPERVISION_PER_YEAR = 60
PETITIONS_PER_YEAR = 25
OPINIONS_PER_YEAR = 30
DECLARATIONS_PER_YEAR = 3
ARTICLES_PER_YEAR = 40


def _at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=SHANGHAI)


def _name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN)


def _bulk(model: Any, rows: list[Any]) -> list[Any]:
    created: list[Any] = []
    for start in range(0, len(rows), BATCH):
        created += model.objects.bulk_create(rows[start : start + BATCH])
    return created


@contextlib.contextmanager
def _historic(*fields: tuple[Any, str]) -> Iterator[None]:
    """bulk_create fills auto_now_add columns with the clock; generated history keeps its own times."""
    found = [model._meta.get_field(name) for model, name in fields]
    for field in found:
        field.auto_now_add = False
    try:
        yield
    finally:
        for field in found:
            field.auto_now_add = True


def _seal_rows(model: Any, created: list[Any], plaintexts: list[dict[str, str]]) -> None:
    """Sealed columns are bound to their row's key (zhidu.trust.sealing): written once the keys exist."""
    from zhidu.trust.sealing import bound

    for row, values in zip(created, plaintexts, strict=True):
        model.objects.filter(pk=row.pk).update(
            **{name: bound(model, name, row.pk, text) for name, text in values.items()}
        )


class _World:
    """One township being generated: its rows so far and the random source."""

    def __init__(self, rng: random.Random, seed: int, index: int, first: datetime.date, until: datetime.date):
        from zhidu.org.models import Department, Person, TeamMembership, Township

        self.rng, self.index, self.first, self.until = rng, index, first, until
        self.town = Township.objects.create(
            name=f"生成镇{seed}-{index:04d}",
            code=f"gen-{seed}-{index}",
            county=f"生成县{index // 20 + 1}",
            doc_prefix="生党",
        )
        self.departments = _bulk(
            Department, [Department(township=self.town, name=n, kind=k) for n, k in DEPARTMENTS]
        )
        self.team = _bulk(Person, [Person(township=self.town, name=_name(rng)) for _ in TEAM])
        _bulk(
            TeamMembership,
            [
                TeamMembership(township=self.town, person=p, role=r, is_principal=i == 0, starts_on=first)
                for i, (p, r) in enumerate(zip(self.team, TEAM, strict=True))
            ],
        )
        self.clerk, self.officer = _bulk(
            Person,
            [
                Person(township=self.town, name=_name(rng), department=self.departments[0]),
                Person(township=self.town, name=_name(rng), department=self.departments[2]),
            ],
        )
        self.obligations: list[Any] = []
        self.audit_entries: list[Any] = []
        self.entries: list[Any] = []  # the agenda entries of the year being generated

    def audit(self, action: str, target: Any, at: datetime.datetime, summary: str, actor: Any = None) -> None:
        """The entry zhidu.core.audit.record would have written beside the entry point's write."""
        from zhidu.core.models import AuditEntry

        self.audit_entries.append(
            AuditEntry(
                township=self.town,
                at=at,
                actor_name=(actor or self.clerk).name,
                action=action,
                target_type=target._meta.label_lower,
                target_id=str(target.pk),
                summary=summary[:300],
                address=f"10.0.0.{1 + self.rng.randrange(200)}",
            )
        )

    def days(self, year: int) -> tuple[datetime.date, datetime.date]:
        return max(self.first, datetime.date(year, 1, 1)), min(self.until, datetime.date(year, 12, 31))

    def day_in(self, year: int) -> datetime.date:
        lo, hi = self.days(year)
        return lo + datetime.timedelta(days=self.rng.randint(0, (hi - lo).days))

    def obligation(
        self, kind: str, article: str, title: str, source: Any, due: datetime.date, person: Any
    ) -> None:
        """An obligation as the area would have opened it on `source`; its state by the random outcome."""
        from zhidu.obligations.models import Obligation

        due_at = _at(due, 23, 59)
        roll = self.rng.random()
        closed = due < self.until - datetime.timedelta(days=30)
        if closed and roll < 0.85:
            state, done = Obligation.State.DONE, due - datetime.timedelta(days=self.rng.randint(0, 5))
        elif closed and roll < 0.95:
            state, done = Obligation.State.DONE_LATE, due + datetime.timedelta(days=self.rng.randint(1, 20))
        else:
            state, done = (Obligation.State.OVERDUE if closed else Obligation.State.OPEN), None
        self.obligations.append(
            Obligation(
                township=self.town,
                kind=kind,
                article=article,
                title=title,
                key=f"gen:{kind}:{source.pk}",
                assignee=person,
                source_type=source._meta.label_lower,
                source_id=str(source.pk),
                due_at=due_at,
                state=state,
                overdue_since=due_at if state == Obligation.State.OVERDUE else None,
                completed_at=_at(done, 16) if done else None,
            )
        )


def _meetings(w: _World, year: int) -> int:
    from zhidu.meetings.models import AgendaEntry, Attendance, Item, Meeting

    rng, members = w.rng, w.team
    meetings, plans = [], []
    for n in range(MEETINGS_PER_YEAR):
        held = w.day_in(year)
        meetings.append(
            Meeting(
                township=w.town,
                body="team",
                title=f"{year}年第{n + 1}次党委会议",
                held_at=_at(held, 9),
                place="镇党委会议室",
                chair=members[0],
                recorder=w.clerk,
                state=Meeting.State.CLOSED,
                notice_sent_at=_at(held - datetime.timedelta(days=rng.randint(1, 3)), 17),
                notice_channel="written",
            )
        )
        plans.append([rng.choice(CATEGORIES) for _ in range(rng.randint(1, 4))])
    meetings = _bulk(Meeting, meetings)
    items = _bulk(
        Item,
        [
            Item(
                township=w.town,
                title=f"{m.title}议题{k + 1}",
                category=category,
                owner=members[rng.randrange(len(members))],
                proposed_by=members[0],
                department=w.departments[rng.randrange(len(w.departments))],
                state=Item.State.APPROVED,
                decided_by=members[0],
                decided_at=m.held_at - datetime.timedelta(days=4),
            )
            for m, categories in zip(meetings, plans, strict=True)
            for k, category in enumerate(categories)
        ],
    )
    attendance, entries, position = [], [], 0
    for m, categories in zip(meetings, plans, strict=True):
        absent = rng.randrange(1, len(members)) if rng.random() < 0.3 else None  # never the chair
        attendance += [
            Attendance(
                township=w.town,
                meeting=m,
                person=p,
                role=TEAM[i],
                status="absent" if i == absent else "present",
                reason="出差" if i == absent else "",
            )
            for i, p in enumerate(members)
        ]
        present = len(members) - (absent is not None)
        for k, _category in enumerate(categories):
            item = items[position]
            position += 1
            against = rng.choice([0, 0, 0, 1, 2])
            abstain = rng.choice([0, 0, 1])
            entries.append(
                AgendaEntry(
                    township=w.town,
                    meeting=m,
                    item=item,
                    position=k,
                    in_notice=True,
                    # R1§7(3): the present members speak, the principal last.
                    speakers=[p.pk for i, p in enumerate(members) if i not in (0, absent)] + [members[0].pk],
                    vote_method="anonymous_ballot" if item.category == "personnel" else "show_of_hands",
                    votes_for=present - against - abstain,
                    votes_against=against,
                    votes_abstain=abstain,
                    resolution="同意" if present - against - abstain > present / 2 else "不同意",
                    recorded_at=m.held_at + datetime.timedelta(hours=2),
                )
            )
        # R1§7(6): the decisions are made public within five working days.
        w.obligation(
            "publish",
            "R1§7(6)",
            f"公开：{m.title}",
            m,
            m.held_at.date() + datetime.timedelta(days=7),
            w.clerk,
        )
    _bulk(Attendance, attendance)
    w.entries = _bulk(AgendaEntry, entries)
    for m in meetings:
        w.audit("meeting.create", m, m.held_at - datetime.timedelta(days=5), m.title)
        w.audit("meeting.close", m, m.held_at + datetime.timedelta(hours=3), m.title)
    return len(meetings)


def _supervision(w: _World, year: int) -> int:
    from zhidu.supervision.models import SupervisionItem

    rng, rows = w.rng, []
    for n in range(SUPERVISION_PER_YEAR):
        registered = w.day_in(year)
        deadline = registered + datetime.timedelta(days=rng.randint(10, 45))
        old = deadline < w.until - datetime.timedelta(days=60)
        state = SupervisionItem.State.CLOSED if old and rng.random() < 0.9 else SupervisionItem.State.ASSIGNED
        d = rng.randrange(len(w.departments))
        rows.append(
            SupervisionItem(
                township=w.town,
                year=year,
                number=n + 1,
                source="team_decision",
                matter=f"督查事项{n + 1}：落实{DEPARTMENTS[d][0]}重点工作",
                basis="县委督查通知",
                requirements="按期办结并书面反馈",
                owner_department=w.departments[d],
                owner_person=w.team[1 + d % (len(w.team) - 1)],
                registered_on=registered,
                deadline=deadline,
                state=state,
                registered_by=w.officer,
                approved_by=w.team[0],
                approved_at=_at(registered, 11),
                assigned_by=w.officer,
                assigned_at=_at(registered, 15),
                closed_by=w.officer if state == SupervisionItem.State.CLOSED else None,
                closed_at=_at(deadline, 10) if state == SupervisionItem.State.CLOSED else None,
            )
        )
    for item in _bulk(SupervisionItem, rows):
        w.audit("supervision.register", item, _at(item.registered_on, 10), item.matter, w.officer)
        w.obligation(
            "supervision-feedback", "R11", f"反馈：{item.matter}", item, item.deadline, item.owner_person
        )
    return len(rows)


def _daily_logs(w: _World, year: int, calendar: Any) -> int:
    from zhidu.daily_logs.models import DailyLog

    lo, hi = w.days(year)
    rows, day = [], lo
    while day <= hi:
        if calendar.is_workday(day):
            for n, member in enumerate(w.team):
                if w.rng.random() < 0.03:
                    continue  # a missing log (R18)
                late = w.rng.random() < 0.05
                rows.append(
                    DailyLog(
                        township=w.town,
                        member=member,
                        day=day,
                        submitted_at=_at(day, 19 if late else 17, (n * 7) % 60),
                        summary=f"{day.isoformat()}：走访企业，推进重点项目",
                        plan="召开调度会",
                    )
                )
        day += datetime.timedelta(days=1)
    return len(_bulk(DailyLog, rows))


def _petitions(w: _World, year: int, seed: int) -> int:
    from zhidu.petitions.models import Case

    rng, rows, texts = w.rng, [], []
    for n in range(PETITIONS_PER_YEAR):
        received = w.day_in(year)
        due = received + datetime.timedelta(days=60)  # R21: answered within 60 days
        answered = due < w.until and rng.random() < 0.9
        rows.append(
            Case(
                township=w.town,
                code=f"G{seed % 1000:03d}{w.index % 10000:04d}{year % 100:02d}{n:03d}"[:16],
                mode=rng.choice(["scheduled", "appointment", "on_site"]),
                received_on=received,
                leader=w.team[rng.randrange(len(w.team))],
                subject=rng.choice(["土地承包纠纷", "道路维修", "低保申请", "拆迁补偿"]),
                state=Case.State.ANSWERED if answered else Case.State.ROUTED,
                department=w.departments[rng.randrange(len(w.departments))],
                routed_on=received + datetime.timedelta(days=2),
                answer="已答复" if answered else "",
                answered_on=due - datetime.timedelta(days=rng.randint(0, 50)) if answered else None,
                due_on=due,
                registered_by=w.clerk,
            )
        )
        texts.append((_name(rng), f"13{rng.randrange(10**9):09d}", "某村某组", "请求协调解决"))
    created = _bulk(Case, rows)
    _seal_rows(
        Case,
        created,
        [
            {"petitioner_name": name, "petitioner_phone": phone, "petitioner_id_number": "",
             "petitioner_address": address, "issue": issue}
            for name, phone, address, issue in texts
        ],
    )  # fmt: skip
    for case in created:
        w.audit("petitions.register", case, _at(case.received_on, 10), case.subject)
        w.obligation("petition-answer", "R21§4", f"答复：{case.subject}", case, case.due_on, case.leader)
    return len(created)


def _opinions(w: _World, year: int, seed: int) -> int:
    """R16: public opinions entered by the party office, most carried through to a published result."""
    from zhidu.opinions.models import Intake, Opinion, Topic

    rng, rows, texts = w.rng, [], []
    for n in range(OPINIONS_PER_YEAR):
        submitted = w.day_in(year)
        done = submitted + datetime.timedelta(days=45) < w.until and rng.random() < 0.8
        rows.append(
            Opinion(
                township=w.town,
                code=f"Y{seed % 1000:03d}{w.index % 10000:04d}{year % 100:02d}{n:03d}"[:16],
                topic=rng.choice(Topic.values),
                title=rng.choice(["村道硬化", "饮水安全", "垃圾清运", "医保缴费"]),
                content="群众反映的意见",
                department=w.departments[rng.randrange(len(w.departments))],
                intake=rng.choice([Intake.LETTER, Intake.PHONE, Intake.VISIT]),
                state=Opinion.State.PUBLISHED if done else Opinion.State.SUBMITTED,
                submitted_on=submitted,
                entered_by=w.clerk,
                result="已办理并公开" if done else "",
                published_on=submitted + datetime.timedelta(days=45) if done else None,
            )
        )
        texts.append((_name(rng), f"13{rng.randrange(10**9):09d}", "某村某组"))
    created = _bulk(Opinion, rows)
    _seal_rows(
        Opinion,
        created,
        [
            {"submitter_name": name, "submitter_phone": phone, "submitter_address": address,
             "representatives": "", "supporter_names": "", "notify_address": ""}
            for name, phone, address in texts
        ],
    )  # fmt: skip
    for opinion in created:
        w.audit("opinions.enter", opinion, _at(opinion.submitted_on, 15), opinion.title)
    return len(created)


def _ballots(w: _World) -> int:
    """The anonymous paper ballot of each personnel item (R1§7(4)), counted and confirmed by the
    counter and the scrutineer, its totals the entry's."""
    from zhidu.ballots.models import BallotBox

    rows = []
    for e in w.entries:
        if e.vote_method != "anonymous_ballot":
            continue
        present = e.votes_for + e.votes_against + e.votes_abstain
        rows.append(
            BallotBox(
                township=w.town,
                entry=e,
                method=BallotBox.Method.PAPER,
                state=BallotBox.State.CLOSED,
                salt=f"{w.rng.getrandbits(256):064x}",
                codes_issued=present,
                collected=present,
                invalid=0,
                ballots_counted=present,
                votes_for=e.votes_for,
                votes_against=e.votes_against,
                votes_abstain=e.votes_abstain,
                counter=w.clerk,
                scrutineer=w.officer,
                opened_at=e.recorded_at - datetime.timedelta(minutes=40),
                closed_at=e.recorded_at - datetime.timedelta(minutes=10),
                created_at=e.recorded_at - datetime.timedelta(hours=1),
            )
        )
    with _historic((BallotBox, "created_at")):
        boxes = _bulk(BallotBox, rows)
    for box in boxes:
        w.audit("ballots.close", box, box.closed_at, f"无记名投票 {box.votes_for}/{box.codes_issued}")
    return len(boxes)


def _declarations(w: _World, year: int, calendar: Any) -> int:
    """R9: family events declared ten working days ahead (a funeral before it is held), accepted."""
    from zhidu.family_events.models import Declaration, Kind, prohibitions_for

    rng, rows = w.rng, []
    for _n in range(DECLARATIONS_PER_YEAR):
        kind = rng.choice(Kind.values)
        event_on = w.day_in(year)
        reported = _report_due(kind, event_on, calendar) - datetime.timedelta(days=rng.randint(0, 3))
        rows.append(
            Declaration(
                township=w.town,
                declarant=w.team[rng.randrange(len(w.team))],
                kind=kind,
                event_on=event_on,
                purpose="家庭事宜",
                time="中午",
                place="家中",
                guests=rng.randint(10, 60),
                standard="从简",
                attested=[p.value for p in prohibitions_for(kind)],
                state=Declaration.State.ACCEPTED,
                report_on=reported,
                channel=Declaration.Channel.WRITTEN,
                written_on=reported,
                submitted_at=_at(reported, 10),
                created_at=_at(reported, 9),
            )
        )
    with _historic((Declaration, "created_at")):
        created = _bulk(Declaration, rows)
    _seal_rows(Declaration, created, [{"relatives": "直系亲属", "guest_list": "亲属及邻里"} for _ in created])
    for d in created:
        w.audit("family_events.submit", d, d.submitted_at, f"{d.kind}（{d.declarant.name}）", d.declarant)
        due = _report_due(d.kind, d.event_on, calendar)
        w.obligation("family-event-report", "R9§2", "报告婚丧嫁娶等事宜", d, due, d.declarant)
    return len(created)


def _report_due(kind: str, event_on: datetime.date, calendar: Any) -> datetime.date:
    """R9§2 as zhidu.family_events.services.report_rule with the default ten days: a funeral on
    its day, any other event ten days before, moved back past days off."""
    if kind == "funeral":
        return event_on
    due = event_on - datetime.timedelta(days=10)
    while not calendar.is_workday(due):
        due -= datetime.timedelta(days=1)
    return due


def _articles(w: _World, year: int) -> int:
    """The portal's published pages: notices, party-affairs openness in R11's categories, news."""
    from zhidu.portal import services as portal
    from zhidu.portal.models import Article, ArticleVersion, Category, Subcategory

    rng, rows = w.rng, []
    for n in range(ARTICLES_PER_YEAR):
        day = w.day_in(year)
        category = rng.choice(
            [Category.NOTICES, Category.PARTY_AFFAIRS, Category.PARTY_AFFAIRS, Category.NEWS]
        )
        sub = rng.choice(Subcategory.values) if category == Category.PARTY_AFFAIRS else ""
        topic = rng.choice(["民主生活会", "党风廉政建设", "乡村振兴", "村级道路维修", "党员发展", "低保评审"])
        rows.append(
            Article(
                township=w.town,
                category=category,
                subcategory=sub,
                title=f"{w.town.name}关于{topic}的公告（{year}年第{n + 1}号）",
                body=f"根据镇党委会议决定，现将{topic}有关事项公告如下。\n一、{topic}工作按计划推进。\n二、欢迎群众监督。",
                tags=topic,
                state=Article.State.PUBLISHED,
                published_at=_at(day, 16),
                views=rng.randint(0, 3000),
                created_at=_at(day, 9),
            )
        )
    created = _bulk(Article, rows)
    _bulk(ArticleVersion, [portal.version_of(a, at=a.published_at) for a in created])
    for a in created:
        w.audit("portal.publish", a, a.published_at, a.title)
    return len(created)


def _audit(w: _World) -> int:
    """The township's audit entries in time order, then chained as if appended one by one."""
    from zhidu.core.models import AuditEntry
    from zhidu.trust import ledger

    w.audit_entries.sort(key=lambda e: e.at)
    with _historic((AuditEntry, "at")):
        created = _bulk(AuditEntry, w.audit_entries)
    ledger.append_many("audit", [e.pk for e in created])
    return len(created)


def generate(
    townships: int,
    years: int,
    seed: int,
    *,
    until: datetime.date = UNTIL,
    progress: Callable[[int, int], None] | None = None,
    start: int = 1,
) -> dict[str, int]:
    """Write the data (Django set up, the database migrated); returns the rows written by kind.
    Townships are numbered from `start` (a benchmark adds the others beside one made first)."""
    from django.db import transaction

    from zhidu.obligations.models import Obligation
    from zhidu.portal.models import Article
    from zhidu.search import archive
    from zhidu.search import index as search_index
    from zhidu.workdays.services import get_calendar

    calendar = get_calendar()
    first = datetime.date(until.year - years + 1, 1, 1)
    counts = dict.fromkeys(
        (
            "townships",
            "meetings",
            "supervision items",
            "daily logs",
            "petitions",
            "opinions",
            "ballot boxes",
            "declarations",
            "portal articles",
            "obligations",
            "audit entries",
        ),
        0,
    )
    for index in range(start, start + townships):
        rng = random.Random(f"{seed}:{index}")  # each township its own stream: N=2 starts like N=1
        with transaction.atomic():
            w = _World(rng, seed, index, first, until)
            for year in range(first.year, until.year + 1):
                counts["meetings"] += _meetings(w, year)
                counts["supervision items"] += _supervision(w, year)
                counts["daily logs"] += _daily_logs(w, year, calendar)
                counts["petitions"] += _petitions(w, year, seed)
                counts["opinions"] += _opinions(w, year, seed)
                counts["ballot boxes"] += _ballots(w)
                counts["declarations"] += _declarations(w, year, calendar)
                counts["portal articles"] += _articles(w, year)
            counts["obligations"] += len(_bulk(Obligation, w.obligations))
            counts["audit entries"] += _audit(w)
            search_index.rebuild(Article.objects.filter(township=w.town).select_related("township"))
            archive.reindex([w.town])
        counts["townships"] += 1
        if progress:
            progress(index - start + 1, townships)
    return counts


def main(argv: list[str]) -> int:
    """The command: exit 2 and one line on stderr for bad arguments or a database not ready."""
    import argparse

    class Parser(argparse.ArgumentParser):
        def error(self, message: str) -> Any:
            raise ValueError(message)

    parser = Parser(prog="zhidu generate", add_help=True)
    parser.add_argument("--townships", type=int, default=1)
    parser.add_argument("--years", type=int, default=1)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--until", type=datetime.date.fromisoformat, default=UNTIL)
    try:
        args = parser.parse_args(argv)
        if args.townships < 1 or args.years < 1 or args.years > 50:
            raise ValueError("--townships 至少为 1，--years 应在 1 到 50 之间")
    except ValueError as e:
        sys.stderr.write(f"zhidu generate：参数错误：{e}\n")
        return 2

    import django

    django.setup()
    from django.db import DatabaseError, IntegrityError

    def bar(done: int, total: int) -> None:
        filled = done * 30 // total
        sys.stderr.write(f"\r[{'#' * filled}{'.' * (30 - filled)}] {done}/{total} 个乡镇")
        if done == total:
            sys.stderr.write("\n")

    try:
        counts = generate(args.townships, args.years, args.seed, until=args.until, progress=bar)
    except IntegrityError:
        sys.stderr.write(
            f"\nzhidu generate：种子 {args.seed} 的数据已经生成过（乡镇代码 gen-{args.seed}-…）\n"
        )
        return 2
    except DatabaseError as e:
        sys.stderr.write(f"\nzhidu generate：数据库不可用（{type(e).__name__}），请先运行 zhidu migrate\n")
        return 2
    sys.stdout.write("；".join(f"{kind} {n:,}" for kind, n in counts.items()) + "\n")
    return 0
