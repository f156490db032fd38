"""`zhidu backup` / `zhidu restore` on the database the suite runs on: a restored database holds
exactly what the source held (logical digest) and its chain verifies; a changed file is refused
before anything is touched."""

import json

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from tests import factories
from zhidu.core.audit import record
from zhidu.trust import backup, ledger

pytestmark = pytest.mark.django_db(transaction=True)


def run(*args):
    try:
        call_command(*args)
    except CommandError as error:
        return error.returncode, str(error)
    return 0, ""


def current_digest():
    if connection.vendor == "sqlite":
        return backup.sqlite_live_digest(connection)
    with connection.cursor() as cursor:
        return backup.logical_digest(cursor, "postgresql")


@pytest.fixture
def data():
    town = factories.township()
    factories.personas(town)
    return [record(None, "test.write", township=town, summary=f"第{i}条", n=i) for i in range(3)]


@pytest.mark.parametrize("method", ["default", "dumpdata"])
def test_backup_then_restore_gives_the_same_database(tmp_path, data, capsys, method):
    if method == "dumpdata" and connection.vendor != "postgresql":
        method = "default"  # the dumpdata fallback is PostgreSQL's; SQLite always has its backup API
    out = tmp_path / "bk"
    args = ["backup", "--out", str(out)] + (["--method", method] if method != "default" else [])
    assert run(*args) == (0, "")
    manifest = json.loads((out / "manifest.json").read_text())
    expected_method = {"sqlite": "sqlite-backup-api", "postgresql": "pg_dump"}[connection.vendor]
    assert manifest["method"] == (method if method != "default" else expected_method)
    tips = ledger.tips()
    assert manifest["checkpoint"]["count"] == sum(n for n, _ in tips.values())
    assert {k: (v["count"], v["root"]) for k, v in manifest["checkpoint"]["chains"].items()} == tips
    assert f"township:{data[0].township_id}" in tips  # the township's own chain
    source = current_digest()
    assert source == manifest["logical_digest"]
    assert source["tables"]["core_auditentry"]["rows"] >= 3

    # Life goes on after the backup; the restore brings back the backed-up state.
    record(None, "test.after-backup")
    assert current_digest() != source
    assert run("restore", str(out)) == (2, "当前数据库不是空的：确认要用备份覆盖它时加 --force")
    assert run("restore", str(out), "--force") == (0, "")
    assert "逻辑摘要一致" in capsys.readouterr().out
    assert current_digest() == source
    assert ledger.verify_database().ok
    # The restored database still refuses to change its audit trail.
    from django.db import DatabaseError, transaction

    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE core_auditentry SET summary = 'x'")


def test_a_table_whose_columns_sit_in_another_order_round_trips(tmp_path, data):
    # create_model puts the columns in field order; the migration put entered_by last. A dumpdata
    # restore builds the table from the migrations, so only the column order changes, and the
    # logical digest must not see it (tests/workdays re-creates this table the same way).
    from zhidu.workdays.models import HolidayNotice

    with connection.schema_editor() as editor:
        editor.delete_model(HolidayNotice)
        editor.create_model(HolidayNotice)
    HolidayNotice.objects.create(
        year=2031, title="通知", raw_text="第一行\n第二行", entries={"2031-01-01": "元旦"}
    )
    method = ["--method", "dumpdata"] if connection.vendor == "postgresql" else []
    out = tmp_path / "bk"
    assert run("backup", "--out", str(out), *method) == (0, "")
    source = current_digest()
    assert run("restore", str(out), "--force") == (0, "")
    assert current_digest() == source
    assert HolidayNotice.objects.get().entries == {"2031-01-01": "元旦"}


def test_a_backup_made_before_the_header_was_sorted_still_restores(tmp_path, data, monkeypatch):
    """Manifests written before 2026-12 hashed each table's column names in their physical order:
    such a backup restores (the old digest, recomputed, matches) and a changed one is still refused."""
    real = backup.logical_digest
    monkeypatch.setattr(
        backup, "logical_digest", lambda cursor, vendor, **kw: real(cursor, vendor, physical_header=True)
    )
    out = tmp_path / "bk"
    assert run("backup", "--out", str(out)) == (0, "")
    monkeypatch.setattr(backup, "logical_digest", real)
    legacy = json.loads((out / "manifest.json").read_text())["logical_digest"]["digest"]
    assert legacy != current_digest()["digest"]  # really the old way
    source = current_digest()
    record(None, "test.after-backup")
    assert run("restore", str(out), "--force") == (0, "")
    assert current_digest() == source


def test_the_logical_digest_does_not_depend_on_the_column_order():
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE zz_order_a (x integer, y varchar(10))")
        cursor.execute("CREATE TABLE zz_order_b (y varchar(10), x integer)")
        try:
            cursor.execute("INSERT INTO zz_order_a (x, y) VALUES (1, 'a'), (2, 'b')")
            cursor.execute("INSERT INTO zz_order_b (x, y) VALUES (2, 'b'), (1, 'a')")
            tables = backup.logical_digest(cursor, connection.vendor)["tables"]
        finally:
            cursor.execute("DROP TABLE zz_order_a")
            cursor.execute("DROP TABLE zz_order_b")
    assert tables["zz_order_a"] == tables["zz_order_b"]


def test_a_changed_file_or_manifest_is_refused_before_anything_is_touched(tmp_path, data):
    out = tmp_path / "bk"
    assert run("backup", "--out", str(out)) == (0, "")
    manifest = json.loads((out / "manifest.json").read_text())
    before = current_digest()
    data_file = out / next(iter(manifest["files"]))
    original = data_file.read_bytes()
    data_file.write_bytes(original[:-1] + bytes([original[-1] ^ 1]))
    code, line = run("restore", str(out), "--force")
    assert code == 2 and "SHA-256 与清单不符" in line
    data_file.write_bytes(original)
    manifest["logical_digest"]["digest"] = "0" * 64
    (out / "manifest.json").write_text(json.dumps(manifest))
    code, line = run("restore", str(out), "--force")
    assert code == 2 and "签名无效" in line
    assert current_digest() == before


def test_bad_arguments(tmp_path, data):
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "x").write_text("x")
    assert run("backup", "--out", str(tmp_path / "full"))[0] == 2
    assert run("restore", str(tmp_path / "nothing"))[0] == 2
    (tmp_path / "bad").mkdir()
    (tmp_path / "bad" / "manifest.json").write_text("{")
    assert run("restore", str(tmp_path / "bad"))[0] == 2
