from django import template
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import get_language

from zhidu.obligations.kinds import COMPLETED_AT_SOURCE, SOURCE_URLS, kind_label

register = template.Library()


@register.filter
def cndate(value):
    """2026年10月8日 in Chinese (users.md), 8 Oct 2026 in English."""
    if not value:
        return ""
    if hasattr(value, "hour"):
        value = timezone.localtime(value)
    if (get_language() or "zh-hans").startswith("zh"):
        return f"{value.year}年{value.month}月{value.day}日"
    return value.strftime("%d %b %Y").lstrip("0")


@register.filter
def cndatetime(value):
    if not value:
        return ""
    local = timezone.localtime(value)
    return f"{cndate(local)} {local:%H:%M}"


@register.filter
def kindname(code):
    return kind_label(code)


@register.simple_tag
def ontime(row):
    finished = row["done"] + row["done_late"] + row["overdue"]
    if not finished:
        return "—"
    return f"{100 * row['done'] / finished:.0f}%"


@register.filter
def get_item(mapping, key):
    return mapping.get(key, key)


@register.filter
def source_url(obligation):
    name = SOURCE_URLS.get(obligation.source_type)
    if not name or not obligation.source_id:
        return ""
    try:
        return reverse(name, args=[obligation.source_id])
    except NoReverseMatch:
        return ""


@register.filter
def completed_at_source(obligation):
    return obligation.kind in COMPLETED_AT_SOURCE
