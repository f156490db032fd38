from django import template
from django.utils import timezone
from django.utils.translation import get_language

from zhidu.core.chinese import cn_date, english_punctuation

register = template.Library()


@register.filter
def cndate(value):
    """2026年10月8日 in Chinese (users.md), 8 Oct 2026 in English."""
    if not value:
        return ""
    if hasattr(value, "hour"):
        value = timezone.localtime(value)
    if (get_language() or "zh-hans").startswith("zh"):
        return cn_date(value)
    return value.strftime("%d %b %Y").lstrip("0")


@register.filter
def cndatetime(value):
    if not value:
        return ""
    local = timezone.localtime(value)
    return f"{cndate(local)} {local:%H:%M}"


@register.filter
def get_item(mapping, key):
    return mapping.get(key, key)


@register.simple_tag
def punct(marks: str) -> str:
    """{% punct "：" %}: the Chinese mark in Chinese, its English counterpart otherwise ("：" -> ": ")."""
    if (get_language() or "zh-hans").startswith("zh"):
        return marks
    return english_punctuation(marks)
