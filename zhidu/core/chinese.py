"""How the rulebook's documents write dates and document numbers, in one place: the findings, the
official documents (zhidu.core.docx), the pages (the `cndate` filter) and the duties' titles all call
these. Pure functions, in the lowest layer so that every app may use them."""

from __future__ import annotations

import datetime


def cn_date(day: datetime.date) -> str:
    """2026年10月8日: the date as official documents and findings write it (no leading zeros)."""
    return f"{day.year}年{day.month}月{day.day}日"


def document_number(prefix: str, year: int, number: int) -> str:
    """柞党〔2026〕7号: an official document number (公文发文字号), e.g. of the minutes (R1§9, numbered
    per body per year) or of a supervision item."""
    return f"{prefix}〔{year}〕{number}号"


# Chinese punctuation is full width; English has its own, with the space after it (issue 16: no
# "（R1§7）" in English). The pages write the Chinese mark (`{% punct "：" %}`) and read it in English.
ENGLISH_PUNCTUATION = {
    "：": ": ", "（": " (", "）": ")", "，": ", ", "、": ", ", "；": "; ", "。": ". ", "！": "! ",
    "？": "? ", "《": "“", "》": "”", "【": "[", "】": "] ", "〔": "[", "〕": "]", "　": "\u2003",
}  # fmt: skip


def english_punctuation(text: str) -> str:
    """The full-width marks of `text` as English writes them: "（head：" -> " (head: "."""
    return "".join(ENGLISH_PUNCTUATION.get(c, c) for c in text)


def punctuated(text: str) -> str:
    """`text` (written with Chinese marks) as the reader's language punctuates it."""
    from django.utils.translation import get_language

    return text if (get_language() or "zh-hans").startswith("zh") else english_punctuation(text)


def reader_date(day: datetime.date) -> str:
    """A date as the reader's language writes it: 2026年10月8日, or 8 Oct 2026."""
    from django.utils.translation import get_language

    if (get_language() or "zh-hans").startswith("zh"):
        return cn_date(day)
    return day.strftime("%d %b %Y").lstrip("0")
