"""R5/R6 responsibility: the matrix (first-responsible principal, directly responsible leader in
charge, responsible within their division), the leaders' contact points, the page everyone with
supervision.view reads, the admin that edits them, and the yearly target-responsibility letters
between the principal and each member and each department."""

import datetime

import pytest
import time_machine
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from tests import factories
from tests.supervision.helpers import at
from zhidu.obligations.models import Obligation
from zhidu.org.models import Village
from zhidu.supervision import periodic, responsibility
from zhidu.supervision.models import ContactPoint, ResponsibilityArea

pytestmark = pytest.mark.django_db
JAN = datetime.date(2026, 1, 1)


@pytest.fixture(autouse=True)
def _march():
    with time_machine.travel(at(2026, 3, 10), tick=False):
        yield


def area(town, people, **extra):
    row = ResponsibilityArea.objects.create(
        township=town,
        name=extra.pop("name", "基层党建"),
        principal=people["secretary"],
        leader_in_charge=extra.pop("leader", people["deputy"]),
        starts_on=extra.pop("starts_on", JAN),
        **extra,
    )
    row.members.set([people["cadre"]])
    row.departments.set([people["economy"]])
    return row


def test_the_matrix_names_the_principal_and_the_leader_in_charge(town, people):
    area(town, people).full_clean()
    wrong = ResponsibilityArea(
        township=town,
        name="经济发展",
        principal=people["deputy"],
        leader_in_charge=people["cadre"],
        starts_on=JAN,
    )
    with pytest.raises(ValidationError) as error:
        wrong.full_clean()
    assert "第一责任人须为党委主要负责人" in error.value.message_dict["principal"][0]
    assert "直接责任人须为班子成员" in error.value.message_dict["leader_in_charge"][0]
    other = factories.township("河口镇", "hekou")
    stranger = factories.person(other, "外镇书记", team_role="secretary", principal=True)
    with pytest.raises(ValidationError) as error:
        ResponsibilityArea(
            township=town, name="x", principal=stranger, leader_in_charge=people["deputy"], starts_on=JAN
        ).full_clean()
    assert "principal" in error.value.message_dict


def test_a_contact_point_is_a_village_or_a_department(town, people):
    village = Village.objects.create(township=town, name="东沟村")
    ContactPoint(township=town, person=people["deputy"], village=village, starts_on=JAN).full_clean()
    with pytest.raises(ValidationError):
        ContactPoint(township=town, person=people["deputy"], starts_on=JAN).full_clean()
    # The database refuses it too, whoever writes it.
    with pytest.raises(IntegrityError), transaction.atomic():
        ContactPoint.objects.create(
            township=town,
            person=people["deputy"],
            village=village,
            department=people["economy"],
            starts_on=JAN,
        )


def test_the_page_shows_what_stands_today(client, town, people):
    area(town, people)
    area(
        town,
        people,
        name="已调整的分工",
        starts_on=datetime.date(2025, 1, 1),
        ends_on=datetime.date(2025, 12, 31),
    )
    village = Village.objects.create(township=town, name="东沟村")
    ContactPoint.objects.create(
        township=town, person=people["deputy"], village=village, note="产业发展", starts_on=JAN
    )
    ContactPoint.objects.create(
        township=town, person=people["secretary"], department=people["economy"], starts_on=JAN
    )
    responsibility.generate_letters(town, datetime.date(2026, 3, 10))
    client.force_login(people["cadre"].user)
    response = client.get(reverse("supervision:responsibility"))
    body = response.content.decode()
    assert response.status_code == 200
    assert "基层党建" in body and "已调整的分工" not in body
    assert "东沟村" in body and "产业发展" in body and "经济发展办公室" in body
    assert "签订2026年度党风廉政建设目标责任书（杨书记—邱副书记）" in body
    assert "admin/" not in body  # only administrators get the edit link


@pytest.mark.parametrize(
    "persona", ["secretary", "deputy", "clerk", "discipline", "organization", "cadre", "owner"]
)
def test_everyone_with_supervision_view_reads_it(client, people, persona):
    client.force_login(people[persona].user)
    assert client.get(reverse("supervision:responsibility")).status_code == 200


def test_anonymous_is_sent_to_log_in(client, people):
    assert client.get(reverse("supervision:responsibility"))["Location"].startswith(reverse("login"))


def test_another_townships_matrix_is_not_shown(client, town, people):
    other = factories.township("河口镇", "hekou")
    from tests.supervision.helpers import cast

    theirs = cast(other, prefix="h")
    area(other, theirs, name="河口镇的分工")
    client.force_login(people["cadre"].user)
    assert "河口镇的分工" not in client.get(reverse("supervision:responsibility")).content.decode()


def test_the_admin_edits_them_and_never_deletes(admin_client):
    for model in (ResponsibilityArea, ContactPoint):
        assert model in admin.site._registry
        assert not admin.site._registry[model].has_delete_permission(None)
    assert admin_client.get(reverse("admin:supervision_responsibilityarea_add")).status_code == 200
    assert admin_client.get(reverse("admin:supervision_contactpoint_changelist")).status_code == 200


def test_the_admin_refuses_members_of_another_township(town, people):
    from zhidu.supervision.admin import ResponsibilityAreaForm

    other = factories.township("河口镇", "hekou")
    stranger = factories.person(other, "外镇干部")
    form = ResponsibilityAreaForm(
        data={
            "township": town.pk,
            "name": "基层党建",
            "principal": people["secretary"].pk,
            "leader_in_charge": people["deputy"].pk,
            "members": [stranger.pk],
            "starts_on": "2026-01-01",
        }
    )
    assert not form.is_valid() and "members" in form.errors


def test_letters_between_the_principal_and_each_member_and_department(town, people):
    assert responsibility.generate_letters(town, datetime.date(2026, 3, 10)) == 2 * (1 + 5)
    assert responsibility.generate_letters(town, datetime.date(2026, 3, 11)) == 0  # idempotent by key
    letters = Obligation.objects.filter(kind="responsibility-letter")
    deputy = letters.get(article="R6", assignee=people["deputy"])
    assert deputy.title == "签订2026年度党风廉政建设目标责任书（杨书记—邱副书记）"
    # Due at the end of the year's last working day (2026-12-31 is a Thursday).
    assert deputy.due_at == at(2026, 12, 31).replace(hour=23, minute=59, second=59)
    economy = letters.get(article="R5", department=people["economy"])
    assert economy.assignee == people["owner"]  # the head signs for the department
    assert not letters.filter(assignee=people["secretary"]).exists()  # no letter with oneself
    # The member's R5 letter is the row zhidu.obligations.periodic opens: never twice.
    assert (
        letters.get(article="R5", assignee=people["deputy"]).key
        == f"responsibility-letter:{people['deputy'].pk}:2026"
    )
    # A new year, new letters.
    assert responsibility.generate_letters(town, datetime.date(2027, 1, 4)) == 12


def test_the_daily_job_opens_letters_and_progress_duties(town, people):
    assert periodic.generate(town, datetime.date(2026, 3, 10)) == 12
    assert periodic.generate(town, datetime.date(2026, 3, 10)) == 0


def test_no_principal_no_letters(town, people):
    people["secretary"].terms.update(ends_on=datetime.date(2026, 1, 31))
    assert responsibility.generate_letters(town, datetime.date(2026, 3, 10)) == 0
