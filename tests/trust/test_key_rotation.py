"""Rotating the checkpoint key (ZHIDU_CHECKPOINT_KEY, with ZHIDU_CHECKPOINT_OLD_KEYS): entries,
checkpoints and backup manifests sealed with the old key keep verifying while it is listed as
retired; new ones use the new key; dropping the old key too early is caught, naming the entry."""

import datetime

import pytest

from zhidu.core.audit import record
from zhidu.trust import backup, chain, conf, ledger
from zhidu.trust.models import ChainEntry

pytestmark = pytest.mark.django_db


def writes(n, label):
    return [record(None, "test.write", summary=f"{label}{i}") for i in range(n)]


def checkpoint():
    return ledger.make_checkpoint(
        ledger.tips(), datetime.datetime(2026, 11, 26, tzinfo=datetime.timezone.utc).isoformat()
    )


def test_rotation_keeps_old_seals_verifying_and_seals_new_entries_with_the_new_key(settings):
    settings.ZHIDU_CHECKPOINT_KEY = "old-key-0123456789"
    writes(3, "旧")
    witnessed = checkpoint()

    settings.ZHIDU_CHECKPOINT_KEY = "new-key-9876543210"
    settings.ZHIDU_CHECKPOINT_OLD_KEYS = ["old-key-0123456789"]
    writes(2, "新")
    assert ledger.verify_database().ok
    assert chain.read_checkpoint(witnessed, conf.checkpoint_keys())["count"] == 3
    newest = ChainEntry.objects.get(chain="deployment", seq=5)
    assert chain.mac_matches(b"new-key-9876543210", newest.hash.encode(), newest.alg, newest.seal)
    assert not chain.mac_matches(b"old-key-0123456789", newest.hash.encode(), newest.alg, newest.seal)

    # Dropping the old key before re-witnessing: the first entry it sealed is named.
    settings.ZHIDU_CHECKPOINT_OLD_KEYS = []
    result = ledger.verify_database()
    assert not result.ok and result.seq == 1
    with pytest.raises(chain.BadCheckpoint):
        chain.read_checkpoint(witnessed, conf.checkpoint_keys())


@pytest.mark.django_db(transaction=True)  # the backup reads the database from outside a transaction
def test_a_backup_manifest_signed_before_the_rotation_still_reads(settings, tmp_path):
    settings.ZHIDU_CHECKPOINT_KEY = "old-key-0123456789"
    writes(2, "备份前")
    backup.backup(tmp_path / "b")
    settings.ZHIDU_CHECKPOINT_KEY = "new-key-9876543210"
    with pytest.raises(backup.BackupError):
        backup.read_manifest(tmp_path / "b")
    settings.ZHIDU_CHECKPOINT_OLD_KEYS = ["old-key-0123456789"]
    assert backup.read_manifest(tmp_path / "b")["format"] == backup.FORMAT
