"""Small factories: tests build the data they need in code (style.md: no large shared fixtures)."""

from __future__ import annotations

import datetime
import itertools

from django.contrib.auth import get_user_model

from zhidu.org.models import Department, Person, TeamMembership, Township

PASSWORD = "correct-horse-42"
_seq = itertools.count(1)


def township(name: str | None = None, code: str | None = None) -> Township:
    n = next(_seq)
    return Township.objects.create(name=name or f"测试镇{n}", code=code or f"t{n}", doc_prefix="测党")


def department(town: Township, kind: str = "other", name: str | None = None) -> Department:
    return Department.objects.get_or_create(
        township=town,
        name=name
        or {
            "party_office": "党政办公室",
            "organization_office": "组织办公室",
            "discipline_inspection": "纪委办公室",
        }.get(kind, f"部门{next(_seq)}"),
        defaults={"kind": kind},
    )[0]


def person(
    town: Township,
    name: str,
    *,
    username: str | None = None,
    dept_kind: str | None = None,
    team_role: str | None = None,
    principal: bool = False,
    starts_on: datetime.date = datetime.date(2021, 1, 1),
    ends_on: datetime.date | None = None,
    leader: Person | None = None,
    county_view: bool = False,
) -> Person:
    user = None
    if username:
        user = get_user_model().objects.create_user(username=username, password=PASSWORD)
    p = Person.objects.create(
        township=town,
        name=name,
        user=user,
        leader=leader,
        county_view=county_view,
        department=department(town, dept_kind) if dept_kind else None,
    )
    if team_role:
        TeamMembership.objects.create(
            township=town,
            person=p,
            role=team_role,
            is_principal=principal,
            starts_on=starts_on,
            ends_on=ends_on,
        )
    return p


def personas(town: Township, prefix: str = "") -> dict[str, Person]:
    """The users.md personas of one township, by role name."""
    secretary = person(town, "杨书记", username=f"{prefix}secretary", team_role="secretary", principal=True)
    return {
        "secretary": secretary,
        "deputy": person(
            town, "邱副书记", username=f"{prefix}deputy", team_role="deputy_secretary", leader=secretary
        ),
        "clerk": person(
            town, "张党办", username=f"{prefix}clerk", dept_kind="party_office", leader=secretary
        ),
        "discipline": person(
            town, "孙纪检", username=f"{prefix}discipline", dept_kind="discipline_inspection"
        ),
        "organization": person(
            town, "赵组织", username=f"{prefix}organization", dept_kind="organization_office"
        ),
        "cadre": person(town, "吴干部", username=f"{prefix}cadre", leader=secretary),
    }
