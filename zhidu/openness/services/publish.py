"""Publication (第八条(一), 第八条(三)3): each periodic category is a duty of the committee and of each
branch, once a period, opened by the daily job; recording the publication (where and when; the portal
of issue 15 takes this over) completes it. The scoring sheet of a year: created from the defaults,
its points changed only by a new version (an assessment keeps the version it was scored on)."""

from __future__ import annotations

import datetime
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from zhidu.core import audit
from zhidu.core.permissions import SYSTEM, actor_of, require, require_person
from zhidu.obligations.deadlines import DeadlineRule
from zhidu.obligations.services import complete_by_key, open_obligation
from zhidu.openness.checks import (
    CATEGORY_NAMES,
    DEFAULT_POINTS,
    DEFAULT_SHEET,
    PERIODIC_CATEGORIES,
    check_sheet,
    period_of,
)
from zhidu.openness.models import Criterion, Publication, ScoringSheet
from zhidu.openness.services.common import parameters, refuse, text
from zhidu.org.models import Branch, Department, Person, Township

if TYPE_CHECKING:
    from django.http import HttpRequest

    from zhidu.core.permissions import Actor
    from zhidu.portal.models import Article

__all__ = ["current_sheet", "generate", "on_portal_page", "publish_key", "record_publication", "revise_sheet"]


def publish_key(branch: Branch | None, category: str, label: str) -> str:
    return f"openness:publish:{branch.pk if branch else 'committee'}:{category}:{label}"


def generate(township: Township, day: datetime.date) -> int:
    """The daily job: the period's publication duties of every unit (idempotent by key)."""
    rules = parameters(township, day)
    _first, last, label = period_of(day, rules.publish_months)
    office = Department.objects.filter(township=township, kind="party_office").first()
    opened = 0
    units: list[Branch | None] = [None, *Branch.objects.filter(township=township)]
    for branch in units:
        unit = branch.name if branch else f"{township.name}党委"
        for category in PERIODIC_CATEGORIES:
            _o, created = open_obligation(
                township=township, kind="openness-publish", article="R11§8(1)",
                title=f"{unit}定期公开：{CATEGORY_NAMES[category]}（{label}）",
                key=publish_key(branch, category, label), rule=DeadlineRule("last_workday_by", last),
                department=office, actor=SYSTEM, remind_before=False,
            )  # fmt: skip
            opened += created
    return opened


def record_publication(
    *, township: Township, by: Person, branch: Branch | None, category: str | None,
    published_on: datetime.date | None, where: str | None, content: str | None = "",
    user: Actor | None = None, request: HttpRequest | None = None, at: datetime.datetime | None = None,
) -> Publication:  # fmt: skip
    user = actor_of(user, by)
    require(user, "openness.publish", township)
    require_person(user, by, "openness.publish")
    if category not in CATEGORY_NAMES:
        refuse("category", "公开内容类别：请选择")
    if branch is not None and branch.township_id != township.pk:
        refuse("branch", "公开单位：不是本镇的党支部")
    if published_on is None:
        refuse("published_on", "公开日期：请填写日期")
    now = at or timezone.now()
    if published_on > timezone.localdate(now):
        refuse("published_on", "公开日期：不能晚于今天")
    where = text(where, "where", "公开载体及地点")
    content = text(content, "content", "公开内容", required=False, limit=5000)
    _first, _last, label = period_of(published_on, parameters(township, published_on).publish_months)
    with transaction.atomic():
        row = Publication.objects.create(
            township=township, branch=branch, category=category, period=label, published_on=published_on,
            where=where, content=content, recorded_by=by, recorded_at=now,
        )  # fmt: skip
        complete_by_key(township, publish_key(branch, category, label), by=user, at=now, request=request)
        audit.record(
            user, "openness.publish", row, summary=f"党务公开：{CATEGORY_NAMES[category]}", request=request
        )
    return row


def on_portal_page(article: Article, actor: Actor | None) -> None:
    """The portal's published hook (apps.py): a 党务公开 page of the township's own site is the
    committee's publication of its category (第八条(一)), recorded with the page's address, and
    completes the period's duty, in the publishing transaction. The portal checked who may publish."""
    if article.category != "party_affairs" or article.subcategory not in CATEGORY_NAMES:
        return
    published_on = timezone.localdate(article.published_at or timezone.now())
    _first, _last, label = period_of(published_on, parameters(article.township, published_on).publish_months)
    by = getattr(actor, "person", None) or getattr(article.created_by, "person", None)
    if by is None:
        return  # no person to name as having recorded it: the duty stays for the office
    row = Publication.objects.create(
        township=article.township, branch=None, category=article.subcategory, period=label,
        published_on=published_on, where=f"本镇门户网站 {article.get_absolute_url()}"[:200],
        content=article.title, recorded_by=by, recorded_at=timezone.now(),
    )  # fmt: skip
    complete_by_key(article.township, publish_key(None, article.subcategory, label), by=actor)
    audit.record(
        actor, "openness.publish", row, summary=f"党务公开（门户网站）：{CATEGORY_NAMES[article.subcategory]}"
    )


def current_sheet(township: Township, year: int) -> ScoringSheet:
    """The year's latest sheet; the first use creates version 1 from the defaults (第八条(一)–(五))."""
    sheet = ScoringSheet.objects.filter(township=township, year=year).order_by("-version").first()
    if sheet is not None:
        return sheet
    with transaction.atomic():
        sheet = ScoringSheet.objects.create(
            township=township, year=year, version=1, created_at=timezone.now()
        )
        Criterion.objects.bulk_create(
            Criterion(township=township, sheet=sheet, section=s, number=n, text=t, points=DEFAULT_POINTS[s])
            for s, n, t in DEFAULT_SHEET
        )
    return sheet


def revise_sheet(
    sheet: ScoringSheet, *, by: Person, points: dict[int, str], user: Actor | None = None,
    request: HttpRequest | None = None,
) -> ScoringSheet:  # fmt: skip
    """A new version of the year's sheet with the points typed per criterion (they add up to 100)."""
    user = actor_of(user, by)
    require(user, "openness.manage", sheet)
    require_person(user, by, "openness.manage")
    criteria = list(sheet.criteria.all())
    values = {}
    for c in criteria:
        raw = (points.get(c.pk) or "").strip()
        try:
            value = Decimal(raw)
        except InvalidOperation:
            refuse(f"points_{c.pk}", f"{c.label}分值：请填写数字")
        if not value.is_finite() or value < 0 or value > 100 or value != value.quantize(Decimal("0.1")):
            refuse(f"points_{c.pk}", f"{c.label}分值：应为0至100之间、最多一位小数")
        values[c.pk] = value
    problems = check_sheet(list(values.values()))
    if problems:
        refuse(f"points_{criteria[0].pk}", problems[0].message)
    with transaction.atomic():
        top = ScoringSheet.objects.filter(township=sheet.township, year=sheet.year).aggregate(
            v=Max("version")
        )["v"]
        new = ScoringSheet.objects.create(
            township=sheet.township, year=sheet.year, version=(top or 0) + 1, created_at=timezone.now()
        )
        Criterion.objects.bulk_create(
            Criterion(township=sheet.township, sheet=new, section=c.section, number=c.number, text=c.text,
                      points=values[c.pk])
            for c in criteria
        )  # fmt: skip
        audit.record(user, "openness.sheet", new, summary=new.cn_name, request=request)
    return new
