"""Template filters of the duty list and the compliance dashboard (`{% load obligations %}`): kept
here rather than in core's `zhidu` library, which sits below this app and must not import it."""

from django import template
from django.urls import NoReverseMatch, reverse

from zhidu.obligations import kinds
from zhidu.obligations.models import Obligation

register = template.Library()


@register.filter
def kindname(code: str) -> str:
    return kinds.kind_label(code)


@register.simple_tag
def ontime(row: dict[str, int]) -> str:
    finished = row["done"] + row["done_late"] + row["overdue"]
    if not finished:
        return "—"
    return f"{100 * row['done'] / finished:.0f}%"


@register.filter
def source_url(obligation: Obligation) -> str:
    name = kinds.source_url_name(obligation.source_type)
    if not name or not obligation.source_id:
        return ""
    try:
        return reverse(name, args=[obligation.source_id])
    except NoReverseMatch:
        return ""


@register.filter
def completed_at_source(obligation: Obligation) -> bool:
    return kinds.completed_at_source(obligation.kind)
