"""R10 in the access crawl (tests/core/test_access_crawl.py): per township, a submitted report (its
text read by its author and the three readers of every report), a draft (its author's only) and a
participant the organization office added to the report meeting (everyone of the area)."""

from tests.core.crawl_support import Secret, rows
from zhidu.core.permissions import MATRIX, roles_of
from zhidu.self_reports import services
from zhidu.self_reports.models import SelfReport


def populate(t, *, team, clerk, discipline, owners, reporters):
    from tests.core.crawl_support import marker  # defined after the areas are imported

    tag = t.tag
    author, drafter = team[-1], team[0]
    submitted = services.start_report(person=author, year=2026, user=author.user)
    points = [f"第{n}项述职内容{marker(tag, 'SRP')}" for n in range(1, 8)]
    services.save_draft(submitted, points=points, annex=[], user=author.user)
    services.submit(submitted, points=points, annex=[], user=author.user)
    draft = services.start_report(person=drafter, year=2026, user=drafter.user)
    services.save_draft(
        draft, points=[f"草稿{marker(tag, 'SRD')}", "", "", "", "", "", ""], user=drafter.user
    )
    t.rows["self_report1"], t.rows["self_report2"] = submitted, draft
    office = t.people.get("zhaolei") or t.people.get("organization")
    t.rows["self_participant"] = services.add_participant(
        township=t.township, year=2026, group="village_head", name=f"村书记{marker(tag, 'SRM')}",
        by=office, user=office.user,
    )  # fmt: skip


SOURCES = {
    "self-reports/<pk>": rows("self_report1", "self_report2"),
    "self-reports/meeting/participants/<pk>": rows("self_participant"),
}


def _report(p, row, name):
    """The author reads and checks their own; the readers of every report read (a draft shows no
    text), and its Word document only once submitted."""
    if not isinstance(row, SelfReport):
        return None
    own = p.person is not None and p.person.pk == row.person_id
    if own:
        return None
    if name == "self_reports:check":
        return 403
    readers = _may(p, "self_reports.read_all")
    if name == "self_reports:document":
        return None if readers and row.state == SelfReport.State.SUBMITTED else 403
    return None if readers else 403


OWNERSHIP = {"self_reports": _report}


def _may(p, action):
    return p.user is not None and bool(roles_of(p.user) & MATRIX[action])


def secrets(world, may):
    from tests.core.crawl_support import marker

    found = []
    for t in world.values():
        submitted, draft = t.rows["self_report1"], t.rows["self_report2"]
        pk = t.township.pk
        found.append(Secret(marker(t.tag, "SRP"), pk, lambda p, u, r=submitted: (
            p.person is not None and p.person.pk == r.person_id) or may(p, "self_reports.read_all")))  # fmt: skip
        found.append(Secret(marker(t.tag, "SRD"), pk, lambda p, u, r=draft: (
            p.person is not None and p.person.pk == r.person_id)))  # fmt: skip
        # A participant's name is no secret of the report: the audit trail names whom the office added.
        found.append(Secret(marker(t.tag, "SRM"), pk, lambda p, u: may(p, "self_reports.view", "audit.view")))
    return found
