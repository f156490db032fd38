"""The input checks the petition entry points share: refusals name the field (in Chinese), the
actor acts as the named person of the township, and a leader is a team member on the day."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, NoReturn

from django.core.exceptions import PermissionDenied, ValidationError

from zhidu.core.permissions import actor_of, require, require_person
from zhidu.org.models import Person, Township

if TYPE_CHECKING:
    from zhidu.core.permissions import Actor

EARLIEST = datetime.date(2000, 1, 1)
MAX_TEXT = 5000


def refuse(field: str, message: str) -> NoReturn:
    raise ValidationError({field: message})


def acting(user: Actor | None, by: Person, action: str, township_id: int) -> Actor | None:
    actor = actor_of(user, by)
    require(actor, action)
    require_person(actor, by, action)
    if by.township_id != township_id:
        raise PermissionDenied(f"{action}: another township")
    return actor


def checked_day(
    value: datetime.date | None, field: str, label: str, *, today: datetime.date
) -> datetime.date:
    if value is None:
        refuse(field, f"{label}：请填写日期")
    if value > today:
        refuse(field, f"{label}：不能晚于今天")
    if value < EARLIEST:
        refuse(field, f"{label}：不能早于2000年1月1日")
    return value


def checked_text(value: str, field: str, label: str, *, required: bool = True, limit: int = MAX_TEXT) -> str:
    value = (value or "").strip()
    if required and not value:
        refuse(field, f"{label}：请填写")
    if len(value) > limit:
        refuse(field, f"{label}：不能超过{limit}字")
    return value


def is_leader(person: Person, day: datetime.date) -> bool:
    return any(term.covers(day) for term in person.terms.all())


def leaders(township: Township, day: datetime.date) -> list[Person]:
    people = Person.objects.filter(township=township, active=True, terms__isnull=False).distinct()
    return [p for p in people.prefetch_related("terms").order_by("pk") if is_leader(p, day)]
