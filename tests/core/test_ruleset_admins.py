"""The rule parameters' admins (R1–R4 and R7 per-township rules): new versions only, and only for
those Django's permissions allow. Found by the URL × role crawl (tests/core/test_access_crawl.py):
any staff account listed every township's rule sets."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db
RULE_SETS = pytest.mark.parametrize(
    ("model", "codename"),
    [("meetings_ruleset", "view_ruleset"), ("supervision_supervisionruleset", "view_supervisionruleset")],
)


@RULE_SETS
def test_a_staff_account_without_the_permission_does_not_list_rule_sets(client, model, codename):
    url = reverse(f"admin:{model}_changelist")
    staff = factories.person(factories.township(), "镇系统管理员", username="staff").user
    staff.is_staff = True
    staff.save()
    client.force_login(staff)
    assert client.get(url).status_code == 403
    staff.user_permissions.add(Permission.objects.get(codename=codename))
    assert client.get(url).status_code == 200


@RULE_SETS
def test_the_county_administrator_still_adds_a_version(admin_client, model, codename):
    assert admin_client.get(reverse(f"admin:{model}_changelist")).status_code == 200
    assert admin_client.get(reverse(f"admin:{model}_add")).status_code == 200
