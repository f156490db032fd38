"""What each POST view of the web application expects: the persona who may use it, the ids in its URL,
its fields with a plausible value each (the fuzzer mixes them with generated bad input), and the tables
a refused post must leave exactly as they were. One row per URL name; tests/fuzz/test_forms.py fails
when the resolver has a POST view without a row here (a new one is fuzzed generically meanwhile)."""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass, field

from hypothesis import strategies as st

CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5)
TEXT = st.one_of(st.text(max_size=40), st.text(CJK, min_size=1, max_size=40))
DAY = st.dates(datetime.date(2024, 1, 1), datetime.date(2031, 12, 31)).map(datetime.date.isoformat)
TIME = st.times().map(lambda t: t.strftime("%H:%M"))
VERSION = st.integers(0, 40).map(str)
ON = st.sampled_from(["on", "", "true", "false", "1", "0", "yes"])
NEXT = st.sampled_from(
    ["/", "/duties/", "/meetings/", "https://evil.example/", "//evil.example", "javascript:alert(1)"]
)


def pick(*values) -> st.SearchStrategy:
    return st.sampled_from([str(v) for v in values])


def ids(kind: str):
    return lambda w: pick(*w.ids[kind])


def people_fields(prefixes: dict, kind: str = "person"):
    """Per-member fields (status_<id>, ballot_<id>, …) for every person id of the township."""

    def fields(w):
        return {f"{prefix}_{pk}": strategy for pk in w.ids[kind] for prefix, strategy in prefixes.items()}

    return fields


@dataclass(frozen=True)
class Spec:
    personas: tuple  # usernames (None: anonymous); the first is the one the form is for
    kwargs: dict = field(default_factory=dict)  # URL keyword -> kind of id in World.ids
    fields: dict = field(default_factory=dict)  # name -> strategy, or name -> (world -> strategy)
    dynamic: object = None  # world -> {name: strategy}, for fields named after rows
    watch: tuple = ()  # "app_label.Model": rows a refused post must leave unchanged
    audited: bool = True  # a refused post writes no audit entry
    reach: bool = True  # most inputs reach the view itself (not stopped by log-in or a 403/404)


MEETINGS = ("meetings.Meeting", "meetings.Attendance", "meetings.AgendaEntry")
SUPERVISION = ("supervision.SupervisionItem", "supervision.FeedbackRound", "supervision.ChaseLog")
BALLOTS = ("ballots.BallotBox", "ballots.Assessment")
VOTE = pick("", "show_of_hands", "named_ballot", "secret_ballot", "anonymous")
BALLOT = pick("", "for", "against", "abstain", "defer")

DRAFT_KEY = pick("meetings.record:1", "meetings.record_entry:12", "supervision.new", "petitions.new")
DRAFT_TYPED = st.one_of(
    st.dictionaries(st.text(max_size=20), st.one_of(TEXT, st.lists(TEXT, max_size=3)), max_size=6).map(
        json.dumps
    ),
    st.sampled_from(["{", "[]", "null", '{"a": 1}', '{"a": ["x", 2]}']),
)

