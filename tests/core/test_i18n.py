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


PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|\{(\w+)\}")


def test_translations_keep_every_placeholder_of_their_source():
    # What `msgfmt -c` checks, without needing gettext's tools: a translation that drops
    # %(n)s shows the reader a sentence without its number (it did, on the attendance finding).
    def names(text):
        return {a or b for a, b in PLACEHOLDER.findall(text)}

    for msgid, entry in catalogue().items():
        if "python-format" not in entry.flags:
            continue
        if entry.msgid_plural:
            wanted = names(entry.msgid_plural)
            for form in entry.msgstr_plural.values():
                assert names(form) == wanted, f"placeholders differ: {msgid!r}"
        else:
            assert names(entry.msgstr) == names(msgid), f"placeholders differ: {msgid!r}"


def test_the_catalogue_header_is_not_fuzzy():
    # A fuzzy header is dropped by msgfmt, and with it the Plural-Forms line.
    assert not polib.pofile(str(PO)).metadata_is_fuzzy
