import base64
import datetime

import pytest

from tests import factories
from zhidu.opinions import services
from zhidu.org.models import Village
from zhidu.work_style.models import SupportPair

KEYS = "t1:" + base64.b64encode(bytes(range(140, 156))).decode()
NAME = "王秀英"
PHONE = "13912345678"
CONTENT = "东沟村三组路灯损坏已一个月，夜间出行不便。"
FIVE = "\n".join(f"代表{n} 1380000000{n}" for n in range(1, 6))
SIX = FIVE + "\n代表6 13800000006"


@pytest.fixture(autouse=True)
def _field_keys(settings):
    settings.ZHIDU_FIELD_KEYS = KEYS


@pytest.fixture
def people(town):
    """The users.md personas; a unit (社会事务办公室) with its cadre; a village (东沟村) kept by the
    deputy as their R17 contact village; a cadre of another unit."""
    cast = factories.personas(town)
    cast["unit"] = factories.person(town, "吴社事", username="unitcadre", dept_kind="other")
    cast["unit"].department.name = "社会事务办公室"
    cast["unit"].department.save(update_fields=["name"])
    cast["other"] = factories.person(town, "周经发", username="othercadre", dept_kind="other")
    cast["member"] = factories.person(town, "林委员", username="member", team_role="member")
    village = Village.objects.create(township=town, name="东沟村")
    Village.objects.create(township=town, name="西岭村")
    SupportPair.objects.create(
        township=town,
        member=cast["deputy"],
        kind="village",
        village=village,
        starts_on=datetime.date(2021, 1, 1),
    )
    return cast


def village(town, name="东沟村"):
    return Village.objects.get(township=town, name=name)


def submit(town, **kwargs):
    kwargs.setdefault("topic", "livelihood")
    kwargs.setdefault("title", "路灯损坏")
    kwargs.setdefault("content", CONTENT)
    kwargs.setdefault("submitter_name", NAME)
    kwargs.setdefault("submitter_phone", PHONE)
    if "department" not in kwargs:
        kwargs.setdefault("village", village(town))
    return services.submit(township=town, **kwargs)


def through(opinion, people, to="analysed", verifier="deputy"):
    """An opinion moved along its steps by the deputy (the village's contact) and the party office."""
    clerk = people["clerk"]
    services.verify(opinion, verification="核实属实", by=people[verifier])
    if to == "reported":
        return opinion
    services.analyse(opinion, analysis="普遍问题", proposal="统一维修", by=clerk)
    if to == "analysed":
        return opinion
    services.decide(opinion, adopted=True, note="采用：统一维修路灯", by=clerk)
    if to == "adopted":
        return opinion
    services.complete(opinion, note="已修复路灯三盏", done_on=opinion.decided_on, by=clerk)
    return opinion
