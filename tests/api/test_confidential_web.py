"""R1§9, one policy for the web and the API (issue 17): a confidential personnel item's title is
read by those who prepare, decide and audit it; the county's viewer and the administrator read
"保密议题" on every page, in the findings and in the export, as through the API."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from tests.api.conftest import SECRET_TITLE

PAGES = ("meetings:meeting-detail", "meetings:findings", "meetings:export")


def pages(world):
    return [reverse(name, args=[world.open.pk]) for name in PAGES] + [
        reverse("meetings:item-list"),
        reverse("meetings:item-detail", args=[world.secret.pk]),
    ]


@pytest.mark.django_db
def test_the_county_reads_the_confidential_item_as_such_on_every_page(world, as_user):
    client = as_user(world.people["county"])
    for url in pages(world):
        response = client.get(url)
        assert response.status_code == 200, url
        text = response.content.decode("utf-8")
        assert SECRET_TITLE not in text and "保密议题" in text, url


@pytest.mark.django_db
def test_the_administrator_reads_it_as_such_too(world, client):
    admin = get_user_model().objects.create_superuser("root", "root@example.org", "x")
    client.force_login(admin)
    text = client.get(reverse("meetings:meeting-detail", args=[world.open.pk])).content.decode("utf-8")
    assert SECRET_TITLE not in text


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["hu", "clerk", "organization"])
def test_those_who_handle_it_read_its_title(world, as_user, persona):
    client = as_user(world.people[persona])
    text = client.get(reverse("meetings:meeting-detail", args=[world.open.pk])).content.decode("utf-8")
    assert SECRET_TITLE in text
