"""Demo democratic life meeting for 柞村镇 (R13), through the entry points only: this year's in
preparation with its theme, opinions gathered and two speeches (one submitted, one a draft)."""

from __future__ import annotations

import datetime

from zhidu.life_meetings import periodic, services
from zhidu.life_meetings.models import Speech
from zhidu.org.models import Person


def create(township, people: dict[str, Person], today: datetime.date) -> None:
    periodic.generate(township, today)
    yang, office = people["yangdong"], people["zhaolei"]
    meeting = services.create_meeting(
        by=yang, year=today.year, theme="深入学习贯彻党的创新理论，对照检查履职尽责情况",
        planned_on=today + datetime.timedelta(days=14),
    )  # fmt: skip
    services.add_opinion(
        meeting, by=office, source="public", text="希望班子成员多到村里走访，帮助解决饮水问题。"
    )
    services.add_opinion(meeting, by=office, source="activist", text="建议党员干部在乡村振兴项目中带头示范。")
    for speech in Speech.objects.filter(meeting=meeting).select_related("person"):
        if speech.person_id == yang.pk:
            services.save_speech(speech, text="一、理论学习方面：系统学习不够深入……", submit=True)
        elif speech.person.user and speech.person.user.username == "qiuweixing":
            services.save_speech(speech, text="对照检查：联系群众还不够经常……")
