"""The shapes the API returns, for the OpenAPI document. Field names follow the glossary; the
record and the evaluation are the exchange formats of ../shared/spec/meeting-record.md, verbatim."""

from __future__ import annotations

import datetime
from typing import Literal

from ninja import Field, Schema
from pydantic import ConfigDict

BodyName = Literal["team", "secretary_office", "five_person_group"]
MeetingState = Literal["draft", "notified", "closed"]
ItemState = Literal["awaiting_leader", "proposed", "approved", "returned"]
CategoryName = Literal[
    "personnel", "major_decision", "major_project", "large_funds", "demolition", "resettlement", "general"
]


class Error(Schema):
    detail: str = Field(description="中文说明 / the reason, in Chinese")


class FieldError(Schema):
    field: str = Field(description="参数名 / parameter name")
    in_: str = Field(alias="in", description="path | query")
    message: str


class InvalidInput(Schema):
    detail: str = Field(description="中文说明，逐一列出有误的参数 / every bad parameter, in Chinese")
    errors: list[FieldError]


class Minutes(Schema):
    year: int
    number: int = Field(description="每个会议类型每年独立连续编号 / gapless per body per year (R1§9)")
    label: str = Field(description="纪要文号，如 “测党〔2026〕1号” / the minutes' document number")


class MeetingSummary(Schema):
    id: int
    body: BodyName = Field(
        description="team 党委领导班子会议 | secretary_office 书记办公会 | five_person_group 五人小组"
    )
    body_label: str
    title: str
    held_at: datetime.datetime = Field(description="会议时间（北京时间，+08:00）/ held at, Asia/Shanghai")
    state: MeetingState = Field(description="draft 草稿 | notified 已发通知 | closed 已结束归档")
    emergency: bool
    chair: str = Field(description="主持人姓名 / the chair's name")
    minutes: Minutes | None = Field(
        description="会议纪要编号（仅已结束的会议）/ minutes, closed meetings only"
    )


class MeetingPage(Schema):
    count: int = Field(description="符合条件的总数 / total matching")
    page: int
    pages: int
    page_size: int
    items: list[MeetingSummary]


class AttendanceOut(Schema):
    person_id: int
    member: str = Field(description="会议记录中的成员编号（p<person_id>）/ member id in the record")
    name: str
    role: str = Field(
        description="secretary | deputy_secretary | organization_member | discipline_secretary | member"
    )
    status: Literal["unknown", "present", "absent"] = Field(
        description="unknown 未登记 | present 到会 | absent 缺席"
    )
    reason: str = Field(description="缺席理由 / reason for absence")


class VoteOut(Schema):
    method: str = Field(description="oral | show_of_hands | anonymous_ballot | named_ballot | circulation")
    for_: int | None = Field(alias="for")
    against: int | None
    abstain: int | None


class EntryOut(Schema):
    position: int
    item_id: int
    record_id: str = Field(description="会议记录中的议题编号（i<item_id>）/ item id in the record")
    title: str = Field(
        description="议题；保密的干部人事议题对无权者显示为“保密议题” / “保密议题” when confidential"
    )
    category: str
    category_label: str
    important: bool = Field(description="重大事项（除一般事项外）/ important matter")
    confidential: bool
    in_notice: bool = Field(description="列入会议通知 / listed in the notice")
    decision: bool = Field(description="作出决定 / to be decided (not only discussed)")
    deferred: bool = Field(description="暂缓表决 / vote deferred")
    vote: VoteOut | None = Field(description="表决票数；未表决为 null / the counts, null without a vote")
    discussion: str
    resolution: str = Field(description="决议 / the resolution as minuted")
    implementer: str = Field(description="落实单位 / implemented by")


class MeetingDetail(MeetingSummary):
    place: str
    recorder: str | None
    notice_sent_at: datetime.datetime | None
    notice_channel: str
    attendance: list[AttendanceOut]
    entries: list[EntryOut]


