"""R1§12(4) 复议: a resolution is changed only by a new decision that names it; the old minutes show
the change and link the new decision. R1§9: each item's basis and reasons and its supervision."""

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from tests.meetings.decisions_helpers import approved_item, at, clerk_user, closed, held
from tests.meetings.meeting_factory import meeting, team
from zhidu.core.models import AuditEntry
from zhidu.meetings import services
from zhidu.meetings.checks import Decision, check_basis_and_supervision, check_reconsideration
from zhidu.meetings.models import Reconsideration

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(town):
    return team(town)


def passed(town_id=1, body="team"):
    return Decision("村级道路维修资金", body, town_id, "passed")


# --- the pure checks, just inside and just outside -------------------------------------------------


def test_a_passed_decision_of_the_same_body_and_township_may_be_changed():
    assert check_reconsideration("调整道路维修资金", "team", 1, passed()) == []
    assert check_reconsideration("一般议题", "team", 1, None) == []


@pytest.mark.parametrize(
    ("changed", "why"),
    [
        (passed(town_id=2), "不是本镇的决定"),
        (Decision("村级道路维修资金", "team", 1, "rejected"), "不是已通过的决定"),
        (Decision("村级道路维修资金", "team", 1, ""), "不是已通过的决定"),
        (passed(body="secretary_office"), "只能由书记办公会复议"),
    ],
)
def test_anything_else_is_no_decision_to_change(changed, why):
    [finding] = check_reconsideration("调整道路维修资金", "team", 1, changed)
    assert (finding.code, finding.severity, finding.article) == (
        "reconsiders-not-decision",
        "violation",
        "R1§12(4)",
    )
    assert why in finding.message and "调整道路维修资金" in finding.message


def test_an_important_passed_item_needs_its_basis_and_supervision():
    assert check_basis_and_supervision("修路", True, "passed", "依据规划", "纪委监督") == []
    assert check_basis_and_supervision("修路", False, "passed", "", "") == []  # general item
    assert check_basis_and_supervision("修路", True, "rejected", "", "") == []  # nothing to execute
    [finding] = check_basis_and_supervision("修路", True, "passed", "依据规划", " ")
    assert (finding.code, finding.severity, finding.article) == ("no-basis", "advice", "R1§9")
    assert "监督办法" in finding.message and "依据和理由" not in finding.message


def test_the_basis_finding_reads_in_the_readers_language():
    [both] = check_basis_and_supervision("修路", True, "passed", "", "")
    assert both.message == "重要事项“修路”已通过，但纪要未记录依据和理由和监督办法"
    with translation.override("en"):
        [both] = check_basis_and_supervision("修路", True, "passed", "", "")
        [basis] = check_basis_and_supervision("修路", True, "passed", "", "纪委监督")
    assert both.message.startswith("Important item “修路” was passed, but the minutes record neither")
    assert basis.message.endswith("do not record its basis and reasons")


# --- the flow -------------------------------------------------------------------------------------


def first_decision(town, people):
    with time_machine.travel(at(2026, 6, 18, 18), tick=False):
        old = closed(town, people, [approved_item(town, people)], held_at=at(2026, 6, 18, 15))
    return old, old.entries.get()


def test_a_passed_reconsideration_changes_the_old_decision_and_both_minutes_say_so(client, town, people):
    old, old_entry = first_decision(town, people)
    with time_machine.travel(at(2026, 7, 9, 18), tick=False):
        item = services.propose_item(
            township=town, proposer=people["qiu"], title="调整村级道路维修资金", category="large_funds",
            owner=people["qiu"], evaluation_report="items/r.pdf", reconsiders=old_entry,
        )  # fmt: skip
        services.decide_item(item, by=people["yang"], approve=True)
        new = closed(town, people, [item], held_at=at(2026, 7, 9, 15))
    new_entry = new.entries.get()
    change = Reconsideration.objects.get()
    assert (change.changed, change.by, change.township) == (old_entry, new_entry, town)
    assert AuditEntry.objects.filter(action="meeting.reconsidered").count() == 1
    client.force_login(people["hu"].user)
    page = client.get(reverse("meetings:minutes", args=[old.pk])).content.decode()
    link = reverse("meetings:minutes", args=[new.pk]) + f"#entry-{new_entry.pk}"
    assert 'data-testid="changed-by"' in page and link in page and "调整村级道路维修资金" in page
    page = client.get(reverse("meetings:minutes", args=[new.pk])).content.decode()
    assert 'data-testid="reconsiders"' in page
    assert reverse("meetings:minutes", args=[old.pk]) + f"#entry-{old_entry.pk}" in page


