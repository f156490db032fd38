"""R17 test rows: the deputy paired with a village and a household; the secretary with a village only."""

import datetime

from zhidu.org.models import Village
from zhidu.work_style import services


def pairs(town, people, starts_on=datetime.date(2026, 1, 1)):
    clerk = people["clerk"]
    village = Village.objects.create(township=town, name="东沟村")

    def add(member, kind, household=""):
        return services.add_pair(township=town, member=people[member], kind=kind, village=village,
                                 household=household, starts_on=starts_on, by=clerk, user=clerk.user)  # fmt: skip

    return {
        "village": village,
        "deputy_village": add("deputy", "village"),
        "deputy_household": add("deputy", "household", "李桂兰"),
        "secretary_village": add("secretary", "village"),
    }