class ItemSummary(Schema):
    id: int
    title: str = Field(
        description="保密的干部人事议题对无权者显示为“保密议题” / “保密议题” when confidential"
    )
    category: str = Field(
        description="personnel | major_decision | major_project | large_funds | demolition | resettlement | general"
    )
    category_label: str
    important: bool
    confidential: bool
    state: ItemState = Field(description="proposed 待审定 | approved 已审定 | returned 退回")
    owner: str = Field(description="分管领导 / leader in charge")
    proposed_by: str
    department: str | None
    created_at: datetime.datetime
    decided_at: datetime.datetime | None


class ItemPage(Schema):
    count: int
    page: int
    pages: int
    page_size: int
    items: list[ItemSummary]


class AgendaOut(Schema):
    meeting_id: int
    meeting_title: str
    held_at: datetime.datetime
    state: MeetingState


class ItemDetail(ItemSummary):
    description: str
    evaluation_report: bool = Field(description="附有论证或评估报告 / has an evaluation report (R1§5(2))")
    decided_by: str | None
    decision_note: str
    agenda: list[AgendaOut] = Field(description="列入的会议 / meetings that had it on the agenda")


# --- the exchange formats (documentation of zhidu.meeting/1 and zhidu.evaluation/1) -------------


class _Open(Schema):
    # The spec allows added fields, never changed ones: accept what a newer archive may carry.
    model_config = ConfigDict(extra="allow")


class RecordMember(_Open):
    id: str
    name: str
    roles: list[str]


class RecordObserver(_Open):
    """列席 (R2): attends without a vote; may own an item. The project's added field."""

    id: str
    name: str


class RecordAbsence(_Open):
    member: str
    reason: str


class RecordNotice(_Open):
    sent_at: str
    channel: Literal["written", "phone"]
    items: list[str]


class RecordOpinion(_Open):
    member: str
    position: Literal["for", "against", "defer"]


class RecordCounts(_Open):
    method: str
    for_: int = Field(alias="for")
    against: int
    abstain: int


class RecordBallots(_Open):
    method: Literal["named_ballot"]
    ballots: dict[str, Literal["for", "against", "abstain"]]


class RecordItem(_Open):
    id: str
    title: str
    category: str
    owner: str
    approved: bool
    evaluation_report: bool
    speakers: list[str]
    written_opinions: list[RecordOpinion]
    conflicts: list[str]
    recused: list[str]
    decision: bool
    deferred: bool
    vote: RecordBallots | RecordCounts | None


class MeetingRecord(_Open):
    """zhidu.meeting/1 (meeting-record.md, "Input")."""

    format: Literal["zhidu.meeting/1"]
    body: BodyName
    held_at: str
    emergency: bool
    members: list[RecordMember]
    chair: str
    present: list[str]
    absent: list[RecordAbsence]
    notice: RecordNotice | None
    items: list[RecordItem]
    observers: list[RecordObserver] = []


class Quorum(_Open):
    expected: int
    present: int
    required: int
    met: bool


class Finding(_Open):
    code: str
    severity: Literal["invalid", "violation", "advice"]
    article: str = Field(description="所依据的条款 / the article cited, e.g. R1§7(2)")
    message: str


class ItemResult(_Open):
    id: str
    outcome: Literal["invalid", "recommended", "deferred", "noted", "passed", "rejected"]
    for_: int | None = Field(alias="for")
    needed: int | None
    findings: list[Finding]


class ObligationOut(_Open):
    code: Literal["publish", "re-deliberate", "report-emergency"]
    item: str
    due: str | None
    provisional: bool = Field(
        description="依赖尚无官方节假日安排的年份 / depends on a year without official holidays"
    )


class EvaluationDoc(_Open):
    """zhidu.evaluation/1 (meeting-record.md, "Output")."""

    format: Literal["zhidu.evaluation/1"]
    quorum: Quorum
    findings: list[Finding]
    items: list[ItemResult]
    obligations: list[ObligationOut]
