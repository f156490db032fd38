"""R16 entry points: submitting (public and office), the 5-representative limit, each state change,
who may do it (the village's or unit's own people, the party office), township scoping, the sealed
personal data read only through the audited read, a supervision item through R7, the publication
and the monthly analysis obligation (working-day calendar)."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation

from tests import factories
from tests.opinions.conftest import CONTENT, FIVE, NAME, PHONE, SIX, submit, through, village
from zhidu.core.models import AuditEntry
from zhidu.obligations.models import Obligation
from zhidu.obligations.services import sweep
from zhidu.opinions import monthly, services
from zhidu.opinions.models import MonthlyAnalysis, Opinion
from zhidu.portal.models import Article
from zhidu.supervision.models import Source
from zhidu.trust.sealing import FORMAT

pytestmark = pytest.mark.django_db
SH = ZoneInfo("Asia/Shanghai")
S = Opinion.State


def test_a_public_submission_is_sealed_and_gets_a_code(people, town):
    opinion = submit(town, representatives=FIVE, supporter_count=12)
    assert opinion.state == S.SUBMITTED and len(opinion.code) == 12
    assert opinion.representative_count == 5 and opinion.supporter_count == 12
    row = Opinion.objects.filter(pk=opinion.pk).values(
        "submitter_name", "submitter_phone", "representatives"
    )[0]
    tokens = [value.token for value in row.values()]
    assert all(token.startswith(f"{FORMAT}:") for token in tokens)
    assert not any(NAME in t or PHONE in t or "代表1" in t for t in tokens)
    assert str(opinion.submitter_name) == "〔已加密〕"
    assert list(opinion.steps.values_list("state", flat=True)) == [S.SUBMITTED]
    assert AuditEntry.objects.filter(action="opinions.submit", target_id=str(opinion.pk)).exists()


def test_a_sixth_representative_is_refused_naming_the_field(people, town):
    with pytest.raises(ValidationError) as refused:
        submit(town, representatives=SIX)
    assert "representatives" in refused.value.message_dict
    assert "不超过5人" in refused.value.message_dict["representatives"][0]
    assert not Opinion.objects.exists()


def test_supporters_need_representatives_and_names_count_as_supporters(people, town):
    with pytest.raises(ValidationError) as refused:
        submit(town, supporter_count=3)
    assert "representatives" in refused.value.message_dict
    opinion = submit(town, representatives="张三", supporter_names="甲\n乙\n丙", supporter_count=1)
    assert opinion.supporter_count == 3


def test_the_place_is_one_village_or_one_unit_of_the_township(people, town):
    with pytest.raises(ValidationError) as refused:
        services.submit(township=town, topic="other", title="t", content=CONTENT, submitter_name=NAME,
                        submitter_phone=PHONE)  # fmt: skip
    assert "village" in refused.value.message_dict
    other = factories.township("东山镇", "dongshan")
    foreign = factories.department(other, name="外镇科室")
    with pytest.raises(ValidationError):
        submit(town, department=foreign)


def test_the_office_enters_a_letter_and_the_public_cannot_pretend_to(people, town):
    clerk = people["clerk"]
    opinion = submit(town, intake="letter", submitter_phone="", by=clerk, user=clerk.user)
    assert opinion.intake == "letter" and opinion.entered_by == clerk
    with pytest.raises(PermissionDenied):
        submit(town, intake="phone", by=people["cadre"], user=people["cadre"].user)
    with pytest.raises(PermissionDenied):
        submit(town, intake="visit")
    with pytest.raises(ValidationError):
        submit(town, submitter_phone="")  # the portal needs a phone to call back


def test_each_step_in_order_with_its_timeline(people, town):
    opinion = submit(town)
    through(opinion, people, to="done")
    opinion.refresh_from_db()
    assert opinion.state == S.DONE and opinion.verified_by == people["deputy"]
    states = list(opinion.steps.values_list("state", flat=True))
    assert states == [S.SUBMITTED, S.VERIFIED, S.REPORTED, S.ANALYSED, S.ADOPTED, S.DONE]
    published = services.publish_results(township=town, by=people["clerk"])
    assert [o.pk for o in published] == [opinion.pk]
    opinion.refresh_from_db()
    assert opinion.state == S.PUBLISHED and opinion.result.startswith("已采用并落实：已修复路灯")
    # 第二十一条 through the portal: one article of the public-opinion category, no personal data.
    article = Article.objects.get(township=town)
    assert article.category == "opinions" and article.state == "published"
    assert "已修复路灯三盏" in article.body and NAME not in article.body and PHONE not in article.body
    assert opinion.published_url == article.get_absolute_url()
    with pytest.raises(ValidationError):
        services.publish_results(township=town, by=people["clerk"])  # nothing left


def test_not_adopted_is_published_with_its_reason(people, town):
    opinion = through(submit(town), people, to="analysed")
    services.decide(opinion, adopted=False, note="附近已有路灯改造计划", by=people["clerk"])
    services.publish_results(township=town, by=people["clerk"])
    opinion.refresh_from_db()
    assert opinion.result == "未采用：附近已有路灯改造计划"
    # A second period's publication is a second article (the batch is named by its first opinion).
    later = through(submit(town, title="村道破损"), people, to="done")
    services.publish_results(township=town, by=people["clerk"])
    later.refresh_from_db()
    assert Article.objects.filter(township=town, category="opinions").count() == 2
    assert later.published_url != opinion.published_url


def test_the_result_says_not_adopted_once_and_reads_in_the_readers_language(people, town):
    opinion = through(submit(town), people, to="analysed")
    services.decide(opinion, adopted=False, note="未采用：附近已有路灯改造计划", by=people["clerk"])
    opinion.refresh_from_db()
    with translation.override("en"):
        assert services.reader_result(opinion) == "Not adopted: 附近已有路灯改造计划"
        services.publish_results(township=town, by=people["clerk"])  # published in Chinese all the same
    opinion.refresh_from_db()
    assert opinion.result == "未采用：附近已有路灯改造计划"
    with translation.override("zh-hans"):
        topic = opinion.get_topic_display()
    assert f"【{topic}】" in Article.objects.get(township=town).body


def test_steps_out_of_order_are_refused(people, town):
    opinion = submit(town)
    with pytest.raises(ValidationError):
        services.analyse(opinion, analysis="a", proposal="p", by=people["clerk"])
    services.verify(opinion, verification="核实", report=False, by=people["deputy"])
    assert opinion.state == S.VERIFIED
    with pytest.raises(ValidationError):
        services.verify(opinion, verification="again", by=people["deputy"])
    services.send_up(opinion, by=people["deputy"])
    assert opinion.state == S.REPORTED
    with pytest.raises(ValidationError):
        services.decide(opinion, adopted=True, note="n", by=people["clerk"])


def test_a_stale_page_is_told_the_state_changed(people, town):
    opinion = submit(town)
    stale = Opinion.objects.get(pk=opinion.pk)
    services.verify(opinion, verification="核实", by=people["deputy"])
    stale.state = S.REPORTED  # what the second clerk's page believed, one version behind
    with pytest.raises(ValidationError) as refused:
        services.analyse(stale, analysis="a", proposal="p", by=people["clerk"])
    assert "状态已改变" in refused.value.messages[0]


def test_only_the_village_or_unit_verifies(people, town):
    in_village = submit(town)
    for outsider in ("cadre", "other", "member", "unit"):
        with pytest.raises(PermissionDenied):
            services.verify(in_village, verification="x", by=people[outsider])
    services.verify(in_village, verification="由联系村的班子成员核实", by=people["deputy"])
    in_unit = submit(town, department=people["unit"].department, village=None)
    with pytest.raises(PermissionDenied):
        services.verify(in_unit, verification="x", by=people["deputy"])
    services.verify(in_unit, verification="本单位核实", by=people["unit"])
    # The party office records what a village committee reported (villages hold no accounts).
    services.verify(
        submit(town, village=village(town, "西岭村")), verification="村委上报", by=people["clerk"]
    )


def test_the_office_steps_are_the_party_offices(people, town):
    opinion = through(submit(town), people, to="reported")
    for outsider in ("cadre", "unit", "deputy", "discipline"):
        with pytest.raises(PermissionDenied):
            services.analyse(opinion, analysis="a", proposal="p", by=people[outsider])
    services.analyse(opinion, analysis="a", proposal="p", by=people["clerk"])
    with pytest.raises(PermissionDenied):
        services.decide(opinion, adopted=True, note="n", by=people["cadre"])
    services.decide(opinion, adopted=True, note="n", by=people["secretary"])  # the principal may record it
    with pytest.raises(PermissionDenied):
        services.publish_results(township=town, by=people["secretary"])


def test_acting_as_someone_else_or_in_another_township_is_refused(people, town):
    opinion = submit(town)
    with pytest.raises(PermissionDenied):
        services.verify(opinion, verification="x", by=people["deputy"], user=people["clerk"].user)
    other = factories.personas(factories.township("东山镇", "dongshan"), prefix="ds-")
    with pytest.raises(PermissionDenied):
        services.verify(opinion, verification="x", by=other["clerk"])


def test_sealed_data_is_read_only_by_those_handling_it_and_every_read_is_audited(people, town):
    opinion = submit(town, representatives=FIVE, supporter_names="甲\n乙")
    data = services.read(opinion, user=people["deputy"].user, reason="核实")
    assert (
        data["submitter_name"] == NAME
        and data["submitter_phone"] == PHONE
        and "代表5" in data["representatives"]
    )
    entry = AuditEntry.objects.get(action="opinions.read")
    assert (
        entry.actor == people["deputy"].user and "opinions_opinion.submitter_name" in entry.detail["fields"]
    )
    assert NAME not in entry.summary
    services.read(opinion, user=people["clerk"].user)
    assert AuditEntry.objects.filter(action="opinions.read").count() == 2
    for outsider in ("secretary", "cadre", "unit", "discipline"):
        with pytest.raises(PermissionDenied):
            services.read(opinion, user=people[outsider].user)
    assert AuditEntry.objects.filter(action="opinions.read").count() == 2
    assert list(services.readers(opinion).values_list("actor", flat=True)) == [
        people["clerk"].user.pk, people["deputy"].user.pk,
    ]  # fmt: skip


def test_lookup_by_code_normalizes_what_is_typed(people, town):
    opinion = submit(town)
    code = opinion.code
    assert services.lookup(f" {code[:4].lower()}-{code[4:8]} {code[8:]} ") == opinion
    assert services.lookup("ABCD") is None and services.lookup("") is None


def test_an_opinion_becomes_a_supervision_item_once(people, town):
    opinion = through(submit(town), people, to="analysed")
    owner = people["unit"]
    item = services.supervise(opinion, owner_department=owner.department, owner_person=owner,
                              deadline=timezone.localdate() + datetime.timedelta(days=20), by=people["clerk"])  # fmt: skip
    assert item.source == Source.MAILBOX and item.matter == opinion.title and item.requirements == "统一维修"
    assert opinion.supervision_item == item
    with pytest.raises(ValidationError):
        services.supervise(opinion, owner_department=owner.department, owner_person=owner,
                           deadline=timezone.localdate(), by=people["clerk"])  # fmt: skip
    with pytest.raises(PermissionDenied):
        services.supervise(through(submit(town), people, to="reported"), owner_department=owner.department,
                           owner_person=owner, deadline=timezone.localdate(), by=people["cadre"])  # fmt: skip


def test_the_monthly_analysis_is_owed_by_the_last_working_day(people, town):
    # 2026-10: National Day week; the month's last day (Sat 31st) is not a working day.
    with time_machine.travel(datetime.datetime(2026, 10, 9, 9, tzinfo=datetime.UTC), tick=False):
        assert monthly.generate(town, datetime.date(2026, 10, 9)) == 1
        assert monthly.generate(town, datetime.date(2026, 10, 10)) == 0  # idempotent
    duty = Obligation.objects.get(kind="opinion-monthly-analysis")
    assert duty.article == "R16§20" and duty.key == "opinion-monthly-analysis:2026-09"
    due = duty.due_at.astimezone(SH)
    assert due.date() == datetime.date(2026, 10, 30)
    # Just before and just after the end of Friday 30 October (Asia/Shanghai): open, then overdue.
    sweep(now=datetime.datetime(2026, 10, 30, 23, 59, tzinfo=SH))
    duty.refresh_from_db()
    assert duty.state == "open"
    sweep(now=datetime.datetime(2026, 10, 31, 0, 1, tzinfo=SH))
    duty.refresh_from_db()
    assert duty.state == "overdue"
    row = MonthlyAnalysis.objects.get(township=town)
    with pytest.raises(PermissionDenied):
        services.record_analysis(row, summary="x", by=people["cadre"])
    with time_machine.travel(datetime.datetime(2026, 11, 2, 9, tzinfo=SH), tick=False):
        services.record_analysis(row, summary="九月以民生类为主", by=people["clerk"])
    duty.refresh_from_db()
    assert duty.state == "done_late" and row.done_on == datetime.date(2026, 11, 2)
    with pytest.raises(ValidationError):
        services.record_analysis(row, summary="again", by=people["clerk"])


def test_the_summary_counts_by_topic_village_and_month(people, town):
    submit(town)
    submit(town, topic="policy")
    submit(town, department=people["unit"].department, village=None)
    today = timezone.localdate()
    summary = monthly.summary(town, today.replace(day=1))
    assert summary.total == 3
    assert dict(summary.by_place) == {"东沟村": 2, "社会事务办公室": 1}
    assert summary.trend[-1][2] == 3 and len(summary.trend) == monthly.TREND_MONTHS
