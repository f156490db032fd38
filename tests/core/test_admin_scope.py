"""The admin site keeps tenancy: a township's administrator (staff) lists, opens and picks only its
own township's rows and cannot make anyone a superuser; the county administrator sees them all."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from tests import factories
from zhidu.org.models import Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_towns(town, people):
    other = factories.township("河口镇", "hekou")
    outsider = factories.person(other, "外镇干部", username="hekou-cadre", dept_kind="party_office")
    staff = factories.person(town, "本镇管理员", username="town-admin").user
    staff.is_staff = True
    staff.save()
    staff.user_permissions.set(Permission.objects.filter(content_type__app_label__in=["org", "auth", "core"]))
    return staff, outsider


def test_a_township_administrator_sees_only_its_own_rows(client, people, two_towns):
    staff, outsider = two_towns
    client.force_login(staff)
    persons = client.get(reverse("admin:org_person_changelist")).content.decode()
    assert people["clerk"].name in persons and outsider.name not in persons
    foreign = client.get(reverse("admin:org_person_change", args=[outsider.pk]))
    assert foreign.status_code == 302  # the admin's "does not exist" (no disclosure)
    users = client.get(reverse("admin:auth_user_changelist")).content.decode()
    assert "secretary" in users and "hekou-cadre" not in users
    audit = client.get(reverse("admin:core_auditentry_changelist"))
    assert audit.status_code == 200


def test_choices_are_of_the_own_township_and_superuser_cannot_be_granted(client, people, two_towns):
    staff, outsider = two_towns
    client.force_login(staff)
    form = client.get(reverse("admin:org_person_add")).content.decode()
    departments = form.split('name="department"')[1].split("</select>")[0]
    assert f'<option value="{outsider.department.pk}">' not in departments  # another township's
    assert f'<option value="{people["clerk"].department.pk}">' in departments
    assert "河口镇" not in form
    page = client.get(reverse("admin:auth_user_change", args=[people["cadre"].user.pk])).content.decode()
    assert 'name="is_superuser"' not in page


def test_the_county_administrator_sees_every_township(client, people, two_towns):
    _, outsider = two_towns
    county = factories.person(people["clerk"].township, "县管理员", username="county").user
    county.is_staff = county.is_superuser = True
    county.save()
    client.force_login(county)
    persons = client.get(reverse("admin:org_person_changelist")).content.decode()
    assert outsider.name in persons and people["clerk"].name in persons
    assert Person.objects.count() > 2
