"""大事请示汇报 (R14§4): a member's report to a principal opens the principal's duty to reply within
5 working days (a township parameter; across National Day here); only that principal replies."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.coordination.conftest import at
from zhidu.coordination import services
from zhidu.core.models import AuditEntry
from zhidu.obligations.models import Obligation
from zhidu.rules.models import RuleSet

pytestmark = pytest.mark.django_db


def submit(team, when=None, **kwargs):
    kwargs.setdefault("principal", team["secretary"])
    kwargs.setdefault("kind", "request")
    kwargs.setdefault("subject", "关于冬季供暖应急保障的请示")
    kwargs.setdefault("content", "拟启用应急储备资金5万元")
    return services.submit(
        author=team["member"], user=team["member"].user, at=when or at(2026, 9, 29, 10), **kwargs
    )


def test_the_principal_s_reply_is_due_five_working_days_later_across_national_day(team):
    report = submit(team)
    # Tuesday 29 September + 5 working days: 30 September, 8, 9, 10 (调休 Saturday), 12 October.
    assert report.reply_due_at == at(2026, 10, 12, 23, 59, 59)
    duty = Obligation.objects.get(key=f"coordination:matter:{report.pk}:reply")
    assert (duty.kind, duty.article, duty.assignee, duty.due_at) == (
        "matter-reply", "R14§4", team["secretary"], report.reply_due_at,
    )  # fmt: skip
    entry = AuditEntry.objects.get(action="coordination.report")
    assert "供暖" not in entry.summary and "5万元" not in entry.summary


def test_the_township_sets_the_reply_days(team, town):
    RuleSet.objects.create(
        township=town,
        effective_from=datetime.date(2026, 1, 1),
        parameters={"coordination": {"reply_workdays": 2}},
    )
    assert submit(team).reply_due_at == at(2026, 10, 8, 23, 59, 59)


def test_only_the_principal_it_was_sent_to_replies_once(team):
    report = submit(team)
    with pytest.raises(PermissionDenied):
        services.reply(report, by=team["head"], answer="同意")
    with pytest.raises(PermissionDenied):
        services.reply(report, by=team["member"], answer="同意")
    with pytest.raises(ValidationError) as refused:
        services.reply(report, by=team["secretary"], answer="  ")
    assert "reply" in refused.value.message_dict
    services.reply(report, by=team["secretary"], answer="同意，提交党委会研究", at=at(2026, 9, 30, 9))
    assert report.state == "replied"
    assert Obligation.objects.get(key=f"coordination:matter:{report.pk}:reply").state == "done"
    with pytest.raises(ValidationError):
        services.reply(report, by=team["secretary"], answer="再次答复")


def test_sent_to_a_principal_only_and_by_a_team_member_only(team):
    for field, change in (("principal", {"principal": team["deputy"]}), ("kind", {"kind": "x"}),
                          ("subject", {"subject": ""}), ("content", {"content": ""})):  # fmt: skip
        with pytest.raises(ValidationError) as refused:
            submit(team, **change)
        assert field in refused.value.message_dict
    with pytest.raises(PermissionDenied):
        services.submit(
            author=team["cadre"], principal=team["secretary"], kind="report", subject="事项", content="内容"
        )


def test_read_by_its_author_the_principals_and_the_party_office(team):
    report = submit(team)
    readers = {k for k, p in team.items() if services.may_read(p.user, p, report)}
    assert readers == {"member", "secretary", "head", "clerk"}
