"""Apps declare the rows trust chains and guards from their own ready(); trust names no area."""

import re
from pathlib import Path

import pytest

from zhidu.core.models import AuditEntry
from zhidu.meetings.models import ArchiveVersion
from zhidu.trust import immutability, ledger

AREAS = ("api", "ballots", "meetings", "personal", "supervision")


def test_the_chain_and_the_guard_cover_what_the_apps_declared():
    assert ledger.SOURCES == {"audit": "core.AuditEntry", "archive": "meetings.ArchiveVersion"}
    assert set(immutability.GUARDED) == {"core.AuditEntry", "trust.ChainEntry", "meetings.ArchiveVersion"}
    assert ledger.kind_of(ArchiveVersion) == "archive" and ledger.kind_of(AuditEntry) == "audit"


def test_a_kind_chains_one_model_only():
    ledger.register_chained(ArchiveVersion, kind="archive")  # again, the same: harmless
    with pytest.raises(ValueError):
        ledger.register_chained(AuditEntry, kind="archive")
    assert ledger.SOURCES["archive"] == "meetings.ArchiveVersion"


def test_trust_names_no_area():
    """Not even by string ("meetings.ArchiveVersion"): the import contract cannot see those."""
    root = Path(ledger.__file__).parent
    pattern = re.compile(r"""["'](""" + "|".join(AREAS) + r""")\.""")
    for path in root.rglob("*.py"):
        if "migrations" in path.parts:
            continue  # history: a migration names the state it depends on
        assert not pattern.search(path.read_text(encoding="utf-8")), path
