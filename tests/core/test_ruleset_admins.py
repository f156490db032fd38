"""The township's one rule set in the admin (R1–R4 and R7 parameters, zhidu.rules): new versions
only, carrying the values in force over, and only for those Django's permissions allow. Found by the
URL × role crawl (tests/core/test_access_crawl.py): any staff account listed every township's rule
sets."""

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from tests import factories
from zhidu.rules import parameters_for
from zhidu.rules.models import RuleSet
from zhidu.rules.parameters import areas

pytestmark = pytest.mark.django_db
CHANGELIST = reverse("admin:rules_ruleset_changelist")
ADD = reverse("admin:rules_ruleset_add")


def township_administrator(town, *codenames):
    staff = factories.person(town, "镇系统管理员", username="staff").user
    staff.is_staff = True
    staff.save()
    for codename in codenames:
        staff.user_permissions.add(Permission.objects.get(content_type__app_label="rules", codename=codename))
    return staff


def posted(town, day="2026-07-01", **changes):
    """The add form as the browser posts it: every parameter of every registered area at its
    rulebook default (a ticked box posts "on", an unticked one nothing), but `changes`."""
    data = {"township": town.pk, "effective_from": day}
    for namespace, parameters in areas().items():
        for name, value in parameters().to_json().items():
            if value is not False:
                data[f"{namespace}__{name}"] = "on" if value is True else value
    return data | changes


def test_a_staff_account_without_the_permission_does_not_list_rule_sets(client):
    staff = township_administrator(factories.township())
    client.force_login(staff)
    assert client.get(CHANGELIST).status_code == 403
    staff.user_permissions.add(
        Permission.objects.get(content_type__app_label="rules", codename="view_ruleset")
    )
    assert client.get(CHANGELIST).status_code == 200


def test_the_county_administrator_adds_a_version_of_both_areas_at_once(admin_client):
    town = factories.township()
    assert admin_client.get(CHANGELIST).status_code == 200
    page = admin_client.get(ADD)
    assert page.status_code == 200
    assert "meetings__close_vote_margin" in page.content.decode()
    assert "supervision__progress_workdays" in page.content.decode()
    response = admin_client.post(
        ADD, posted(town, meetings__close_vote_margin=3, supervision__progress_workdays=5)
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    july = datetime.date(2026, 7, 1)
    assert parameters_for(town, "meetings", july).close_vote_margin == 3
    assert parameters_for(town, "supervision", july).progress_workdays == 5
    assert parameters_for(town, "meetings", july - datetime.timedelta(days=1)).close_vote_margin == 1


def test_a_bad_value_is_refused_by_name(admin_client):
    town = factories.township()
    response = admin_client.post(ADD, posted(town, meetings__quorum_fraction="3/2"))
    assert response.status_code == 200 and not RuleSet.objects.exists()
    assert "应在 0 与 1 之间" in response.content.decode()
    response = admin_client.post(ADD, posted(town, supervision__progress_workdays=0))
    assert response.status_code == 200 and not RuleSet.objects.exists()


def test_a_new_version_starts_from_the_one_in_force(client):
    town = factories.township()
    RuleSet.objects.create(
        township=town,
        effective_from=datetime.date(2020, 1, 1),
        parameters={"meetings": {"close_vote_margin": 2}, "supervision": {"progress_workdays": 7}},
    )
    client.force_login(township_administrator(town, "view_ruleset", "add_ruleset"))
    form = client.get(ADD).context["adminform"].form
    assert form.initial["meetings__close_vote_margin"] == 2
    assert form.initial["supervision__progress_workdays"] == 7
    assert form.initial["meetings__notice_workdays"] == 1  # the rulebook default, never set here


def test_a_version_is_never_edited_nor_deleted(admin_client):
    town = factories.township()
    version = RuleSet.objects.create(
        township=town,
        effective_from=datetime.date(2026, 7, 1),
        parameters={"meetings": {"close_vote_margin": 3}},
    )
    url = reverse("admin:rules_ruleset_change", args=[version.pk])
    page = admin_client.get(url)
    assert page.status_code == 200 and "票数接近的差额" in page.content.decode()
    assert admin_client.post(url, posted(town, meetings__close_vote_margin=9)).status_code == 403
    assert admin_client.post(reverse("admin:rules_ruleset_delete", args=[version.pk])).status_code == 403
    version.refresh_from_db()
    assert version.parameters == {"meetings": {"close_vote_margin": 3}}


def test_a_township_administrator_sees_and_adds_only_for_the_own_township(client):
    town, other = factories.township(), factories.township()
    RuleSet.objects.create(township=other, effective_from=datetime.date(2020, 1, 1), parameters={})
    client.force_login(township_administrator(town, "view_ruleset", "add_ruleset"))
    assert client.get(CHANGELIST).context["cl"].result_count == 0
    response = client.post(ADD, posted(other))
    assert response.status_code == 200 and "township" in response.context["adminform"].form.errors
    assert client.post(ADD, posted(town)).status_code == 302
    assert RuleSet.objects.filter(township=town).count() == 1
