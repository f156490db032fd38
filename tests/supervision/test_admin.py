"""The supervision rule parameters' admin (R7 per-township rules): new versions only, and only for
those Django's permissions allow. Found by the URL × role crawl (tests/core/test_access_crawl.py):
any staff account listed every township's supervision rule sets."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db
URL = "admin:supervision_supervisionruleset_changelist"


def test_a_staff_account_without_the_permission_does_not_list_rule_sets(client):
    staff = factories.person(factories.township(), "镇系统管理员", username="staff").user
    staff.is_staff = True
    staff.save()
    client.force_login(staff)
    assert client.get(reverse(URL)).status_code == 403
    staff.user_permissions.add(Permission.objects.get(codename="view_supervisionruleset"))
    assert client.get(reverse(URL)).status_code == 200


def test_the_county_administrator_still_adds_a_version(admin_client):
    assert admin_client.get(reverse(URL)).status_code == 200
    assert admin_client.get(reverse("admin:supervision_supervisionruleset_add")).status_code == 200
