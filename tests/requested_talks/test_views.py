"""R19 pages: the booking form refuses in Chinese naming the field and keeps what was typed; the live
panel judges the unsaved form; another cadre's talk is refused."""

import pytest
from django.utils import timezone

from zhidu.org.demo import create_demo
from zhidu.org.models import Person
from zhidu.requested_talks import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def p():
    town = create_demo()
    return {x.user.username: x for x in Person.objects.filter(township=town, user__isnull=False)}


def test_a_refused_booking_names_the_field_and_keeps_the_text(client, p):
    client.force_login(p["wufang"].user)
    data = {"talker": p["xuwen"].pk, "channel": "phone", "topics": ["own"], "day": timezone.localdate().isoformat(),
            "urgent": "on", "summary": "我想反映的情况XYZ"}  # fmt: skip
    response = client.post("/requested-talks/new/", data)
    body = response.content.decode()
    assert response.status_code == 400
    assert "接谈领导" in body and "我想反映的情况XYZ" in body


def test_the_live_panel_judges_the_unsaved_form(client, p):
    client.force_login(p["wufang"].user)
    response = client.post(
        "/requested-talks/check/", {"talker": p["xuwen"].pk, "day": timezone.localdate().isoformat()}
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert 'data-code="wrong-talker"' in body and 'data-code="not-talk-day"' in body and "R19§2" in body
    ok = client.post(
        "/requested-talks/check/",
        {"talker": p["huxinlu"].pk, "day": timezone.localdate().isoformat(), "urgent": "on"},
    )
    assert 'data-code="ok"' in ok.content.decode()


def test_another_cadre_is_refused_the_talk(client, p):
    c = p["wufang"]
    booking = services.book(cadre=c, talker=p["huxinlu"], designated=False, channel="phone", topics=["own"],
                            day=timezone.localdate(), urgent=True, summary="保密内容", user=c.user)  # fmt: skip
    client.force_login(p["lina"].user)
    response = client.get(f"/requested-talks/{booking.pk}/")
    assert response.status_code == 403 and "保密内容" not in response.content.decode()
    client.force_login(p["zhaolei"].user)
    assert "保密内容" in client.get(f"/requested-talks/{booking.pk}/").content.decode()
