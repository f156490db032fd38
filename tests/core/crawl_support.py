"""The pieces of the URL × role × owner crawl (tests/core/test_access_crawl.py): every URL pattern of
the project read from the resolver, two townships of rows to put into their keyword arguments, the
personas, and one request runner. The expectations themselves (the matrix, the ownership rules and
who may read which marker) are declared in the test module."""

from __future__ import annotations

import datetime
import importlib
import io
import pkgutil
import re
import zipfile
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from tests import factories
from tests.meetings.meeting_factory import clerk_user
from tests.supervision import helpers as supervision_helpers
from zhidu.ballots import services as ballots
from zhidu.meetings import services as meetings
from zhidu.meetings.audit import run_check
from zhidu.meetings.models import CheckReport
from zhidu.obligations import services as obligations
from zhidu.obligations.deadlines import DeadlineRule
from zhidu.org.demo import create_demo
from zhidu.org.models import Department, Person
from zhidu.personal import services as personal
from zhidu.supervision import services as supervision

SH = ZoneInfo("Asia/Shanghai")
# Public by declaration: they answer everyone (the login page and its captcha, the language switch,
# the redirect home). The captcha's key is a captcha's, not a record's: those URLs are not crawled.
PUBLIC = {"home", "login", "logout", "set_language"} | {
    "captcha-image", "captcha-image-2x", "captcha-audio", "captcha-refresh",
}  # fmt: skip
KWARG = re.compile(r"<(?:\w+:)?(\w+)>|\(\?P<(\w+)>[^)]*\)")


# --- the URL patterns --------------------------------------------------------------------------


@dataclass(frozen=True)
class Route:
    name: str  # namespaced: "meetings:item-detail"
    route: str  # "meetings/items/<int:pk>/"
    callback: object
    kwargs: tuple[str, ...]

    @property
    def key(self) -> str:
        """The route up to its last keyword argument, converters dropped: the SOURCES key."""
        plain = KWARG.sub(lambda m: f"<{m[1] or m[2]}>", self.route)
        return plain[: plain.rfind(">") + 1] if self.kwargs else ""

    @property
    def action(self) -> str | None:
        return getattr(self.callback, "zhidu_action", None)

    @property
    def api(self) -> bool:
        return self.route.startswith("api/")


def routes(resolver=None, prefix: str = "", namespace: str = "") -> list[Route]:
    """Every URL pattern of the project, through every include (the admin site aside)."""
    found = []
    for p in (resolver or get_resolver()).url_patterns:
        route = prefix + str(p.pattern)
        if isinstance(p, URLResolver):
            if p.namespace == "admin":
                continue
            ns = f"{namespace}{p.namespace}:" if p.namespace else namespace
            found.extend(routes(p, route, ns))
        elif isinstance(p, URLPattern):
            name = f"{namespace}{p.name or p.lookup_str}"
            kwargs = tuple(a or b for a, b in KWARG.findall(route))
            found.append(Route(name, route, p.callback, kwargs))
    return found


# --- what fills a URL, and who may read a marker (shared with the areas' crawl modules) ----------


@dataclass(frozen=True)
class Target:
    kwargs: dict
    township_id: int | None  # None: rows of two townships in one URL (404 for everyone)
    row: object
    query: str = ""


def rows(*names, kw="pk"):
    """SOURCES helper: the named rows of both townships, each a Target of its own township."""

    def make(world):
        return [Target({kw: t.rows[n].pk}, t.township.pk, t.rows[n]) for t in world.values() for n in names]

    return make


@dataclass(frozen=True)
class Secret:
    text: str
    township_id: int
    readers: object  # (persona, url name) -> bool
    only: str = ""  # checked only on URL names starting with this
    sealed: bool = False  # R8 content: not even the admin site shows it


# --- two townships of rows -----------------------------------------------------------------------


def marker(tag: str, kind: str, n: int = 1) -> str:
    """A unique string put in a record's text; the crawl looks for it in every response."""
    return f"ZQ{tag}{kind}{n}QZ"


@dataclass
class Town:
    tag: str
    township: object
    people: dict[str, Person]
    rows: dict[str, object] = field(default_factory=dict)


def _held_meeting(town, team, clerk, items, held_at):
    """A team meeting, its notice sent and everyone recorded present: ready for votes and closing."""
    m = meetings.create_meeting(
        township=town, body="team", title=f"党委会议{items[0].title[-9:]}", held_at=held_at,
        chair=team[0], recorder=clerk, items=items,
    user=clerk_user(town))  # fmt: skip
    meetings.send_notice(m, version=m.version, user=clerk_user(m))
    m.refresh_from_db()
    everyone = {a.person_id: ("present", "") for a in m.attendance.all()}
    meetings.record_attendance(m, version=m.version, statuses=everyone, user=clerk_user(m))
    m.refresh_from_db()
    return m, everyone