SPECS: dict[str, Spec] = {
    "login": Spec(
        (None,),
        fields={
            "username": lambda w: pick("zhangmin\x00", *w.ids["username"]),
            "password": pick("zhidu-demo", "wrong"),
        },
        audited=False,
    ),
    "logout": Spec(("zhangmin",), audited=False, reach=False),  # answers with the log-in page
    # The second step of log-in (zhidu.trust.twofactor); a wrong code counts against the device.
    "second-factor": Spec(
        ("verifier",), fields={"code": pick("123456", "000000", "12345"), "next": NEXT}, audited=False
    ),
    "second-factor-enrol": Spec(
        ("newcomer",), fields={"code": pick("123456", "1234567"), "next": NEXT}, audited=False
    ),
    "set_language": Spec((None, "zhangmin"), fields={"language": pick("zh-hans", "en", "xx"), "next": NEXT}),
    "switch-township": Spec(
        ("county", "admin"), fields={"township": lambda w: pick(w.town.pk, w.other.pk), "next": NEXT}
    ),
    "duty-complete": Spec(
        ("zhangmin", "lina"), {"pk": "obligation"}, {"next": NEXT}, watch=("obligations.Obligation",)
    ),
    "meetings:item-propose": Spec(
        ("zhangmin", "qiuweixing"),
        fields={
            "title": TEXT,
            "category": pick("", "personnel", "general", "large_funds", "major_project", "secret"),
            "description": TEXT,
            "owner": ids("person"),
            "department": ids("department"),
            "confidential": ON,
            "reconsiders": ids("entry"),
        },
        watch=("meetings.Item",),
    ),
    "meetings:item-decide": Spec(
        ("yangdong",),
        {"pk": "item"},
        {"decision": pick("approve", "return", "maybe"), "note": TEXT},
        watch=("meetings.Item",),
    ),
    # R4: the leader in charge on a department's proposal; the proposer's revision of a returned one.
    "meetings:item-leader-decide": Spec(
        ("qiuweixing",),
        {"pk": "item"},
        {"decision": pick("approve", "return", "maybe"), "note": TEXT},
        watch=("meetings.Item",),
    ),
    "meetings:item-resubmit": Spec(
        ("zhangmin", "qiuweixing"),
        {"pk": "item"},
        {"title": TEXT, "description": TEXT, "note": TEXT},
        watch=("meetings.Item",),
    ),
    # R2: observers (列席) and the secretary's entrusting of a deputy secretary to chair.
    "meetings:meeting-invite-observer": Spec(
        ("zhangmin",),
        {"pk": "meeting"},
        {"person": ids("person"), "reason": TEXT, "version": VERSION},
        watch=(*MEETINGS, "meetings.Observer"),
    ),
    "meetings:meeting-entrust-chair": Spec(
        ("yangdong",), {"pk": "meeting"}, {"deputy": ids("person"), "version": VERSION}, watch=MEETINGS
    ),
    "meetings:check-list": Spec(
        ("zhaolei", "sunli"),
        fields={
            "reason": pick("sample", "complaint", "whim"),
            "period_from": DAY,
            "period_to": DAY,
            "size": st.integers(-3, 300).map(str),
            "meetings": ids("meeting"),
            "note": TEXT,
        },
        watch=("meetings.CheckReport",),
    ),
    "meetings:check-sent": Spec(("zhaolei",), {"pk": "report"}, watch=("meetings.CheckReport",)),
    "meetings:meeting-create": Spec(
        ("zhangmin",),
        fields={
            "body": pick("team", "secretary_office", "five_person_group", "party"),
            "title": TEXT,
            "day": DAY,
            "time": TIME,
            "place": TEXT,
            "chair": ids("person"),
            "recorder": ids("person"),
            "emergency": ON,
            "items": ids("item"),
        },
        watch=MEETINGS,
    ),
    "meetings:meeting-add-item": Spec(
        ("zhangmin",), {"pk": "meeting"}, {"item": ids("item"), "version": VERSION}, watch=MEETINGS
    ),
    "meetings:meeting-notice": Spec(
        ("zhangmin",),
        {"pk": "meeting"},
        {"channel": pick("written", "phone", "pigeon"), "version": VERSION},
        watch=MEETINGS,
    ),
    "meetings:meeting-confirm": Spec(("qiuweixing", "yangdong"), {"pk": "meeting"}, watch=MEETINGS),
    "meetings:meeting-absence": Spec(("qiuweixing",), {"pk": "meeting"}, {"reason": TEXT}, watch=MEETINGS),
    "meetings:meeting-conflict": Spec(
        ("qiuweixing",),
        {"pk": "meeting", "entry_pk": "live_entry"},
        {"note": TEXT},
        watch=("meetings.Conflict",),
    ),
    "meetings:record": Spec(
        ("zhangmin",),
        {"pk": "live"},
        {"chair": ids("person"), "version": VERSION},
        dynamic=people_fields({"status": pick("present", "absent", "unknown", "late"), "reason": TEXT}),
        watch=MEETINGS,
    ),
    "meetings:record-entry": Spec(
        ("zhangmin",),
        {"pk": "live", "entry_pk": "live_entry"},
        {
            "vote_method": VOTE,
            "votes_for": st.integers(-2, 12).map(str),
            "votes_against": st.integers(-2, 12).map(str),
            "votes_abstain": st.integers(-2, 12).map(str),
            "deferred": ON,
            "discussion": TEXT,
            "resolution": TEXT,
            "implementer": TEXT,
            "basis": TEXT,
            "supervision": TEXT,
            "referred": ON,
            "version": VERSION,
        },
        dynamic=people_fields(
            {"speak": st.integers(-1, 9).map(str), "recused": ON, "ballot": BALLOT, "opinion": BALLOT}
        ),
        watch=(*MEETINGS, "meetings.NamedBallot", "meetings.WrittenOpinion"),
    ),
    "meetings:record-reserved": Spec(
        ("zhangmin",),
        {"pk": "live", "entry_pk": "live_entry"},
        {"person": ids("person"), "text": TEXT},
        watch=("meetings.ReservedOpinion",),
    ),
    # The live panels (issue 11): read-only, so every post, good or bad, leaves every table as it was.
    "meetings:preview-attendance": Spec(
        ("zhangmin",),
        {"pk": "live"},
        {"chair": ids("person"), "version": VERSION},
        dynamic=people_fields({"status": pick("present", "absent", "unknown", "late"), "reason": TEXT}),
        watch=MEETINGS,
    ),
    "meetings:preview-entry": Spec(
        ("zhangmin",),
        {"pk": "live", "entry_pk": "live_entry"},
        {
            "vote_method": VOTE,
            "votes_for": st.integers(-2, 12).map(str),
            "votes_against": st.integers(-2, 12).map(str),
            "votes_abstain": st.integers(-2, 12).map(str),
            "deferred": ON,
            "referred": ON,
            "basis": TEXT,
            "supervision": TEXT,
        },
        dynamic=people_fields(
            {"speak": st.integers(-1, 9).map(str), "recused": ON, "ballot": BALLOT, "opinion": BALLOT}
        ),
        watch=(*MEETINGS, "meetings.NamedBallot", "meetings.WrittenOpinion"),
    ),
    "meetings:preview-create": Spec(
        ("zhangmin",),
        fields={
            "body": pick("team", "secretary_office", "five_person_group", "party"),
            "day": DAY,
            "time": TIME,
            "chair": ids("person"),
            "recorder": ids("person"),
            "emergency": ON,
            "items": ids("item"),
        },
        watch=MEETINGS,
    ),
    "meetings:preview-edit": Spec(
        ("zhangmin",),
        {"pk": "meeting"},
        {
            "body": pick("team", "secretary_office", "five_person_group", "party"),
            "day": DAY,
            "time": TIME,
            "chair": ids("person"),
            "title": TEXT,
        },
        watch=MEETINGS,
    ),
    "meetings:meeting-close": Spec(("zhangmin",), {"pk": "meeting"}, {"version": VERSION}, watch=MEETINGS),
    "meetings:minutes-sign": Spec(("yangdong",), {"pk": "meeting"}, watch=("meetings.Minutes",)),
    # R1§9: important minutes sent to the city-level leader in charge.
    "meetings:minutes-sent": Spec(
        ("zhangmin",), {"pk": "closed"}, {"day": DAY, "time": TIME, "how": TEXT}, watch=("meetings.Minutes",)
    ),
    # R1§8: emergency action without a meeting, and its report on the next team meeting's agenda.
    "meetings:emergency-list": Spec(
        ("zhangmin",),
        fields={"taken_by": ids("person"), "day": DAY, "time": TIME, "action": TEXT, "reason": TEXT},
        watch=("meetings.EmergencyAction",),
    ),
    "meetings:meeting-report-emergency": Spec(
        ("zhangmin",),
        {"pk": "meeting"},
        {"emergency": ids("emergency"), "version": VERSION},
        watch=(*MEETINGS, "meetings.EmergencyAction", "meetings.Item"),
    ),
    "meetings:meeting-correct": Spec(
        ("zhangmin",),
        {"pk": "closed"},
        {"reason": TEXT, "version": VERSION},
        dynamic=people_fields(
            {"discussion": TEXT, "resolution": TEXT, "implementer": TEXT, "basis": TEXT, "supervision": TEXT},
            kind="entry",
        ),
        watch=(*MEETINGS, "meetings.ArchiveVersion"),
    ),
    "supervision:item-register": Spec(
        ("sunli", "zhangmin"),
        fields={
            "source": pick("", "team_decision", "superior", "letter", "moon"),
            "matter": TEXT,
            "basis": TEXT,
            "requirements": TEXT,
            "owner_department": ids("department"),
            "owner_person": ids("person"),
            "other_departments": ids("department"),
            "deadline": DAY,
            "entry": ids("entry"),
        },
        watch=SUPERVISION,
    ),
    # R4/R7, R2§14: one click on a decision of a closed meeting.
    "supervision:item-register-from-decision": Spec(
        ("zhangmin", "sunli"), {"entry_pk": "entry"}, watch=SUPERVISION
    ),
    "supervision:approve": Spec(
        ("yangdong",), {"pk": "supervision"}, {"note": TEXT, "version": VERSION}, watch=SUPERVISION
    ),
    "supervision:assign": Spec(
        ("sunli",), {"pk": "supervision"}, {"deadline": DAY, "version": VERSION}, watch=SUPERVISION
    ),
    "supervision:chase": Spec(
        ("sunli",),
        {"pk": "supervision"},
        {"kind": pick("phone", "visit", "written", "smoke"), "note": TEXT},
        watch=SUPERVISION,
    ),
    "supervision:feedback": Spec(
        ("zhouqiang", "wufang", "chengang"),
        {"pk": "supervision"},
        {"completed": pick("yes", "no", "maybe"), "text": TEXT},
        watch=SUPERVISION,
    ),
    "supervision:accept": Spec(
        ("sunli",), {"pk": "supervision"}, {"note": TEXT, "version": VERSION}, watch=SUPERVISION
    ),
    "supervision:reject": Spec(
        ("sunli",),
        {"pk": "supervision"},
        {"note": TEXT, "requirements": TEXT, "new_deadline": DAY, "version": VERSION},
        watch=SUPERVISION,
    ),
    "supervision:close": Spec(("sunli",), {"pk": "supervision"}, {"version": VERSION}, watch=SUPERVISION),
    "supervision:reopen": Spec(
        ("sunli",),
        {"pk": "supervision"},
        {"reason": TEXT, "new_deadline": DAY, "version": VERSION},
        watch=SUPERVISION,
    ),
    "ballots:entry": Spec(
        ("zhangmin",),
        {"entry_pk": "live_entry"},
        {
            "method": pick("electronic", "paper", "carrier"),
            "codes": st.integers(-1, 12).map(str),
            "counter": ids("person"),
            "scrutineer": ids("person"),
        },
        watch=BALLOTS,
    ),
    "ballots:codes": Spec(("zhangmin",), {"pk": "box"}, watch=(*BALLOTS, "ballots.CodeSlot")),
    "ballots:close": Spec(("zhangmin",), {"pk": "box"}, watch=(*BALLOTS, "ballots.AnonymousBallot")),
    "ballots:void": Spec(
        ("zhangmin",), {"pk": "box"}, {"reason": TEXT}, watch=(*BALLOTS, "ballots.AnonymousBallot")
    ),
    "ballots:cast": Spec(
        ("qiuweixing", "lina"),
        {"pk": "box"},
        {"code": ids("codes"), "choice": pick("", "for", "against", "abstain", "maybe")},
        dynamic=people_fields({"rating": pick("excellent", "good", "fair", "poor", "")}, kind="subject"),
        watch=(*BALLOTS, "ballots.AnonymousBallot", "ballots.CodeSlot"),
        audited=False,
    ),
    "ballots:paper-count": Spec(
        ("lina",),
        {"pk": "box"},
        {
            "collected": st.integers(-1, 12).map(str),
            "invalid": st.integers(-1, 5).map(str),
            "votes_for": st.integers(-1, 5).map(str),
            "votes_against": st.integers(-1, 5).map(str),
            "votes_abstain": st.integers(-1, 5).map(str),
        },
        watch=(*BALLOTS, "ballots.AssessmentTally"),
    ),
    "ballots:paper-confirm": Spec(("zhaolei",), {"pk": "box"}, watch=(*BALLOTS, "ballots.AssessmentTally")),
    "ballots:assessments": Spec(
        ("zhaolei", "zhangmin"),
        fields={"year": st.integers(1990, 2110).map(str), "title": TEXT, "members": ids("person")},
        watch=BALLOTS,
    ),
    "ballots:assessment": Spec(
        ("zhangmin",),
        {"pk": "assessment"},
        {
            "method": pick("electronic", "paper", "carrier"),
            "codes": st.integers(-1, 600).map(str),
            "counter": ids("person"),
            "scrutineer": ids("person"),
        },
        watch=BALLOTS,
    ),
    # What a form has typed, kept per user (zhidu.drafts): any user, their own drafts only.
    "drafts:draft": Spec(
        ("zhangmin", "wufang", "yangdong"),
        fields={"key": DRAFT_KEY, "typed": DRAFT_TYPED},
        watch=("drafts.Draft",),
    ),
    "drafts:discard": Spec(("zhangmin", "wufang"), fields={"key": DRAFT_KEY}, watch=("drafts.Draft",)),
    # The approver publishes what the editor submitted (zhidu.portal); the world holds one awaiting.
    "portal:staff-approve": Spec(
        ("yangdong", "zhangmin"), {"pk": "portal_article"}, watch=("portal.Article",)
    ),
    # The public's comments (zhidu.portal): a member of the public signed in by the portal's own
    # cookie ("public"), the steps of signing in anonymously, the party office's moderation.
    "portal:comment": Spec(
        ("public", None),
        {"township": "slug:township", "pk": "portal_published"},
        {"body": TEXT},
        watch=("portal.Comment",),
    ),
    "portal:account": Spec(
        (None,),
        {"township": "slug:township"},
        {
            "contact": st.one_of(TEXT, pick("13800138000", "a@example.cn")),
            "captcha_0": TEXT,
            "captcha_1": TEXT,
            "next": NEXT,
        },
        watch=("portal.VerificationCode",),
    ),
    "portal:account-verify": Spec(
        (None,),
        {"township": "slug:township"},
        {"contact": pick("13800138000", "fuzz@example.cn", ""), "code": TEXT, "nickname": TEXT, "next": NEXT},
        watch=("portal.VerificationCode",),
    ),
    "portal:account-sign-out": Spec(
        ("public", None), {"township": "slug:township"}, watch=("portal.Comment",)
    ),
    # The channels' inbound webhooks (zhidu.notifications.views.inbound): the provider's call, behind
    # the channel's shared secret, which the fuzzer does not have: every post refused, nothing kept.
    "notifications:inbound-sms": Spec(
        (None,),
        {"township": "slug:township"},
        {"phone": pick("13800138000", "", "+8613800138000"), "text": TEXT, "id": TEXT, "token": TEXT},
        watch=("notifications.InboundMessage", "daily_logs.DailyLog"),
        reach=False,
    ),
    "notifications:inbound-wecom": Spec(
        (None,),
        {"township": "slug:township"},
        {"FromUserName": pick("13800138000", "zhangsan", ""), "Content": TEXT, "MsgId": TEXT, "token": TEXT},
        watch=("notifications.InboundMessage", "daily_logs.DailyLog"),
        reach=False,
    ),
    # The providers' own callbacks: without WeCom's callback key or DingTalk's AppSecret (the fuzzer
    # has neither, and no signature), every post refused, nothing kept.
    "notifications:inbound-wecom-callback": Spec(
        (None,),
        {"township": "slug:township"},
        {"msg_signature": TEXT, "timestamp": TEXT, "nonce": TEXT, "Encrypt": TEXT, "echostr": TEXT},
        watch=("notifications.InboundMessage", "daily_logs.DailyLog"),
        reach=False,
    ),
    "notifications:inbound-dingtalk": Spec(
        (None,),
        {"township": "slug:township"},
        {
            "msgId": TEXT,
            "senderStaffId": pick("13800138000", ""),
            "text": TEXT,
            "sign": TEXT,
            "timestamp": TEXT,
        },
        watch=("notifications.InboundMessage", "daily_logs.DailyLog"),
        reach=False,
    ),
    # An editor removes a draft's attachment (zhidu.portal.services.attachments).
    "portal:staff-attachment-remove": Spec(
        ("zhangmin",), {"pk": "portal_attachment"}, watch=("portal.Attachment",)
    ),
    "portal:staff-comment-approve": Spec(("zhangmin",), {"pk": "portal_comment"}, watch=("portal.Comment",)),
    "portal:staff-comment-refuse": Spec(
        ("zhangmin",), {"pk": "portal_comment"}, {"reason": TEXT}, watch=("portal.Comment",)
    ),
}
