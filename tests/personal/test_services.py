"""R8 entry points: who must report, the 30-day obligation on the working-day calendar (a deadline
falling in the National Day holiday moves to the next working day), a late report needs its
explanation, the office's request and flags, and the one audited read."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from tests.personal.conftest import at
from zhidu.core.models import AuditEntry
from zhidu.obligations.models import Obligation
from zhidu.obligations.services import sweep
from zhidu.personal import services
from zhidu.personal.models import Flag, Item, Occasion, Report
from zhidu.trust.sealing import PLACEHOLDER, Sealed

pytestmark = pytest.mark.django_db
SH = ZoneInfo("Asia/Shanghai")
EVENT = datetime.date(2026, 9, 1)  # + 30 days = 1 October, National Day: due 8 October
DETAILS = "2026年8月因私赴香港探亲5天"


def file(person, when, **kwargs):
    kwargs.setdefault("occasion", Occasion.EVENT)
    kwargs.setdefault("item", Item.PRIVATE_TRAVEL)
    kwargs.setdefault("event_on", EVENT)
    kwargs.setdefault("details", DETAILS)
    with time_machine.travel(when, tick=False):
        return services.file(reporter=person, user=person.user, **kwargs)


def duty(report):
    return Obligation.objects.get(key=f"personal:{report.pk}:file")


def refusal(error) -> dict:
    return {field: " ".join(messages) for field, messages in error.value.message_dict.items()}


def test_who_must_report(people):
    assert services.required_to_report(people["reporter"])
    assert not services.required_to_report(people["staff"])
    people["reporter"].active = False
    assert not services.required_to_report(people["reporter"])


def test_on_time_at_the_end_of_the_moved_deadline(people):
    report = file(people["reporter"], at(2026, 10, 8, 23, 59))
    assert report.due_at == at(2026, 10, 8, 23, 59) + datetime.timedelta(seconds=59)
    assert (report.state, report.late, report.item) == (Report.State.FILED, False, Item.PRIVATE_TRAVEL)
    assert isinstance(report.details, Sealed) and str(report.details) == PLACEHOLDER
    ob = duty(report)
    assert (ob.kind, ob.article, ob.state, ob.assignee) == (
        "personal-report",
        "R8",
        "done",
        people["reporter"],
    )
    entry = AuditEntry.objects.get(action="personal.file")
    assert DETAILS not in entry.summary + repr(entry.detail) and "香港" not in entry.summary


@pytest.mark.parametrize(
    ("when", "late"),
    [
        (datetime.datetime(2026, 10, 1, 12, tzinfo=SH), False),  # day 30, a holiday: not yet due
        (datetime.datetime(2026, 10, 8, 23, 59, 59, tzinfo=SH), False),  # the due second itself
        (datetime.datetime(2026, 10, 9, 0, 0, 0, tzinfo=SH), True),  # the next moment
    ],
)
def test_just_before_at_and_after_the_deadline(people, when, late):
    report = file(people["reporter"], when, explanation="出差")
    assert report.late is late and duty(report).state == ("done_late" if late else "done")


def test_late_needs_the_explanation_of_the_special_reason(people):
    with pytest.raises(ValidationError) as error:
        file(people["reporter"], at(2026, 10, 9, 9))
    assert refusal(error) == {"explanation": "逾期说明：已超过报告期限，请说明未能按时报告的特殊原因"}
    assert not Report.objects.exists() and not Obligation.objects.filter(kind="personal-report").exists()
    report = file(people["reporter"], at(2026, 10, 9, 9), explanation="在外地住院治疗，出院后即补报")
    assert report.late and duty(report).state == "done_late"
    assert report.explanation.reveal(people["organization"].user, "审核") == "在外地住院治疗，出院后即补报"


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"item": ""}, "item", "报告事项：请选择第三条或第四条所列的一项"),
        ({"item": Item.ALL}, "item", "报告事项"),
        ({"occasion": "other"}, "occasion", "报告情形：请选择报告情形"),
        ({"event_on": datetime.date(2026, 9, 20)}, "event_on", "事项发生日期：不能晚于今天"),
        ({"event_on": None}, "event_on", "事项发生日期：请填写日期"),
        ({"details": "  "}, "details", "报告内容：请如实填写报告内容"),
        ({"event_on": datetime.date(1, 1, 1)}, "event_on", "事项发生日期：不能早于2000年1月1日"),
        ({"details": "长" * 5001}, "details", "内容过长"),
    ],
)
def test_bad_input_is_refused_naming_the_field(people, change, field, message):
    with pytest.raises(ValidationError) as error:
        file(people["reporter"], at(2026, 9, 10), **change)
    assert message in refusal(error)[field]


def test_only_cadres_at_deputy_section_level_and_above_report(people):
    with pytest.raises(ValidationError) as error:
        file(people["staff"], at(2026, 9, 10))
    assert "科级副职以上" in refusal(error)["reporter"]


def test_a_new_leader_reports_every_item_and_a_resignation_is_due_with_the_application(people):
    leader = file(people["reporter"], at(2026, 9, 10), occasion=Occasion.NEW_LEADER, item="")
    assert leader.item == Item.ALL and leader.due_at.date() == datetime.date(2026, 10, 8)
    with pytest.raises(ValidationError):
        file(people["colleague"], at(2026, 9, 2), occasion=Occasion.RESIGNATION)  # due on 1 September
    quitting = file(people["colleague"], at(2026, 9, 1, 16), occasion=Occasion.RESIGNATION)
    assert quitting.due_at.date() == EVENT and not quitting.late


def test_the_office_requests_a_report_the_duty_runs_then_the_cadre_files_it(people):
    office, cadre = people["organization"], people["reporter"]
    with time_machine.travel(at(2026, 9, 5), tick=False):
        report = services.request_report(
            reporter=cadre, occasion=Occasion.EVENT, event_on=EVENT, by=office, user=office.user
        )
    ob = duty(report)
    assert (report.state, ob.state, ob.assignee, ob.due_at) == ("requested", "open", cadre, report.due_at)
    assert ob.source_type == "personal.report" and ob.source_id == str(report.pk)
    sweep(at(2026, 10, 9, 1))
    ob.refresh_from_db()
    assert ob.state == "overdue"
    with pytest.raises(ValidationError) as error:
        file(people["colleague"], at(2026, 10, 9, 9), report=report, explanation="x")
    assert "科级副职以上" not in refusal(error)["reporter"] and "本人" in refusal(error)["reporter"]
    filed = file(cadre, at(2026, 10, 9, 9), report=report, explanation="出差在外，返回后补报")
    assert (filed.state, filed.late, filed.item, duty(filed).state) == (
        "filed",
        True,
        Item.PRIVATE_TRAVEL,
        "done_late",
    )
    with pytest.raises(ValidationError) as error:
        file(cadre, at(2026, 10, 9, 10), report=report, explanation="x")
    assert refusal(error) == {"details": "该报告已填报，不能重复填报"}


def test_the_office_may_only_request_from_cadres_who_must_report(people, elsewhere):
    for who in (people["staff"], elsewhere["reporter"]):
        with pytest.raises(ValidationError) as error:
            services.request_report(
                reporter=who, occasion=Occasion.NEW_LEADER, event_on=EVENT, by=people["organization"]
            )
        assert "reporter" in error.value.message_dict


def test_flags_of_article_8_with_a_sealed_note_once_each(people):
    report = file(people["reporter"], at(2026, 9, 10))
    office = people["organization"]
    mark = services.flag(
        report, code=Flag.Code.UNTRUE, note="与不动产登记信息不符", by=office, user=office.user
    )
    assert str(mark.note) == PLACEHOLDER
    for code, note, field in [
        (Flag.Code.UNTRUE, "再次", "code"),
        ("other", "x", "code"),
        (Flag.Code.HIDDEN, " ", "note"),
        (Flag.Code.HIDDEN, "x" * 5001, "note"),
    ]:
        with pytest.raises(ValidationError) as error:
            services.flag(report, code=code, note=note, by=office)
        assert field in error.value.message_dict
    # The reporter holds no personal.flag: refused before any check of the report, as on the web.
    with pytest.raises(PermissionDenied):
        services.flag(report, code=Flag.Code.LATE, note="本人", by=people["reporter"])
    assert AuditEntry.objects.get(action="personal.flag").summary.endswith("不如实报告")


def test_one_read_opens_every_sealed_field_under_one_audit_entry(people):
    report = file(people["reporter"], at(2026, 10, 9, 9), explanation="住院")
    office = people["organization"]
    services.flag(report, code=Flag.Code.LATE, note="理由成立", by=office)
    content = services.read(Report.objects.get(pk=report.pk), user=people["discipline"].user, reason="审核")
    assert (content["details"], content["explanation"]) == (DETAILS, "住院")
    assert [(f["flag"].code, f["note"]) for f in content["flags"]] == [("late", "理由成立")]
    [entry] = services.readers(report)
    assert (entry.actor, entry.summary) == (
        people["discipline"].user,
        f"审核：个人有关事项报告 #{report.pk}（周强）",
    )
    assert sorted(entry.detail["fields"]) == [
        "personal_flag.note",
        "personal_report.details",
        "personal_report.explanation",
    ]
