import base64
import datetime
from zoneinfo import ZoneInfo

import pytest

from tests import factories
from zhidu.petitions import services

KEYS = "t1:" + base64.b64encode(bytes(range(120, 136))).decode()
SH = ZoneInfo("Asia/Shanghai")
NAME = "王秀英"
PHONE = "13912345678"
ID_NUMBER = "11010519491231002X"
ISSUE = "东沟村三组宅基地边界与邻居有争议，多次协调未果。"


@pytest.fixture(autouse=True)
def _field_keys(settings):
    settings.ZHIDU_FIELD_KEYS = KEYS


def at(year, month, day, hour=10, minute=0):
    return datetime.datetime(year, month, day, hour, minute, tzinfo=SH)


@pytest.fixture
def people(town):
    """The users.md personas, a handling department with its cadre, and a cadre of another one."""
    cast = factories.personas(town)
    cast["handler"] = factories.person(town, "吴社事", username="handler", dept_kind="other")
    cast["handler"].department.name = "社会事务办公室"
    cast["handler"].department.save(update_fields=["name"])
    cast["other"] = factories.person(town, "周经发", username="othercadre", dept_kind="other")
    return cast


def register(people, received_on=datetime.date(2026, 8, 6), **kwargs):
    kwargs.setdefault("mode", "scheduled")
    kwargs.setdefault("leader", people["deputy"])
    kwargs.setdefault("subject", "宅基地边界纠纷")
    clerk = people["clerk"]
    return services.register(
        township=clerk.township, received_on=received_on, petitioner_name=NAME, petitioner_phone=PHONE,
        petitioner_id_number=ID_NUMBER, petitioner_address="柞村镇东沟村三组", issue=ISSUE,
        by=clerk, user=clerk.user, **kwargs,
    )  # fmt: skip