def test_a_rejected_reconsideration_changes_nothing(town, people):
    _old, old_entry = first_decision(town, people)
    with time_machine.travel(at(2026, 7, 9, 18), tick=False):
        item = services.propose_item(
            township=town, proposer=people["qiu"], title="调整村级道路维修资金", category="general",
            owner=people["qiu"], reconsiders=old_entry,
        )  # fmt: skip
        services.decide_item(item, by=people["yang"], approve=True)
        closed(town, people, [item], held_at=at(2026, 7, 9, 15), vote="against")
    assert not Reconsideration.objects.exists()


def test_an_item_cannot_name_a_decision_not_yet_taken_or_another_bodys(town, people):
    with time_machine.travel(at(2026, 6, 18, 18), tick=False):
        pending = held(town, people, [approved_item(town, people)], held_at=at(2026, 6, 18, 15))
        with pytest.raises(ValidationError) as refused:
            services.propose_item(
                township=town, proposer=people["qiu"], title="调整", category="general", owner=people["qiu"],
                reconsiders=pending.entries.get(),
            )  # fmt: skip
        assert "R1§12(4)" in str(refused.value) and "不是已通过的决定" in str(refused.value)
    _old, old_entry = first_decision(town, people)
    item = services.propose_item(
        township=town, proposer=people["qiu"], title="调整", category="general", owner=people["qiu"],
        reconsiders=old_entry,
    )  # fmt: skip
    services.decide_item(item, by=people["yang"], approve=True)
    with pytest.raises(ValidationError) as refused:
        meeting(town, people, [item], body="secretary_office", held_at=at(2027, 1, 5, 9))
    assert "只能由党委领导班子会议复议" in str(refused.value) or "R1§12(4)" in str(refused.value)


def test_the_propose_form_offers_passed_decisions_and_refuses_others(client, town, people):
    _old, old_entry = first_decision(town, people)
    client.force_login(people["qiu"].user)
    page = client.get(reverse("meetings:item-propose")).content.decode()
    assert f'value="{old_entry.pk}"' in page
    response = client.post(
        reverse("meetings:item-propose"),
        {
            "title": "调整资金",
            "category": "general",
            "owner": people["qiu"].pk,
            "reconsiders": old_entry.pk + 999,
        },
    )
    assert response.status_code == 200 and "调整资金" in response.content.decode()  # kept, field refused
    response = client.post(
        reverse("meetings:item-propose"),
        {"title": "调整资金", "category": "general", "owner": people["qiu"].pk, "reconsiders": old_entry.pk},
    )
    assert response.status_code == 302
    assert services.passed_decisions(town)[0].reconsidering_items.get().title == "调整资金"


def test_basis_and_supervision_are_minuted_and_their_absence_advised(client, town, people):
    with time_machine.travel(at(2026, 6, 18, 18), tick=False):
        m = closed(
            town, people,
            [approved_item(town, people), approved_item(town, people, title="修缮村部", category="major_project")],
            held_at=at(2026, 6, 18, 15), basis="依据《村级道路管理办法》", supervision="由纪委全程监督",
        )  # fmt: skip
    first, second = m.entries.all()
    assert (first.basis, first.supervision) == ("依据《村级道路管理办法》", "由纪委全程监督")
    assert m.archive.get().minutes[f"i{first.item_id}"]["supervision"] == "由纪委全程监督"
    client.force_login(people["hu"].user)
    page = client.get(reverse("meetings:minutes", args=[m.pk])).content.decode()
    assert "依据《村级道路管理办法》" in page and "由纪委全程监督" in page
    assert 'data-testid="basis-finding"' not in page
    services.correct_meeting(
        m, texts={second.pk: {"supervision": ""}}, reason="补正", version=m.version, user=clerk_user(m)
    )
    page = client.get(reverse("meetings:minutes", args=[m.pk])).content.decode()
    assert page.count('data-testid="basis-finding"') == 1 and "R1§9" in page


def test_the_proposal_form_names_a_decision_by_its_minutes_in_both_languages(client, town, people):
    old, old_entry = first_decision(town, people)
    number = str(old.minutes)
    client.force_login(people["hu"].user)
    page = client.get(reverse("meetings:item-propose")).content.decode()
    assert f"{number}“{old_entry.item.title}”" in page
    client.cookies["django_language"] = "en"
    page = client.get(reverse("meetings:item-propose")).content.decode()
    assert f"Minutes {number}: {old_entry.item.title}" in page
