"""The demo township 柞村镇: the team and the supervision leading group the seed names (R7: 组长 杨栋;
成员 邱维兴、郭爱峰、曲坚强、胡新璐; 办公室主任 郭爱峰, 副主任 曲坚强), plausible departments, villages,
branches and cadres, accounts for each persona of users.md. Then each app adds its part (a few weeks
of obligations, meetings, supervision items, reports): it registers a step from its own `ready()`
(`register_step`), so this kernel imports no area. Steps run in registration order, which is
INSTALLED_APPS order: an area's demo may use the rows of the apps listed before it."""

from __future__ import annotations

import datetime
import os
from collections.abc import Callable
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from zhidu.core import audit
from zhidu.org.models import (
    Branch,
    Department,
    LeadingGroup,
    LeadingGroupMember,
    Person,
    TeamMembership,
    Township,
    Village,
)

DEMO_PASSWORD_DEFAULT = "zhidu-demo"
TERM_START = datetime.date(2021, 9, 1)

# username, name, team role, title, principal
TEAM = [
    ("yangdong", "杨栋", "secretary", "党委书记", True),
    ("qiuweixing", "邱维兴", "deputy_secretary", "党委副书记、镇长", False),
    ("guoaifeng", "郭爱峰", "discipline_secretary", "党委委员、纪委书记", False),
    ("qujianqiang", "曲坚强", "organization_member", "党委委员、组织委员", False),
    ("huxinlu", "胡新璐", "member", "党委委员、宣传委员", False),
    ("linping", "林平", "member", "党委委员、副镇长", False),
    ("xuwen", "徐文", "member", "党委委员、武装部长", False),
]
DEPARTMENTS = [
    ("党政办公室", "party_office"),
    ("组织办公室", "organization_office"),
    ("纪委办公室", "discipline_inspection"),
    ("经济发展办公室", "other"),
    ("社会事务办公室", "other"),
    ("综治办公室", "other"),
]
# username, name, department, title, rank, leader (username), head of department
CADRES = [
    ("zhangmin", "张敏", "党政办公室", "党政办主任", "deputy_section", "qiuweixing", True),
    ("lina", "李娜", "党政办公室", "党政办干事", "staff", "zhangmin", False),
    ("zhaolei", "赵磊", "组织办公室", "组织干事", "staff", "qujianqiang", True),
    ("sunli", "孙丽", "纪委办公室", "纪检干事", "staff", "guoaifeng", True),
    ("zhouqiang", "周强", "经济发展办公室", "经济发展办主任", "deputy_section", "linping", True),
    ("wufang", "吴芳", "社会事务办公室", "社会事务办干事", "staff", "huxinlu", False),
    ("chengang", "陈刚", "综治办公室", "综治办主任", "deputy_section", "xuwen", True),
]
VILLAGES = ["柞村", "东沟村", "西岭村", "石门村", "杨家坪村", "河口村"]
SUPERVISION_GROUP = [
    ("yangdong", "leader"),
    ("qiuweixing", "member"),
    ("guoaifeng", "member"),
    ("qujianqiang", "member"),
    ("huxinlu", "member"),
    ("guoaifeng", "office_director"),
    ("qujianqiang", "office_deputy"),
]


# (township, people by username, today) -> None
Step = Callable[[Township, dict[str, Person], datetime.date], None]
_steps: dict[str, Step | str] = {}


def register_step(name: str, step: Step | str) -> None:
    """Add `step(township, people, today)` to `create_demo`, after the steps registered before it.
    A dotted path ("zhidu.meetings.demo.create") is imported only when the demo is built."""
    _steps[name] = step


def _step(step: Step | str) -> Step:
    return import_string(step) if isinstance(step, str) else step


def demo_password() -> str:
    return os.environ.get("ZHIDU_DEMO_PASSWORD") or DEMO_PASSWORD_DEFAULT


def demo_logins() -> list[tuple[str, str, str]]:
    rows = [(u, n, t) for u, n, _, t, _ in TEAM] + [(u, n, t) for u, n, _, t, *_ in CADRES]
    return [("admin", "县级管理员", "系统管理员（县级）"), *rows]


@transaction.atomic
def create_demo(today: datetime.date | None = None) -> Township:
    """Create 柞村镇 (once; a second call returns it unchanged)."""
    existing = Township.objects.filter(code="zhacun").first()
    if existing is not None:
        return existing
    today = today or timezone.localdate()
    User = get_user_model()
    # One hash for all demo accounts: hashing is deliberately slow, the demo must start fast.
    password_hash = make_password(demo_password())
    township = Township.objects.create(name="柞村镇", code="zhacun", county="示范县", doc_prefix="柞党")

    def account(username: str) -> Any:  # the AUTH_USER_MODEL, whatever the settings name
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User.objects.create(username=username, password=password_hash)
        return user

    people: dict[str, Person] = {}
    departments = {
        name: Department.objects.create(township=township, name=name, kind=kind) for name, kind in DEPARTMENTS
    }
    for username, name, role, title, principal in TEAM:
        person = Person.objects.create(
            township=township,
            name=name,
            user=account(username),
            title=title,
            rank=Person.Rank.SECTION if principal else Person.Rank.DEPUTY_SECTION,
        )
        people[username] = person
        TeamMembership.objects.create(
            township=township,
            person=person,
            role=role,
            title=title,
            is_principal=principal,
            starts_on=TERM_START,
        )
    for username in people:
        if username != "yangdong":
            people[username].leader = people["yangdong"]
            people[username].save(update_fields=["leader"])
    for username, name, dept, title, rank, _leader, head in CADRES:
        person = Person.objects.create(
            township=township,
            name=name,
            user=account(username),
            department=departments[dept],
            title=title,
            rank=rank,
        )
        people[username] = person
        if head:
            departments[dept].head = person
            departments[dept].save(update_fields=["head"])
    for username, _name, _dept, _title, _rank, leader, _head in CADRES:
        people[username].leader = people[leader]
        people[username].save(update_fields=["leader"])
    for name in VILLAGES:
        village = Village.objects.create(township=township, name=name)
        Branch.objects.create(township=township, name=f"{name}党支部", village=village)
    Branch.objects.create(township=township, name="柞村镇机关党支部")
    group = LeadingGroup.objects.create(township=township, name="督查督办工作领导小组", code="supervision")
    for username, position in SUPERVISION_GROUP:
        LeadingGroupMember.objects.create(
            township=township, group=group, person=people[username], position=position
        )
    admin = User.objects.filter(username="admin").first()
    if admin is None:
        User.objects.create(username="admin", password=password_hash, is_staff=True, is_superuser=True)
    audit.record(None, "demo.create", township, summary="创建演示乡镇 柞村镇")
    # Each app's part, in registration order (register_step).
    for step in _steps.values():
        _step(step)(township, people, today)
    return township
