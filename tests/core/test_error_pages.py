"""Refusals speak Chinese: 403 and 404 in the site's frame, 400 and 500 too (users.md: the public
cannot stand a form that rejects them without saying why)."""

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_403_and_404_are_chinese_pages_with_a_way_back(client, people):
    client.force_login(people["cadre"].user)
    denied = client.get(reverse("compliance"))
    assert (
        denied.status_code == 403
        and "无权访问" in denied.content.decode()
        and "返回首页" in denied.content.decode()
    )
    missing = client.get("/no-such-page/")
    assert missing.status_code == 404 and "页面不存在" in missing.content.decode()


def test_400_and_500_pages_render_in_chinese(settings):
    from django.template.loader import render_to_string

    assert "系统出错" in render_to_string("500.html")
    too_big = Client(raise_request_exception=False)
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 5
    response = too_big.post(reverse("login"), {f"f{n}": "x" for n in range(10)})
    assert response.status_code == 400 and "请求无法处理" in response.content.decode()
