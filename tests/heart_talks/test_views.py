"""R20 pages: a refused talk record names the field and keeps the text; the live panel; the quotas
page for the party office and the principal only."""

import pytest
from django.utils import timezone

from tests.heart_talks.helpers import organization
from zhidu.heart_talks import periodic

pytestmark = pytest.mark.django_db


@pytest.fixture
def org(town):
    return organization(town)


def test_a_refused_record_names_the_field_and_keeps_the_text(client, org):
    client.force_login(org["head"].user)
    data = {"participants": [org["staff"].pk, org["member"].pk], "held_on": "2026-11-20", "mode": "one_to_one",
            "manner": "inspiring", "contents": ["1"], "notes": "谈话内容ABC"}  # fmt: skip
    response = client.post("/heart-talks/new/", data)
    body = response.content.decode()
    assert response.status_code == 400 and "谈话方式" in body and "谈话内容ABC" in body


def test_the_live_panel(client, org):
    client.force_login(org["head"].user)
    response = client.post("/heart-talks/check/", {"participants": [org["staff"].pk], "mode": "one_to_one"})
    body = response.content.decode()
    assert 'data-code="no-manner"' in body and 'data-code="no-contents"' in body


def test_the_quotas_page_is_the_party_office_s_and_the_principal_s(client, org, town):
    periodic.generate(town, timezone.localdate())
    client.force_login(org["clerk"].user)
    assert client.get("/heart-talks/quotas/").status_code == 200
    client.force_login(org["secretary"].user)
    body = client.get("/heart-talks/quotas/?year=abc").content.decode()
    assert "data-status=" in body
    client.force_login(org["staff"].user)
    assert client.get("/heart-talks/quotas/").status_code == 403


def test_a_quota_page_for_the_pair_and_the_overseers_only(client, org, town):
    periodic.generate(town, timezone.localdate())
    from zhidu.heart_talks.models import TalkQuota

    quota = TalkQuota.objects.get(talker=org["head"], talkee=org["staff"])
    client.force_login(org["head"].user)
    body = client.get(f"/heart-talks/quotas/{quota.pk}/").content.decode()
    assert 'data-status="due"' in body and f"?with={org['staff'].pk}" in body
    form = client.get(f"/heart-talks/new/?with={org['staff'].pk}").content.decode()
    assert f'value="{org["staff"].pk}"' in form and "checked" in form
    client.force_login(org["member"].user)
    assert client.get(f"/heart-talks/quotas/{quota.pk}/").status_code == 403
