"""What an article needs before it is published, as pure functions of plain data (no database, no
clock, no request): the editor's form warns while typing, the services refuse with the same words.

R1§7(6) 公示, R11 第八条(一): a page of 党务公开 names one of the eight content categories; a page
names what it is (a title) and says it (a text). The notes (advice) point at what a reader will
miss: no tags, a very short text."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext

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
        add("title", INVALID, gettext("Title: please fill it in"), field="title")
    elif len(title) > TITLE_MAX:
        add("title", INVALID, f"标题：不能超过{TITLE_MAX}字", field="title")
    body = draft.body.strip()
    if not body:
        add("body", INVALID, gettext("Body: please fill it in"), field="body")
    elif len(body) > BODY_MAX:
        add("body", INVALID, f"正文：不能超过{BODY_MAX}字", field="body")
    elif len(body) < SHORT_BODY:
        message = gettext("Body: under %(count)s characters, readers may not understand it")
        add("body-short", ADVICE, message % {"count": SHORT_BODY}, field="body")
    if len(draft.tags) > TAGS_MAX:
        add("tags", INVALID, f"标签：合计不能超过{TAGS_MAX}字", field="tags")
    elif not draft.tags:
        add(
            "tags-none",
            ADVICE,
            gettext("Tags: without tags, readers find related articles less easily"),
            field="tags",
        )
    return found


def blocking(found: list[FieldFinding]) -> list[FieldFinding]:
    return [f for f in found if f.severity == INVALID]


# --- comments of the public (issue 15) --------------------------------------------------------------
# No article of the 21 rules governs comments: the rulebook's "portal around the seed" asks that posts
# be moderated against prohibited content (黄/赌/毒, rumours) and duplicates. These checks only hold a
# comment for the party office to look at; a person decides, so a false hold costs a minute, not a voice.

COMMENT_MAX = 500  # characters: a comment, not an article
DUPLICATE_RATIO = 0.9  # difflib's ratio of the normalized texts: 0.9 and above is the same comment
DUPLICATE_MIN = 6  # normalized characters: "同意！" twice is agreement, not a flood
HOLD_KINDS = {"porn": "涉黄", "gambling": "涉赌", "drugs": "涉毒", "abuse": "辱骂", "rumour": "疑似谣言"}


@dataclass(frozen=True)
class HoldReason:
    """Why a comment waits for a person: `kind` is "prohibited" or "duplicate"; `detail` is for the
    moderator (the words matched, or the comment it repeats), never shown to the author."""

    kind: str
    detail: str


def normalize_comment(text: str) -> str:
    """The text compared: full-width folded to half-width (NFKC), case folded, and only letters and
    digits kept (CJK characters are letters), so "赌 博", "赌-博" and "ＡＢ" meet their plain forms."""
    import unicodedata

    folded = unicodedata.normalize("NFKC", text or "").casefold()
    return "".join(c for c in folded if c.isalnum())


def parse_word_list(text: str) -> dict[str, tuple[str, ...]]:
    """The word list file: "[kind]" starts a section, one word a line, "#" a comment. Words are
    normalized as the comments are; an unknown kind is refused (a typo would silently hold nothing)."""
    words: dict[str, list[str]] = {}
    kind = ""
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("[") and line.endswith("]"):
            kind = line[1:-1].strip()
            if kind not in HOLD_KINDS:
                raise ValueError(f"词表第{number}行：未知类别 {kind!r}，应为 {'、'.join(HOLD_KINDS)} 之一")
            words.setdefault(kind, [])
            continue
        if not kind:
            raise ValueError(f"词表第{number}行：词语之前应先写类别，如 [gambling]")
        word = normalize_comment(line)
        if word and word not in words[kind]:
            words[kind].append(word)
    return {k: tuple(v) for k, v in words.items()}


def comment_errors(body: str) -> list[str]:
    """What refuses a comment outright (the author retypes it): empty, too long."""
    text = (body or "").strip()
    if not text:
        return ["评论：请填写评论内容"]
    if len(text) > COMMENT_MAX:
        return [f"评论：不能超过{COMMENT_MAX}字（现{len(text)}字）"]
    return []


def prohibited(body: str, words: dict[str, tuple[str, ...]]) -> HoldReason | None:
    """黄/赌/毒, abuse, rumours: any listed word inside the normalized text holds the comment."""
    text = normalize_comment(body)
    found = [(kind, w) for kind, listed in words.items() for w in listed if w and w in text]
    if not found:
        return None
    kinds = "、".join(dict.fromkeys(HOLD_KINDS[k] for k, _w in found))
    return HoldReason("prohibited", f"{kinds}：{'、'.join(w for _k, w in found)}"[:200])


def duplicate_of(
    body: str, recent: list[tuple[int, str]], ratio: float = DUPLICATE_RATIO
) -> HoldReason | None:
    """A near-duplicate of a recent comment on the same article (`recent`: (id, text) pairs, the
    account's own and everyone's): the same text pasted again, or with a word changed."""
    from difflib import SequenceMatcher

    text = normalize_comment(body)
    if len(text) < DUPLICATE_MIN:
        return None
    for pk, other in recent:
        candidate = normalize_comment(other)
        matcher = SequenceMatcher(None, text, candidate, autojunk=False)
        # The cheap upper bounds first: most comments differ in length or letters.
        if matcher.real_quick_ratio() < ratio or matcher.quick_ratio() < ratio:
            continue
        if matcher.ratio() >= ratio:
            return HoldReason("duplicate", f"与评论 #{pk} 重复（相似度 {matcher.ratio():.0%}）")
    return None


def comment_holds(
    body: str, words: dict[str, tuple[str, ...]], recent: list[tuple[int, str]]
) -> HoldReason | None:
    """The automatic hold of a comment, prohibited content first (it matters more to the moderator)."""
    return prohibited(body, words) or duplicate_of(body, recent)


# --- one-time codes -------------------------------------------------------------------------------

CODE_DIGITS = 6
CODE_MINUTES = 10
CODE_TRIES = 5  # wrong tries of one code; then a new code is needed


def code_refusal(*, now, expires_at, attempts: int, used: bool) -> str:
    """Why a stored code can no longer be used ("" when it can): used, expired, too many tries."""
    if used:
        return "验证码：已使用，请重新获取"
    if now >= expires_at:
        return f"验证码：已过期（有效期{CODE_MINUTES}分钟），请重新获取"
    if attempts >= CODE_TRIES:
        return "验证码：错误次数过多，请重新获取"
    return ""


def contact_kind(text: str) -> tuple[str, str]:
    """(channel, normalized contact) of what was typed: an 11-digit mainland mobile number (spaces
    and dashes dropped, +86 allowed) or an e-mail address (lower-cased); ("", "") when neither."""
    import re

    raw = (text or "").strip()
    digits = re.sub(r"[\s-]", "", raw)
    if digits.startswith("+86"):
        digits = digits[3:]
    if re.fullmatch(r"1[3-9]\d{9}", digits):
        return "sms", digits
    if len(raw) <= 254 and re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", raw):
        return "email", raw.lower()
    return "", ""


# --- attachments of an article (issue 15) -----------------------------------------------------------
# A page of 公告公示 or 党务公开 often publishes a document with it (the notice as signed, a table of
# figures). What a township's site may offer for download is what its readers open: PDF, Word, Excel,
# OFD (GB/T 33190, the State's format for official documents), photographs and ZIP archives. The type
# is judged by the file name's extension and by the file's first bytes (a renamed program is not a
# PDF); the content type served is ours, never the browser's claim.

ATTACHMENT_NAME_MAX = 200  # characters of the original file name
ATTACHMENTS_MAX = 20  # per article: a page, not an archive
_PDF, _OLE, _JPEG, _PNG = b"%PDF-", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n"
_ZIP = (b"PK\x03\x04", b"PK\x05\x06")  # an archive with files, an empty one (docx, xlsx, ofd are ZIP)


@dataclass(frozen=True)
class AttachmentType:
    label: str  # shown beside the name: a format's name, the same in both languages
    content_type: str
    magic: tuple[bytes, ...]


ATTACHMENT_TYPES: dict[str, AttachmentType] = {
    "pdf": AttachmentType("PDF", "application/pdf", (_PDF,)),
    "doc": AttachmentType("Word", "application/msword", (_OLE,)),
    "docx": AttachmentType(
        "Word", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", _ZIP
    ),
    "xls": AttachmentType("Excel", "application/vnd.ms-excel", (_OLE,)),
    "xlsx": AttachmentType(
        "Excel", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", _ZIP
    ),
    "ofd": AttachmentType("OFD", "application/ofd", _ZIP),
    "jpg": AttachmentType("JPG", "image/jpeg", (_JPEG,)),
    "jpeg": AttachmentType("JPG", "image/jpeg", (_JPEG,)),
    "png": AttachmentType("PNG", "image/png", (_PNG,)),
    "zip": AttachmentType("ZIP", "application/zip", _ZIP),
}
ALLOWED_LABEL = "PDF, DOC, DOCX, XLS, XLSX, OFD, JPG, PNG, ZIP"


def extension(name: str) -> str:
    """The lower-case extension of a file name ("通知.PDF" -> "pdf"), "" without one."""
    stem, dot, ext = (name or "").rpartition(".")
    return ext.lower() if dot and stem else ""


def attachment_type(name: str) -> AttachmentType | None:
    return ATTACHMENT_TYPES.get(extension(name))


def clean_file_name(name: str) -> str:
    """The name the reader downloads: the upload's base name without control characters."""
    base = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    return "".join(c for c in base if c.isprintable()).strip()


