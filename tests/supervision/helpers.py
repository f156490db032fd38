"""The supervision cast, built in code: the users.md personas, plus an owner department
(经济发展办公室) with its head 周强 and a staff member, and another department."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model

from tests import factories
from zhidu.org.models import Department, Person
from zhidu.supervision import services

SH = ZoneInfo("Asia/Shanghai")


def at(year, month, day, hour=10):
    return datetime.datetime(year, month, day, hour, tzinfo=SH)


def member(town, name, username, department, leader=None) -> Person:
    user = get_user_model().objects.create_user(username=username, password=factories.PASSWORD)
    return Person.objects.create(township=town, name=name, user=user, department=department, leader=leader)


def cast(town, prefix: str = "") -> dict:
    people = factories.personas(town, prefix)
    economy = Department.objects.create(township=town, name="经济发展办公室")
    social = Department.objects.create(township=town, name="社会事务办公室")
    people["owner"] = member(town, "周强", f"{prefix}zhouqiang", economy, leader=people["deputy"])
    people["colleague"] = member(town, "钱经发", f"{prefix}qianjingfa", economy)
    people["social"] = member(town, "吴社事", f"{prefix}wusheshi", social)
    economy.head = people["owner"]
    economy.save()
    people["economy"], people["social_dept"] = economy, social
    return people


def register(town, people, *, deadline=datetime.date(2026, 9, 25), department=None, owner=None, **extra):
    return services.register(
        township=town,
        by=people["discipline"],
        source=extra.pop("source", "superior"),
        matter=extra.pop("matter", "落实秸秆禁烧工作"),
        basis=extra.pop("basis", "县委督查通知"),
        requirements=extra.pop("requirements", "九月底前完成全镇巡查并建立台账"),
        owner_department=department or people["economy"],
        owner_person=owner or people["owner"],
        deadline=deadline,
        user=people["discipline"].user,
        **extra,
    )


def assigned(town, people, **kwargs):
    item = register(town, people, **kwargs)
    services.approve(item, by=people["secretary"], user=people["secretary"].user)
    services.assign(item, by=people["discipline"], user=people["discipline"].user)
    return item


def submitted(town, people, text="已完成巡查，台账附后。", **kwargs):
    item = assigned(town, people, **kwargs)
    owner = kwargs.get("owner", people["owner"])  # the owner reports (R7), as on the web
    services.submit_feedback(item, by=owner, text=text, user=owner.user)
    return item
