"""R11 党委党务公开制度: the content categories and their mode (第八条(一)), the scoring sheet's
defaults (第八条(一)–(五), 第十条 百分制), the tiers and the appraisal adjustment (第十条, 第十四条),
the random checks (第十一条) — as plain data. Pure: no database, no clock. The live panel of the
scoring form, the assessment pages and the services call the same functions."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from zhidu.rules import RuleParameters, parameter
from zhidu.rules.findings import ADVICE, VIOLATION, Finding

AREA = "openness"
FIXED, PERIODIC, AS_IT_HAPPENS = "fixed", "periodic", "as_it_happens"
MODE_CN = {FIXED: "固定公开", PERIODIC: "定期公开", AS_IT_HAPPENS: "随时公开"}
# The same, as the pages show them (the Chinese above is the catalogue's).
MODES = {
    FIXED: _("fixed publication"),
    PERIODIC: _("periodic publication"),
    AS_IT_HAPPENS: _("publication as it happens"),
}

# 第八条(一) 1–8 with the mode this area reads for each (第八条(三)3 "固定公开、定期公开、随时公开";
# the seed does not assign them: the standing rules are fixed, the running work periodic, single
# events as they happen).
CATEGORIES: tuple[tuple[str, str, str], ...] = (
    ("decisions", "党组织决议、决定及执行情况", PERIODIC),
    ("ideology", "党的思想建设情况", PERIODIC),
    ("organization", "党的组织管理情况", PERIODIC),
    ("leadership", "领导班子建设情况", FIXED),
    ("cadres", "干部选任和管理情况", AS_IT_HAPPENS),
    ("service", "联系和服务党员、群众情况", PERIODIC),
    ("integrity", "党风廉政建设情况", PERIODIC),
    ("other", "其他根据需要应当公开的事项", AS_IT_HAPPENS),
)
CATEGORY_NAMES = {code: name for code, name, _mode in CATEGORIES}
PERIODIC_CATEGORIES = tuple(code for code, _name, mode in CATEGORIES if mode == PERIODIC)

EXCELLENT, GOOD, PASS, FAIL = "excellent", "good", "pass", "fail"
TIER_CN = {EXCELLENT: "优秀", GOOD: "良好", PASS: "合格", FAIL: "不合格"}  # the Word documents'
TIERS = {EXCELLENT: _("excellent"), GOOD: _("good"), PASS: _("pass"), FAIL: _("fail")}  # the pages'
# 第十四条(三): the yearly appraisal raised 20 % (优秀), 10 % (良好), lowered 20 % (不合格).
ADJUSTMENT = {EXCELLENT: 20, GOOD: 10, PASS: 0, FAIL: -20}
# 第十三条(四) 一看二访三听四查五评: the five on-site steps (their Chinese is the catalogue's).
STEPS = (
    ("look", _("1. Look")),
    ("visit", _("2. Visit")),
    ("listen", _("3. Listen")),
    ("examine", _("4. Examine")),
    ("evaluate", _("5. Evaluate")),
)


@dataclass(frozen=True)
class OpennessParameters(RuleParameters):
    """What a township may set of R11 (namespace "openness"). 第十条 names the four tiers but not their
    bands: the defaults are this area's reading."""

    excellent_from: int = parameter(90, _("excellent from (points)"))
    good_from: int = parameter(80, _("good from (points)"))
    pass_from: int = parameter(60, _("pass from (points)"))
    # 第十一条 "平时考核随机进行，每年不少于两次".
    random_checks_per_year: int = parameter(2, _("random checks a year (at least)"))
    # 第十四条(二) "责令限期整改": the days a 不合格 branch has to rectify after the notified result.
    rectify_days: int = parameter(60, _("days to rectify after a failing result"))
    # 第十三条(二): the days each branch has to file its self-check report after the plan is issued.
    self_check_days: int = parameter(15, _("days to file the self-check report"))
    # 定期公开: the period of the periodic categories, in months (3: quarterly).
    publish_months: int = parameter(3, _("periodic publication every (months)"))

    def __post_init__(self) -> None:
        if not 0 <= self.pass_from <= self.good_from <= self.excellent_from <= 100:
            raise ValueError("档次分数线：须满足 0 ≤ 合格 ≤ 良好 ≤ 优秀 ≤ 100")
        if self.publish_months not in (1, 2, 3, 4, 6, 12):
            raise ValueError("publish_months: 须能整除12")
        if self.rectify_days < 1 or self.random_checks_per_year < 0:
            raise ValueError("整改期限至少1天，随机考核次数不能为负数")


