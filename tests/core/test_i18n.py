"""Chinese first: every interface string has a Simplified Chinese translation, and the compiled
catalogue shipped in the repository matches its source (a fresh machine needs no gettext tools)."""

import re
from pathlib import Path

import polib
import pytest
from django.utils import translation

ROOT = Path(__file__).resolve().parents[2] / "zhidu"
PO = ROOT / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"
TEMPLATE_STRING = re.compile(r"""{%\s*translate\s+(["'])(.+?)\1""")
PY_STRING = re.compile(r"""\b_\(\s*"((?:[^"\\]|\\.)+)"\s*\)""")


def catalogue():
    return {e.msgid: e for e in polib.pofile(str(PO)) if not e.obsolete}


def test_every_entry_is_translated_and_not_fuzzy():
    for msgid, entry in catalogue().items():
        translated = all(entry.msgstr_plural.values()) if entry.msgid_plural else entry.msgstr
        assert translated, f"untranslated: {msgid!r}"
        assert "fuzzy" not in entry.flags, f"fuzzy: {msgid!r}"


def test_the_compiled_catalogue_matches_its_source():
    compiled = {e.msgid: e.msgstr or e.msgstr_plural for e in polib.mofile(str(PO.with_suffix(".mo")))}
    for msgid, entry in catalogue().items():
        assert compiled.get(msgid) == (entry.msgstr or entry.msgstr_plural), (
            f"django.mo is stale for {msgid!r}: run makemessages"
        )


def test_strings_in_templates_and_code_are_in_the_catalogue():
    known = catalogue()
    found = set()
    for path in ROOT.rglob("*.html"):
        found |= {m.group(2) for m in TEMPLATE_STRING.finditer(path.read_text())}
    for path in ROOT.rglob("*.py"):
        if "migrations" not in path.parts:
            found |= {m.group(1) for m in PY_STRING.finditer(path.read_text())}
    missing = sorted(s for s in found if s not in known)
    assert not missing, f"not in the catalogue (run makemessages and translate): {missing}"


@pytest.mark.parametrize(("language", "expected"), [("zh-hans", "我的待办"), ("en", "My duties")])
def test_both_languages(language, expected):
    with translation.override(language):
        assert translation.gettext("My duties") == expected
