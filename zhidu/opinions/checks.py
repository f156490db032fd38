"""党委社情民意反映制度 (R16): the checks of an opinion, pure (no database, no clock, no request).

R16§16 "多人反映相同意见和建议的，应当推选代表，代表人数一般不超过5人": a group opinion names at most 5
representatives; the others are its supporters. The public form warns while the list is typed (htmx)
and the service refuses a sixth with the same finding."""

from __future__ import annotations

import re

from zhidu.rules import VIOLATION, Finding

AREA = "opinions"
REPRESENTATIVES = "R16§16"
MAX_REPRESENTATIVES = 5
_SPLIT = re.compile(r"[\r\n;；]+")


def people(text: str) -> list[str]:
    """The persons of a list typed one a line (or separated by ；): blank lines dropped."""
    return [line.strip() for line in _SPLIT.split(text or "") if line.strip()]


def representatives(count: int) -> list[Finding]:
    """R16§16: more than 5 representatives is refused, with how many to leave out."""
    if count <= MAX_REPRESENTATIVES:
        return []
    return [
        Finding(
            "too-many-representatives",
            VIOLATION,
            REPRESENTATIVES,
            f"代表：多人反映相同意见的，代表一般不超过{MAX_REPRESENTATIVES}人（第十六条），现填写了{count}人；"
            f"请保留{MAX_REPRESENTATIVES}名代表，其余{count - MAX_REPRESENTATIVES}人填入“支持者”",
        )
    ]
