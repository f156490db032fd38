"""Demo democratic life meetings for 柞村镇 (R13), through the entry points only: last year's held
(criticism recorded, a measure of 周强 still followed, the written report sent); this year's in
preparation with its theme, opinions gathered and two speeches (one submitted, one a draft)."""

from __future__ import annotations

import datetime

from zhidu.life_meetings import aftercare, periodic, services
from zhidu.life_meetings.models import Speech
from zhidu.org.models import Person


def create(township, people: dict[str, Person], today: datetime.date) -> None:
    periodic.generate(township, today)
    yang, office = people["yangdong"], people["zhaolei"]
    last = services.create_meeting(
        by=yang, year=today.year - 1, theme="加强班子自身建设，改进工作作风", planned_on=None
    )
    held_on = datetime.date(today.year - 1, 12, 18)
    records = {
        s.pk: ("联系群众还不够经常。", "调研要更深入一线。")
        for s in Speech.objects.filter(meeting=last).select_related("person")
        if s.person_id in (yang.pk, people["qiuweixing"].pk)
    }
    services.hold_meeting(
        last, by=yang, held_on=held_on, summary="会议围绕主题开展批评与自我批评。", records=records
    )
    aftercare.add_measure(
        last, by=yang, text="建立班子成员联系村（社区）走访台账，每月至少走访一次。", owner=people["zhouqiang"],
        due_on=today + datetime.timedelta(days=60),
    )  # fmt: skip
    aftercare.confirm_measures(last, by=yang)
    aftercare.record_report(
        last, by=yang, sent_on=held_on + datetime.timedelta(days=5), sent_to="县委组织部、县纪委",
        text="我镇党委于12月18日召开年度民主生活会……",
    )  # fmt: skip
    # Next year's meeting asked to be postponed, awaiting the superior's approval (R13 三).
    aftercare.request_postponement(
        by=yang, year=today.year + 1, reason="换届工作与年度民主生活会时间冲突，拟推迟召开",
        hold_by=datetime.date(today.year + 2, 3, 31),
    )  # fmt: skip
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
        elif speech.person_id == people["qiuweixing"].pk:
            services.save_speech(speech, text="对照检查：联系群众还不够经常……")
