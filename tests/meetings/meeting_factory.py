"""A team of seven for meeting tests, built in code."""

import datetime
from zoneinfo import ZoneInfo

from tests import factories
from zhidu.meetings import services

SH = ZoneInfo("Asia/Shanghai")


def team(town):
    secretary = factories.person(town, "杨栋", username="yang", team_role="secretary", principal=True)
    people = {
        "yang": secretary,
        "qiu": factories.person(
            town, "邱维兴", username="qiu", team_role="deputy_secretary", leader=secretary
        ),
        "guo": factories.person(town, "郭爱峰", username="guo", team_role="discipline_secretary"),
        "qu": factories.person(town, "曲坚强", username="qu", team_role="organization_member"),
        "hu": factories.person(town, "胡新璐", username="hu", team_role="member"),
        "lin": factories.person(town, "林平", username="lin", team_role="member"),
        "xu": factories.person(town, "徐文", username="xu", team_role="member"),
        "clerk": factories.person(town, "张敏", username="clerk", dept_kind="party_office"),
    }
    return people


def approved_item(town, people, title="村级道路维修资金", category="large_funds", report=True):
    item = services.propose_item(
        township=town,
        proposer=people["qiu"],
        title=title,
        category=category,
        owner=people["qiu"],
        evaluation_report="items/report.pdf" if report else None,
    )
    services.decide_item(item, by=people["yang"], approve=True)
    return item


def meeting(town, people, items, held_at=datetime.datetime(2026, 6, 18, 15, 0, tzinfo=SH), body="team"):
    return services.create_meeting(
        township=town,
        body=body,
        title="党委会议",
        held_at=held_at,
        chair=people["yang"],
        recorder=people["clerk"],
        items=items,
        user=clerk_user(town),
    )


def clerk_user(obj):
    """The login of the party office's clerk of `obj`'s township (a township, a meeting, an entry, a
    box…): the actor the entry points need for the clerk's work (meetings.manage, ballots.manage)."""
    from zhidu.org.models import Person

    township_id = obj.pk if obj.__class__.__name__ == "Township" else obj.township_id
    clerk = (
        Person.objects.filter(township_id=township_id, department__kind="party_office", active=True)
        .exclude(user=None)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    assert clerk is not None, "no party office clerk in this township"
    return clerk.user