def size_label(size: int) -> str:
    """ "350 KB", "1.2 MB": what a reader on a phone's data plan weighs before tapping."""
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} KB"
    return f"{size / (1024 * 1024):.1f} MB"


def attachment_errors(name: str, size: int, head: bytes, *, limit_mb: int, count: int) -> list[str]:
    """Why an upload is refused, naming the field (附件) and the file: no file, a name too long, a type
    not offered to the public, content that is not what its name says, empty or too large, or one
    attachment too many. `head` is the file's first bytes, `count` the article's attachments now."""
    if not name:
        return [gettext("Attachment: choose a file to upload")]
    if len(name) > ATTACHMENT_NAME_MAX:
        return [
            gettext("Attachment: the file name is longer than %(n)s characters") % {"n": ATTACHMENT_NAME_MAX}
        ]
    kind = attachment_type(name)
    if kind is None:
        message = gettext('Attachment: "%(name)s" is not a type the portal offers (%(types)s)')
        return [message % {"name": name, "types": ALLOWED_LABEL}]
    if size <= 0:
        return [gettext('Attachment: "%(name)s" is empty') % {"name": name}]
    if size > limit_mb * 1024 * 1024:
        message = gettext('Attachment: "%(name)s" is %(size)s, more than %(limit)s MB')
        return [message % {"name": name, "size": size_label(size), "limit": limit_mb}]
    if not head.startswith(kind.magic):
        message = gettext('Attachment: the content of "%(name)s" is not a %(type)s file')
        return [message % {"name": name, "type": kind.label}]
    if count >= ATTACHMENTS_MAX:
        return [gettext("Attachment: an article has at most %(n)s attachments") % {"n": ATTACHMENTS_MAX}]
    return []
