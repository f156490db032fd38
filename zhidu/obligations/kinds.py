"""The obligation kinds: each app registers its own from its `ready()` (`register_kind`, and
`register_source` for the page a kind's record is read on), so this kernel names no area and a new
rule area adds its kinds without touching it."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise


@dataclass(frozen=True)
class Kind:
    code: str
    label: str | Promise
    # Fulfilled by its own act on the source page (confirming a meeting notice there records the
    # receipt time the clerk sees), never by a bare "mark done".
    completed_at_source: bool = False


_kinds: dict[str, Kind] = {}
# Where the record behind an obligation is read: source_type ("app.model") -> URL name taking its id.
_source_urls: dict[str, str] = {}


def register_kind(code: str, label: str | Promise, *, completed_at_source: bool = False) -> None:
    _kinds[code] = Kind(code, label, completed_at_source)


def register_source(source_type: str, url_name: str) -> None:
    _source_urls[source_type] = url_name


def kinds() -> dict[str, Kind]:
    return dict(_kinds)


def kind_label(code: str) -> str:
    kind = _kinds.get(code)
    return str(kind.label) if kind is not None else code


def completed_at_source(code: str) -> bool:
    kind = _kinds.get(code)
    return kind is not None and kind.completed_at_source


def source_url_name(source_type: str) -> str | None:
    return _source_urls.get(source_type)