def populate(t: Town, *, team, clerk, discipline, owners, reporters) -> None:
    """Rows of every area in one township, each text carrying a marker of its township and owner:
    obligations of two persons, a closed meeting (an ordinary and a confidential item) with an
    audit check, an open meeting with an anonymous ballot, two supervision items of two departments,
    a democratic assessment with published results, two persons' personal-matter reports (R8)."""
    town, tag, rows = t.township, t.tag, t.rows
    today = timezone.localdate()
    # The township's own organization: every page may name it, no other township's page.
    rows["department"] = Department.objects.create(township=town, name=f"科室{marker(tag, 'DEPT')}")
    rows["person"] = Person.objects.create(
        township=town, name=f"干部{marker(tag, 'NAME')}", department=rows["department"]
    )
    for n, (person, _department) in enumerate(owners, start=1):
        rows[f"obligation{n}"], _ = obligations.open_obligation(
            township=town, kind="periodic-report", article="R15", title=f"报送材料{marker(tag, 'OBL', n)}",
            key=f"crawl:{tag}:{n}", assignee=person,
            rule=DeadlineRule("after_days", today - datetime.timedelta(days=20), 3),
        )  # fmt: skip
    obligations.sweep()  # overdue: the compliance page lists them

    def item(title, category="general", **extra):
        made = meetings.propose_item(
            township=town, proposer=team[0], title=title, category=category, owner=team[0], **extra
        )
        meetings.decide_item(made, by=team[0], approve=True)
        return made

    # The evaluation report is downloaded through the item's page (meetings.view), never from media.
    report = default_storage.save(
        f"items/crawl-{tag}.txt", ContentFile(f"评估报告{marker(tag, 'FILE')}".encode())
    )
    rows["item"] = item(f"村道维修{marker(tag, 'ITEM')}", evaluation_report=report)
    rows["secret_item"] = item(f"推荐人选{marker(tag, 'CONF')}", "personnel", confidential=True)
    m, everyone = _held_meeting(town, team, clerk, [rows["item"], rows["secret_item"]],
                                  datetime.datetime(2026, 6, 18, 15, tzinfo=SH))  # fmt: skip
    for entry in m.entries.all():
        meetings.record_entry(
            entry, version=m.version, speakers=[], recused=set(), vote_method="named_ballot", counts=None,
            ballots={pk: "for" for pk in everyone}, opinions={}, deferred=False,
            resolution=f"同意{marker(tag, 'RES')}",
        user=clerk_user(entry))  # fmt: skip
        m.refresh_from_db()
    meetings.close_meeting(m, version=m.version, user=clerk_user(m))
    rows["meeting"] = m
    rows["check"] = run_check(
        township=town, reason=CheckReport.Reason.COMPLAINT, note="群众反映", meetings=[m]
    )
    vote = item(f"推荐干部{tag}", "personnel")
    rows["open_meeting"], _ = _held_meeting(town, team, clerk, [vote],
                                              datetime.datetime(2026, 6, 19, 15, tzinfo=SH))  # fmt: skip
    rows["entry"] = rows["open_meeting"].entries.get()
    rows["box"] = ballots.create_box(
        rows["entry"], method="electronic", codes=len(everyone), user=clerk_user(rows["entry"])
    )
    ballots.issue_codes(rows["box"], user=clerk_user(rows["box"]))
    for n, (person, department) in enumerate(owners, start=1):
        sv = supervision.register(
            township=town, by=discipline, source="superior", matter=f"督办事项{marker(tag, 'SUP', n)}",
            requirements="按期办结", owner_department=department, owner_person=person,
            deadline=today + datetime.timedelta(days=30), user=discipline.user,
        )  # fmt: skip
        supervision.approve(sv, by=team[0], user=team[0].user)
        supervision.assign(sv, by=discipline, user=discipline.user)
        rows[f"supervision{n}"] = sv
    for n, person in enumerate(reporters, start=1):
        rows[f"report{n}"] = personal.file(
            reporter=person, occasion="event", item="marriage", event_on=today - datetime.timedelta(days=5),
            details=f"本人婚姻变化{marker(tag, 'PER', n)}", user=person.user,
        )  # fmt: skip
    rows["assessment"] = ballots.create_assessment(
        township=town, year=2026, title=f"民主测评{tag}", members=team[:3], user=clerk_user(town)
    )
    box = ballots.create_box(
        rows["assessment"], method="electronic", codes=5, user=clerk_user(rows["assessment"])
    )
    subjects = list(rows["assessment"].subjects.all())
    for code in ballots.issue_codes(box, user=clerk_user(box)):
        ballots.cast(box, code, answers={s.pk: "excellent" for s in subjects})
    ballots.close_box(box, user=clerk_user(box))
    rows["assessment_box"] = box
    for area in AREAS:
        if hasattr(area, "populate"):
            area.populate(
                t, team=team, clerk=clerk, discipline=discipline, owners=owners, reporters=reporters
            )


