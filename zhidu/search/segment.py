"""Chinese segmentation with jieba, loaded once per process and quietly.

Two forms of a text are indexed (zhidu.search.models.Document):
- its *words*, jieba's search-engine mode (`cut_for_search`: 民主生活会 → 民主 生活 生活会 民主生活会),
  for ranking and highlighting;
- its *character bigrams*: the letters, digits and Han characters, lowercased, in order, every two
  neighbours a token (民主生活会 → 民主 主生 生活 活会 会, the last character alone too). A query
  is matched as the phrase of its bigrams (one character: the bigrams it begins), so a document that
  contains the query string is found however jieba cut it there (recall of an `icontains` scan;
  punctuation between two characters is skipped, a rare extra match). Bigrams, not single
  characters: a two-character query reads one short list instead of two long ones."""

from __future__ import annotations

import logging
import threading
from typing import Any

_lock = threading.Lock()
_ready = False
# The rulebook's compounds jieba's dictionary lacks (docs/glossary.md): whole words, so that
# cut_for_search yields them beside their parts (民主生活会 → 民主 生活 生活会 民主生活会).
VOCABULARY = (
    "民主生活会",
    "组织生活会",
    "生活会",
    "三会一课",
    "党务公开",
    "村务公开",
    "政务公开",
    "谈心谈话",
    "领导班子",
    "班子成员",
    "党支部",
    "党小组",
    "党委会",
    "纪委",
    "社情民意",
    "接访",
    "定点接访",
    "重点约访",
    "带案下访",
    "中心组",
    "理论学习中心组",
    "述职述廉",
    "民主评议",
    "三重一大",
)


def _jieba() -> Any:
    global _ready
    import jieba  # type: ignore[import-untyped]

    if not _ready:
        with _lock:
            if not _ready:
                jieba.setLogLevel(logging.WARNING)
                jieba.initialize()
                for word in VOCABULARY:
                    jieba.add_word(word, freq=20000)
                _ready = True
    return jieba


def words(text: str) -> list[str]:
    """jieba's search-engine tokens of `text`, lowercased, without spaces and punctuation."""
    return [w.lower() for w in _jieba().cut_for_search(text) if any(c.isalnum() for c in w)]


def characters(text: str) -> list[str]:
    return [c for c in text.lower() if c.isalnum()]


def joined_words(text: str) -> str:
    return " ".join(words(text))


def grams(chars: list[str]) -> list[str]:
    if not chars:
        return []
    return [chars[i] + chars[i + 1] for i in range(len(chars) - 1)] + [chars[-1]]


def joined_grams(text: str) -> str:
    return " ".join(grams(characters(text)))


def query_grams(chars: list[str]) -> list[str]:
    """The bigrams a query's phrase is made of (its characters, from characters())."""
    return [chars[i] + chars[i + 1] for i in range(len(chars) - 1)] or chars[:1]
