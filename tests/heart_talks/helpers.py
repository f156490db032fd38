"""A small organization for R20: the principal, the deputy secretary, a team member in charge of the
economy office, its head and one staff member, and the organization office."""

from __future__ import annotations

import datetime

from tests import factories
from zhidu.org.models import Department


def organization(town, prefix: str = "") -> dict:
    people = factories.personas(town, prefix)
    member = factories.person(
        town, "林委员", username=f"{prefix}member", team_role="member", leader=people["secretary"]
    )
    economy = Department.objects.create(township=town, name="经济发展办公室")
    head = factories.person(town, "周主任", username=f"{prefix}head", leader=member)
    staff = factories.person(town, "钱干事", username=f"{prefix}staff")
    for p in (head, staff):
        p.department = economy
        p.save(update_fields=["department"])
    economy.head = head
    economy.save(update_fields=["head"])
    people.update(member=member, head=head, staff=staff, economy=economy)
    return people


def talk(services, talker, others, day: datetime.date, **kw):
    return services.record_talk(
        talker=talker, participants=others, held_on=day, mode=kw.pop("mode", "one_to_one"),
        manner=kw.pop("manner", "inspiring"), contents=kw.pop("contents", [1]), notes=kw.pop("notes", "谈话情况"),
        user=talker.user, **kw,
    )  # fmt: skip