def build_world() -> dict[str, Town]:
    """柞村镇 from the demo (township A, created first: the county administrator's default) and
    河口镇 built with the test factories (township B)."""
    a = create_demo(timezone.localdate())
    pa = {p.user.username: p for p in Person.objects.filter(township=a, user__isnull=False)}
    pa["county"] = factories.person(a, "县级查看员", username="crawl-county", county_view=True)
    town_a = Town("A", a, pa)
    team_a = [pa[u] for u in ("yangdong", "qiuweixing", "guoaifeng", "huxinlu", "linping", "xuwen")]
    populate(town_a, team=team_a, clerk=pa["zhangmin"], discipline=pa["sunli"],
             owners=[(pa["wufang"], pa["wufang"].department), (pa["zhouqiang"], pa["zhouqiang"].department)],
             reporters=[pa["huxinlu"], pa["zhouqiang"]])  # fmt: skip
    b = factories.township("河口镇", "hekou")
    pb = supervision_helpers.cast(b, prefix="hk-")
    for key in ("deputy", "owner"):  # R8 reporters: deputy section level and above
        pb[key].rank = Person.Rank.DEPUTY_SECTION
        pb[key].save(update_fields=["rank"])
    town_b = Town("B", b, pb)
    populate(town_b, team=[pb["secretary"], pb["deputy"]], clerk=pb["clerk"], discipline=pb["discipline"],
             owners=[(pb["social"], pb["social_dept"]), (pb["owner"], pb["economy"])],
             reporters=[pb["deputy"], pb["owner"]])  # fmt: skip
    return {"A": town_a, "B": town_b}


# --- the personas --------------------------------------------------------------------------------


@dataclass
class Persona:
    name: str
    user: object | None  # None: anonymous
    person: Person | None
    township_id: int | None


def personas(world: dict[str, Town]) -> list[Persona]:
    """One per Role of the matrix in township A (the administrator twice: the county's and a
    township's), an outsider without a person, anonymous, and the principal of township B (the same
    crawl, seen from the other side)."""
    a, b = world["A"].people, world["B"].people
    by_role = {
        "principal": a["yangdong"],
        "team_member": a["huxinlu"],
        "party_office": a["zhangmin"],
        "organization_office": a["zhaolei"],
        "discipline": a["sunli"],
        "cadre": a["wufang"],
        "county": a["county"],
        "principal_b": b["secretary"],
    }
    # The township administrator (staff, with a person record): the administrator role in one township.
    staff = factories.person(world["A"].township, "镇系统管理员", username="crawl-staff")
    staff.user.is_staff = True
    staff.user.save(update_fields=["is_staff"])
    by_role["township_admin"] = staff
    found = [Persona(k, p.user, p, p.township_id) for k, p in by_role.items()]
    User = get_user_model()
    # The county administrator (superuser, no person): reads the first township, 柞村镇.
    found.append(Persona("administrator", User.objects.get(username="admin"), None, world["A"].township.pk))
    found.append(Persona("outsider", User.objects.create_user("crawl-outsider", password="x"), None, None))
    found.append(Persona("anonymous", None, None, None))
    return found


# --- one request ---------------------------------------------------------------------------------


@dataclass
class Answer:
    status: int
    body: str
    location: str
    error: str = ""


def fetch(client, method: str, url: str) -> Answer:
    """One request, its writes rolled back (an empty POST may still change state: the next request
    must meet the same rows). An exception in the view is a server error."""
    try:
        with transaction.atomic():
            response = client.post(url) if method == "POST" else client.get(url)
            transaction.set_rollback(True)
    except Exception as error:  # noqa: BLE001 — every exception is a 500 to report
        return Answer(500, "", "", f"{type(error).__name__}: {error}")
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return Answer(response.status_code, readable(body), response.get("Location", ""))


def readable(body: bytes) -> str:
    """The text of a response; of a Word or Excel file, the text of the XML parts inside it."""
    if body.startswith(b"PK\x03\x04"):
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            body = b"".join(archive.read(n) for n in archive.namelist() if n.endswith(".xml"))
    return body.decode("utf-8", "replace")


# --- the areas' own crawl modules: loaded last, so that they may import anything above ------------


def _area_modules() -> list:
    """Each area's crawl module, tests/<area>/crawl.py: the area's rows (populate), the rows that fill
    its URLs (SOURCES, QUERIES), its owner rules (OWNERSHIP), who reads its markers
    (secrets(world, may) -> [Secret]) and its public URL names (PUBLIC). A new area adds its file; nothing here changes."""
    import tests

    found = []
    for info in sorted(pkgutil.iter_modules(tests.__path__), key=lambda i: i.name):
        if info.ispkg:
            try:
                found.append(importlib.import_module(f"tests.{info.name}.crawl"))
            except ModuleNotFoundError as error:
                if error.name != f"tests.{info.name}.crawl":
                    raise
    return found


AREAS = _area_modules()
# Pages marked public (zhidu.core.access.public: an anonymous ballot's cast page works from its code).
PUBLIC |= {r.name for r in routes() if getattr(r.callback, "zhidu_public", False)}
for _area in AREAS:  # an area's public pages (a petition followed by its receipt code)
    PUBLIC |= set(getattr(_area, "PUBLIC", ()))
