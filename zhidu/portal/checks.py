"""What an article needs before it is published, as pure functions of plain data (no database, no
clock, no request): the editor's form warns while typing, the services refuse with the same words.

R1§7(6) 公示, R11 第八条(一): a page of 党务公开 names one of the eight content categories; a page
names what it is (a title) and says it (a text). The notes (advice) point at what a reader will
miss: no tags, a very short text."""

from __future__ import annotations

from dataclasses import dataclass

from zhidu.rules.findings import ADVICE, INVALID, Finding

TITLE_MAX = 200
BODY_MAX = 50_000
TAGS_MAX = 200
SHORT_BODY = 20  # characters: less reads like a placeholder


@dataclass(frozen=True)
class FieldFinding:
    """A finding and the form field it is about (the form shows it beside that field)."""

    field: str
    finding: Finding

    @property
    def severity(self) -> str:
        return self.finding.severity

    @property
    def message(self) -> str:
        return self.finding.message


@dataclass(frozen=True)
class Draft:
    category: str
    subcategory: str
    title: str
    body: str
    tags: str


def paragraphs(text: str) -> list[str]:
    """The paragraphs of a plain text: separated by an empty line (the page and the preview)."""
    return [p.strip() for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]


def normalize_tags(raw: str | tuple[str, ...] | list[str]) -> str:
    """Tags typed with "，", ",", "、", ";" or spaces become one "、"-separated list, each once."""
    if not isinstance(raw, str):
        raw = "、".join(raw)
    for sep in ("，", ",", "；", ";", " ", "\u3000"):
        raw = raw.replace(sep, "、")
    seen: list[str] = []
    for tag in raw.split("、"):
        tag = tag.strip()[:20]
        if tag and tag not in seen:
            seen.append(tag)
    return "、".join(seen)


def findings(draft: Draft, categories: set[str], subcategories: set[str]) -> list[FieldFinding]:
    """Problems of a draft: `invalid` ones block publication. The portal is where the committee's
    openness (R11) is published: a page that says nothing, or files 党务公开 under no content
    category (R11 第八条(一)), does not publish anything."""
    found: list[FieldFinding] = []

    def add(code: str, severity: str, message: str, article: str = "R11", field: str = "") -> None:
        found.append(FieldFinding(field, Finding(code, severity, article, message)))

    if draft.category not in categories:
        add("category", INVALID, "栏目：请选择栏目", field="category")
    if draft.category == "party_affairs" and draft.subcategory not in subcategories:
        add("subcategory", INVALID, "党务公开类别：请选择八类公开内容之一", "R11§8", "subcategory")
    if draft.category != "party_affairs" and draft.subcategory:
        add("subcategory", INVALID, "党务公开类别：只有“党务公开”栏目的文章才选类别", "R11§8", "subcategory")
    title = draft.title.strip()
    if not title:
        add("title", INVALID, "标题：请填写", field="title")
    elif len(title) > TITLE_MAX:
        add("title", INVALID, f"标题：不能超过{TITLE_MAX}字", field="title")
    body = draft.body.strip()
    if not body:
        add("body", INVALID, "正文：请填写", field="body")
    elif len(body) > BODY_MAX:
        add("body", INVALID, f"正文：不能超过{BODY_MAX}字", field="body")
    elif len(body) < SHORT_BODY:
        add("body-short", ADVICE, f"正文：不足{SHORT_BODY}字，读者可能看不明白", field="body")
    if len(draft.tags) > TAGS_MAX:
        add("tags", INVALID, f"标签：合计不能超过{TAGS_MAX}字", field="tags")
    elif not draft.tags:
        add("tags-none", ADVICE, "标签：没有标签，读者较难找到相关文章", field="tags")
    return found


def blocking(found: list[FieldFinding]) -> list[FieldFinding]:
    return [f for f in found if f.severity == INVALID]
