"""A resubmitted form does not create a duplicate: the propose form carries one key per render, so
the back button's resubmit (or a double click) saves one item."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from tests.meetings.test_item_views import proposal
from zhidu.core.models import AuditEntry
from zhidu.meetings import services
from zhidu.meetings.models import Item

pytestmark = pytest.mark.django_db


def form_key(page: str) -> str:
    return re.search(r'name="form_key" value="([^"]+)"', page).group(1)


def test_the_same_form_sent_twice_saves_one_item(client, people):
    client.force_login(people["clerk"].user)
    page = client.get(reverse("meetings:item-propose")).content.decode()
    key = form_key(page)
    # Each render its own key.
    assert form_key(client.get(reverse("meetings:item-propose")).content.decode()) != key
    first = client.post(reverse("meetings:item-propose"), proposal(people, form_key=key))
    again = client.post(reverse("meetings:item-propose"), proposal(people, form_key=key), follow=True)
    item = Item.objects.get()
    assert first["Location"] == again.redirect_chain[-1][0] == reverse("meetings:item-detail", args=[item.pk])
    assert AuditEntry.objects.filter(action="item.propose").count() == 1
    # A new render is a new item.
    client.post(reverse("meetings:item-propose"), proposal(people, form_key="another-render"))
    assert Item.objects.count() == 2


def test_the_key_survives_a_refused_form(client, people):
    client.force_login(people["clerk"].user)
    refused = client.post(reverse("meetings:item-propose"), proposal(people, title="", form_key="k1"))
    assert form_key(refused.content.decode()) == "k1"


def test_the_entry_point_returns_the_item_the_key_saved(town, people):
    args = dict(
        township=town, proposer=people["clerk"], title="议题", category="general", owner=people["deputy"]
    )
    first = services.propose_item(**args, form_key="same")
    assert services.propose_item(**args, form_key="same") == first
    assert services.propose_item(**args) != first and services.propose_item(**args).form_key == ""
    assert Item.objects.count() == 3
