"""The 第十三条 procedure through the entry points: plan, committee approval, self-checks (only by the
named cadre), on-site notes, scores, tiers proposed, decided, approved, notified; a 不合格 branch's
rectification duty (time travel: 60 days after the notice across National Day); publications
complete the period's duty; a year with one random check gets the finding on the index page."""

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from zhidu.core.models import AuditEntry
from zhidu.obligations.models import Obligation
from zhidu.obligations.services import sweep
from zhidu.openness import services
from zhidu.openness.services.publish import generate, publish_key

pytestmark = pytest.mark.django_db
D = datetime.date
SH = ZoneInfo("Asia/Shanghai")
NOTICE = D(2026, 8, 3)


def run(p, town, *, kind="yearly", scores=("1", "0.5"), on=NOTICE):
    office, clerk, secretary = p["organization"], p["clerk"], p["secretary"]
    a = services.create_assessment(
        township=town, by=office, year=2026, kind=kind, title="2026年党务公开考核", plan="方案",
        units=[(p["b1"], p["reporter"]), (p["b2"], p["reporter2"])], inspectors=[p["discipline"]],
        user=office.user, at=datetime.datetime(2026, 7, 1, 9, tzinfo=SH),
    )  # fmt: skip
    services.approve_plan(a, by=clerk, note="党委会审定", user=clerk.user)
    for unit, share in zip(a.units.order_by("branch__name"), scores, strict=True):
        services.file_self_check(unit, by=unit.reporter, report="自查报告", user=unit.reporter.user)
        services.record_steps(unit, by=office, notes={"look": "看了公开栏"}, user=office.user)
        services.score_unit(unit, by=office, user=office.user,
                            given={c.pk: str(c.points * Decimal(share)) for c in a.sheet.criteria.all()})  # fmt: skip
    services.propose(a, by=office, user=office.user)
    services.decide(a, by=secretary, note="领导小组会议", user=secretary.user)
    services.approve_result(a, by=clerk, note="党委会审定", user=clerk.user)
    return services.notify(a, by=office, on=on, user=office.user)


def test_the_procedure_to_the_notified_tiers(p, town):
    a = run(p, town)
    tiers = dict(a.units.values_list("branch__name", "tier"))
    assert tiers == {"东沟村党支部": "excellent", "西岭村党支部": "fail"}
    assert a.state == "notified"
    assert Obligation.objects.filter(kind="openness-self-check", state__in=("done", "done_late")).count() == 2
    assert AuditEntry.objects.filter(action="openness.notify").exists()


def test_a_failing_branch_must_rectify_within_60_days(p, town):
    a = run(p, town, on=D(2026, 8, 2))  # 60 days after Aug 2 is Oct 1 (National Day): moves to Oct 8
    duty = Obligation.objects.get(kind="openness-rectify")
    assert duty.assignee == p["reporter2"]
    assert duty.due_at.astimezone(SH).date() == D(2026, 10, 8)
    with time_machine.travel(datetime.datetime(2026, 10, 9, 9, tzinfo=SH)):
        sweep(datetime.datetime(2026, 10, 9, 9, tzinfo=SH))
    duty.refresh_from_db()
    assert duty.state == "overdue"
    unit = a.units.get(tier="fail")
    with pytest.raises(ValidationError):
        services.rectify(a.units.get(tier="excellent"), by=p["reporter"], report="x", user=p["reporter"].user)
    services.rectify(unit, by=p["reporter2"], report="已整改", user=p["reporter2"].user)
    duty.refresh_from_db()
    assert duty.state == "done_late"


def test_only_the_named_cadre_files_the_self_check(p, town):
    office = p["organization"]
    a = services.create_assessment(
        township=town, by=office, year=2026, kind="random", title="平时考核", plan="方案",
        units=[(p["b1"], p["reporter"])], inspectors=[office], user=office.user,
    )  # fmt: skip
    unit = a.units.get()
    with pytest.raises(ValidationError):
        services.file_self_check(unit, by=p["reporter2"], report="x", user=p["reporter2"].user)
    with pytest.raises(PermissionDenied):
        services.file_self_check(unit, by=p["reporter"], report="x", user=p["reporter2"].user)
    with pytest.raises(PermissionDenied):
        services.approve_plan(a, by=p["cadre"], note="x", user=p["cadre"].user)


def test_refusals_name_the_field(p, town):
    office = p["organization"]
    with pytest.raises(ValidationError) as error:
        services.create_assessment(township=town, by=office, year=2026, kind="concentrated", title="集中考核",
                                   plan="方案", units=[(p["b1"], p["reporter"])], inspectors=[office],
                                   user=office.user)  # fmt: skip
    assert "concern" in error.value.message_dict
    a = services.create_assessment(township=town, by=office, year=2026, kind="random", title="平时", plan="方案",
                                   units=[(p["b1"], p["reporter"])], inspectors=[office], user=office.user)  # fmt: skip
    services.approve_plan(a, by=p["clerk"], note="审定", user=p["clerk"].user)
    unit = a.units.get()
    first = a.sheet.criteria.first()
    with pytest.raises(ValidationError) as error:
        services.score_unit(unit, by=office, given={first.pk: "99"}, user=office.user)
    assert f"score_{first.pk}" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.propose(a, by=office, user=office.user)
    assert "state" in error.value.message_dict


def test_publication_duties_per_unit_and_period_completed_by_the_record(p, town):
    opened = generate(town, D(2026, 11, 2))
    assert opened == 3 * 5  # the committee and two branches, five periodic categories
    assert generate(town, D(2026, 11, 3)) == 0
    key = publish_key(p["b1"], "decisions", "2026Q4")
    duty = Obligation.objects.get(key=key)
    assert duty.due_at.astimezone(SH).date() == D(2026, 12, 31)
    services.record_publication(township=town, by=p["clerk"], branch=p["b1"], category="decisions",
                                published_on=D(2026, 11, 20), where="村党务公开栏", user=p["clerk"].user)  # fmt: skip
    duty.refresh_from_db()
    assert duty.state in ("done", "done_late")
    with pytest.raises(ValidationError) as error:
        services.record_publication(township=town, by=p["clerk"], branch=None, category="decisions",
                                    published_on=D(2026, 11, 20), where=" ", user=p["clerk"].user)  # fmt: skip
    assert "where" in error.value.message_dict


def test_a_year_with_one_random_check_gets_the_finding(p, town, login):
    run(p, town, kind="random")
    with time_machine.travel(datetime.datetime(2027, 1, 4, 9, tzinfo=SH), tick=False):
        body = login(p["organization"]).get(reverse("openness:index")).content.decode()
    assert 'data-code="random-checks-too-few"' in body
    with time_machine.travel(datetime.datetime(2026, 6, 1, 9, tzinfo=SH), tick=False):
        body = login(p["organization"]).get(reverse("openness:index")).content.decode()
    assert "random-checks" not in body