# 第八条(一)–(五): the criteria of the default sheet, with points summing to 100 (第十条 百分制).
DEFAULT_SHEET: tuple[tuple[int, int, str], ...] = (
    *((1, n, f"公开{name}全面、真实") for n, (_c, name, _m) in enumerate(CATEGORIES, start=1)),
    (2, 1, "党委主要领导亲自抓"), (2, 2, "列入重要议事日程，纳入年度工作目标考核责任制"),
    (2, 3, "建立党务公开工作领导小组，定期研究部署"), (2, 4, "领导小组成员单位认真履行职责"),
    (2, 5, "制定切实可行的工作安排意见或工作方案并组织实施"), (2, 6, "建立监督、检查、考核和意见收集处理反馈制度"),
    (2, 7, "预公开、党内情况通报及重大事项征求意见制度完善"), (2, 8, "建立并实施违规违纪责任追究制度"),
    (3, 1, "进行了广泛宣传动员"), (3, 2, "建立基层联系点，发挥典型示范带动作用"),
    (3, 3, "固定、定期、随时公开相结合，内容及时更新"), (3, 4, "公开形式和载体科学到位"),
    (3, 5, "各种公开资料、档案完备"), (3, 6, "媒体宣传报道充分，信息报送数量质量符合要求"),
    (4, 1, "发挥组织、专门机构、舆论和群众监督作用"), (4, 2, "群众意见、投诉处理及时公正，结果公开"),
    (4, 3, "按工作程序、时限、步骤和方式办理"), (4, 4, "对假公开、敷衍塞责等行为追究责任"),
    (4, 5, "重大案件调查处理结果群众满意"),
    (5, 1, "镇党务公开工作领导小组办公室规定的其他考核内容得到落实"),
)  # fmt: skip
DEFAULT_POINTS = {1: 4, 2: 3, 3: 4, 4: 3, 5: 5}  # 32 + 24 + 24 + 15 + 5 = 100


def tier_for(score: Decimal, rules: OpennessParameters) -> str:
    """第十条: the tier of a score, by the township's bands ("以上" includes the number)."""
    if score >= rules.excellent_from:
        return EXCELLENT
    if score >= rules.good_from:
        return GOOD
    if score >= rules.pass_from:
        return PASS
    return FAIL


def check_sheet(points: list[Decimal]) -> list[Finding]:
    """第十条 百分制: the criteria's points add up to 100."""
    total = sum(points, Decimal(0))
    if total != 100:
        return [Finding("sheet-not-100", VIOLATION, "R11§10", f"评分标准各项分值合计{total}分，应为100分")]
    return []


@dataclass(frozen=True)
class ScoreFacts:
    label: str
    points: Decimal  # the criterion's points
    given: Decimal | None  # None: not scored yet


def check_scores(scores: tuple[ScoreFacts, ...]) -> list[Finding]:
    """第十三条(四) 五评: each criterion scored between 0 and its points; every criterion scored."""
    found = []
    for s in scores:
        if s.given is None:
            continue
        if s.given < 0 or s.given > s.points:
            found.append(
                Finding("score-out-of-range", VIOLATION, "R11§13", f"{s.label}：得分应在0至{s.points}分之间")
            )
    missing = sum(s.given is None for s in scores)
    if missing:
        found.append(Finding("criteria-unscored", ADVICE, "R11§13", f"还有{missing}项评分标准未评分"))
    return found


def check_random_checks(
    year: int, held: int, today: datetime.date, rules: OpennessParameters
) -> list[Finding]:
    """第十一条 "平时考核随机进行，每年不少于两次": judged when the year is over; an advice in its last
    quarter while fewer are held."""
    need = rules.random_checks_per_year
    if held >= need or today.year < year:
        return []
    if today.year > year:
        return [
            Finding(
                "random-checks-too-few",
                VIOLATION,
                "R11§11",
                f"{year}年平时考核（随机考核）仅{held}次，每年不少于{need}次",
            )
        ]
    if today.month >= 10:
        return [
            Finding(
                "random-checks-due", ADVICE, "R11§11", f"{year}年平时考核已{held}次，年内还需{need - held}次"
            )
        ]
    return []


def period_of(day: datetime.date, months: int) -> tuple[datetime.date, datetime.date, str]:
    """The publication period holding `day`: its first and last day and its label (2026Q4, 2026M12…)."""
    index = (day.month - 1) // months
    first = datetime.date(day.year, index * months + 1, 1)
    end_month = first.month + months - 1
    nxt = datetime.date(day.year + (end_month == 12), end_month % 12 + 1, 1)
    last = nxt - datetime.timedelta(days=1)
    label = {12: f"{day.year}", 6: f"{day.year}H{index + 1}", 3: f"{day.year}Q{index + 1}"}.get(
        months, f"{day.year}P{index + 1}"
    )
    return first, last, label
