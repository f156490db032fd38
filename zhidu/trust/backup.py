"""`zhidu backup` and `zhidu restore`: a folder with the database and a signed manifest.

manifest.json = {format, vendor, method, created_at, files: {name: sha256}, uploads: where the
uploaded files are (not in the backup: MEDIA_ROOT or the bucket), logical_digest:
{digest, tables: {table: {rows, sha256}}}, checkpoint: the chain checkpoint, signature}. The
logical digest hashes every table's rows in a canonical order, so a restored database can be shown
to hold exactly what the source held (same vendor: SQLite and PostgreSQL return values differently).

Methods:
- SQLite: the sqlite3 online backup API (consistent while the server runs, WAL included), both ways:
  restore copies the backup into the open database rather than swapping the file under a running
  server.
- PostgreSQL: `pg_dump --format=custom` on the snapshot the digest is computed on (exported from a
  REPEATABLE READ transaction), restored with `pg_restore --single-transaction`. Without pg_dump on
  the PATH: `dumpdata --format xml` of every model in that same transaction; restore = migrate + loaddata.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tempfile
from pathlib import Path
from typing import cast

from django.apps import apps as django_apps
from django.conf import settings
from django.core.management import call_command
from django.db import connections, transaction
from django.utils import timezone

from zhidu.trust import chain, conf, immutability, ledger

FORMAT = "zhidu.backup/1"
MANIFEST = "manifest.json"
SQLITE_FILE = "db.sqlite3"
PG_FILE = "db.pgdump"
# XML, not JSON: DjangoJSONEncoder cuts datetimes to milliseconds, which would change the rows
# (and break every chain payload digest); the XML serializer keeps microseconds.
DUMP_FILE = "data.xml"


class BackupError(Exception):
    """A refusal with one Chinese line; `code` is the exit status."""

    def __init__(self, message: str, code: int = 2):
        super().__init__(message)
        self.code = code


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


# The logical digest.


def _tables(cursor, vendor: str) -> list[str]:
    if vendor == "sqlite":
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    else:
        cursor.execute(
            "SELECT table_name FROM information_schema.tables "
            "WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"
        )
    # django_migrations says when a database was migrated, not what it holds: a dumpdata restore
    # migrates afresh, so it is left out of the comparison.
    return sorted(row[0] for row in cursor.fetchall() if row[0] != "django_migrations")


def logical_digest(cursor, vendor: str, *, physical_header: bool = False) -> dict:
    """Per table: the row count and the SHA-256 of its column names and rows, each canonically
    encoded, sorted (sorting the encodings, not with ORDER BY, so collations cannot reorder them)."""
    tables = {}
    for table in _tables(cursor, vendor):
        quoted = '"' + table.replace('"', '""') + '"'
        cursor.execute(f"SELECT * FROM {quoted}")  # noqa: S608 - a table name read from the catalogue, quoted
        names = [c[0] for c in cursor.description]
        encoded = sorted(chain.canonical(dict(zip(names, row, strict=True))) for row in cursor.fetchall())
        # The column names sorted, like the keys of each row: the digest is about what a table
        # holds, not where a column sits. A dumpdata restore builds the tables from the
        # migrations, so a table re-created in another order (create_model puts the columns in
        # field order, the migration put entered_by last) would otherwise never match.
        # `physical_header`: how backups made before 2026-12 hashed the header (their manifests
        # still verify, on a database whose columns sit where they did).
        h = hashlib.sha256(chain.canonical(names if physical_header else sorted(names)))
        for line in encoded:
            h.update(b"\n" + line)
        tables[table] = {"rows": len(encoded), "sha256": h.hexdigest()}
    return {"digest": hashlib.sha256(chain.canonical(tables)).hexdigest(), "tables": tables}


def sqlite_file_digest(path: Path, *, physical_header: bool = False) -> dict:
    # A plain sqlite3 connection: Django's converts declared types, and both sides must agree.
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
        return logical_digest(db.cursor(), "sqlite", physical_header=physical_header)


def _legacy_digest_matches(connection, manifest: dict) -> bool:
    """A backup made before the header was hashed sorted: its digest, recomputed the old way."""
    if connection.vendor == "sqlite":
        legacy = sqlite_live_digest(connection, physical_header=True)
    else:
        with connection.cursor() as cursor:
            legacy = logical_digest(cursor, "postgresql", physical_header=True)
    return bool(legacy["digest"] == manifest["logical_digest"]["digest"])


def sqlite_live_digest(connection, *, physical_header: bool = False) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "copy.sqlite3"
        _sqlite_copy_out(connection, copy)
        return sqlite_file_digest(copy, physical_header=physical_header)


def _sqlite_copy_out(connection, target: Path) -> None:
    connection.ensure_connection()
    out = sqlite3.connect(target)
    try:
        connection.connection.backup(out)
        # One self-contained file: no -wal/-shm beside it to hash (or to change when opened).
        out.execute("PRAGMA journal_mode=DELETE")
    finally:
        out.close()


# Signing.


def _sign(manifest: dict, key: bytes | None = None) -> str:
    body = {k: v for k, v in manifest.items() if k != "signature"}
    return chain.mac(key or conf.checkpoint_key(), chain.canonical(body), "sha256")


def _pg_args(connection) -> tuple[list[str], dict]:
    from django.db.backends.postgresql.client import DatabaseClient

    settings_dict = connection.settings_dict
    _args, env = DatabaseClient.settings_to_cmd_args_env(settings_dict, [])
    args = []
    if settings_dict.get("HOST"):
        args += ["-h", str(settings_dict["HOST"])]
    if settings_dict.get("PORT"):
        args += ["-p", str(settings_dict["PORT"])]
    if settings_dict.get("USER"):
        args += ["-U", str(settings_dict["USER"])]
    args += ["--dbname", str(settings_dict["NAME"]), "--no-password"]
    return args, {**os.environ, **(env or {})}


def _run(command: list[str], env: dict, what: str) -> None:
    result = subprocess.run(command, env=env, capture_output=True, text=True)  # noqa: S603 - fixed program
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip().splitlines()
        raise BackupError(f"{what}失败：{detail[-1] if detail else result.returncode}", code=2)


# Backup.


def uploads_location() -> dict:
    """Where the uploaded files are: a backup holds the database only, never the files its rows
    name (README "Object storage"). In a bucket they are kept by the bucket's own versioning or
    replication; on local disk, MEDIA_ROOT is copied beside the backup."""
    default = settings.STORAGES["default"]
    if default["BACKEND"] == "storages.backends.s3.S3Storage":
        options = default.get("OPTIONS", {})
        return {
            "storage": "s3",
            "bucket": options.get("bucket_name", ""),
            "endpoint": options.get("endpoint_url", ""),
        }
    return {"storage": "local", "folder": str(settings.MEDIA_ROOT)}


def uploads_line(location: dict | None) -> str:
    if not location:
        return ""
    if location.get("storage") == "s3":
        where = f"对象存储桶 {location.get('bucket')}" + (
            f"（{location['endpoint']}）" if location.get("endpoint") else ""
        )
        return f"上传的文件不在本备份中，在{where}：请用存储桶的版本控制或跨区域复制保全"
    return f"上传的文件不在本备份中，在目录 {location.get('folder')}：请一并备份该目录"


def backup(out: Path, *, using: str = "default", method: str | None = None) -> dict:
    """Write the backup into `out` (created; must be empty). Returns the manifest."""
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise BackupError(f"目标目录 {out} 已存在且不为空：请指定一个新目录")
    verdict = ledger.verify_database(using)
    if not verdict.ok:
        raise BackupError(f"拒绝备份：链校验失败，{verdict.message}", code=1)
    out.mkdir(parents=True, exist_ok=True)
    connection = connections[using]
    try:
        if connection.vendor == "sqlite":
            manifest = _backup_sqlite(connection, out)
        elif connection.vendor == "postgresql":
            manifest = _backup_postgres(connection, out, using, method)
        else:
            raise BackupError(f"不支持的数据库：{connection.vendor}")
    except BaseException:
        shutil.rmtree(out, ignore_errors=True)
        raise
    (out / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True))
    return manifest


def _finish(vendor: str, method: str, out: Path, digest: dict, tips: dict) -> dict:
    now = timezone.now().astimezone(datetime.timezone.utc).isoformat()
    manifest = {
        "format": FORMAT,
        "vendor": vendor,
        "method": method,
        "created_at": now,
        "files": {p.name: sha256_file(p) for p in sorted(out.iterdir()) if p.name != MANIFEST},
        "logical_digest": digest,
        "uploads": uploads_location(),
        # Every chain's {count, root} (one per township, zhidu.trust.ledger).
        "checkpoint": ledger.make_checkpoint(tips, now),
    }
    manifest["signature"] = _sign(manifest)
    return manifest


def _backup_sqlite(connection, out: Path) -> dict:
    target = out / SQLITE_FILE
    _sqlite_copy_out(connection, target)
    with sqlite3.connect(f"file:{target}?mode=ro", uri=True) as db:
        tips = ledger.tips_from(db.cursor())
    db.close()
    return _finish("sqlite", "sqlite-backup-api", out, sqlite_file_digest(target), tips)


def _backup_postgres(connection, out: Path, using: str, method: str | None) -> dict:
    pg_dump = shutil.which("pg_dump")
    method = method or ("pg_dump" if pg_dump else "dumpdata")
    if method == "pg_dump" and not pg_dump:
        raise BackupError("找不到 pg_dump：请安装 PostgreSQL 客户端，或改用 --method dumpdata")
    with transaction.atomic(using=using):
        with connection.cursor() as cursor:
            if len(connection.atomic_blocks) == 1:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            if method == "pg_dump":
                args, env = _pg_args(connection)
                pg_dump = cast(str, pg_dump)  # a missing pg_dump was refused above
                command = [pg_dump, *args, "--format=custom", "--no-owner", "--no-privileges"]
                _run([*command, f"--snapshot={snapshot}", f"--file={out / PG_FILE}"], env, "pg_dump ")
            else:
                call_command(
                    "dumpdata", database=using, format="xml", output=str(out / DUMP_FILE), verbosity=0
                )
            digest = logical_digest(cursor, "postgresql")
            tips = ledger.tips_from(cursor)
    return _finish("postgresql", method, out, digest, tips)


# Restore.


def read_manifest(folder: Path) -> dict:
    """The manifest of a backup folder, signature and file hashes checked, or BackupError."""
    path = folder / MANIFEST
    if not folder.is_dir() or not path.is_file():
        raise BackupError(f"{folder} 不是备份目录（没有 {MANIFEST}）")
    try:
        manifest = json.loads(path.read_text())
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        raise BackupError(f"{MANIFEST} 无法读取或不是 JSON") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(f"{MANIFEST} 的格式不是 {FORMAT}")
    signature = str(manifest.get("signature", "")).encode()
    if not any(
        chain.constant_time.bytes_eq(_sign(manifest, key).encode(), signature)
        for key in conf.checkpoint_keys()
    ):
        raise BackupError(f"{MANIFEST} 的签名无效：清单被改动，或 ZHIDU_CHECKPOINT_KEY 与备份时不同")
    files = manifest.get("files") or {}
    for name, expected in sorted(files.items()):
        file = folder / name
        if Path(name).name != name or not file.is_file():
            raise BackupError(f"备份文件 {name} 缺失")
        if sha256_file(file) != expected:
            raise BackupError(f"备份文件 {name} 的 SHA-256 与清单不符（文件被改动或损坏），拒绝恢复")
    return manifest


def _is_empty(connection) -> bool:
    with connection.cursor() as cursor:
        return not connection.introspection.table_names(cursor)


def restore(folder: Path, *, using: str = "default", force: bool = False) -> tuple[dict, chain.Result]:
    manifest = read_manifest(folder)
    connection = connections[using]
    if manifest["vendor"] != connection.vendor:
        raise BackupError(f"备份来自 {manifest['vendor']}，当前数据库是 {connection.vendor}")
    if connection.in_atomic_block:
        raise BackupError("不能在事务中恢复数据库")
    if not force and not _is_empty(connection):
        raise BackupError("当前数据库不是空的：确认要用备份覆盖它时加 --force")
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        with sqlite3.connect(f"file:{folder / SQLITE_FILE}?mode=ro", uri=True) as source:
            source.backup(connection.connection)
        source.close()
        digest = sqlite_live_digest(connection)
    else:
        _restore_postgres(connection, folder, manifest, using)
        with connection.cursor() as cursor:
            digest = logical_digest(cursor, "postgresql")
    if digest["digest"] != manifest["logical_digest"]["digest"] and not _legacy_digest_matches(
        connection, manifest
    ):
        bad = sorted(
            t
            for t in set(digest["tables"]) | set(manifest["logical_digest"]["tables"])
            if digest["tables"].get(t) != manifest["logical_digest"]["tables"].get(t)
        )
        raise BackupError(f"恢复后的数据与备份时不一致（表 {', '.join(bad[:3])}）", code=1)
    verdict = ledger.verify_database(using, against=manifest["checkpoint"])
    if not verdict.ok:
        raise BackupError(f"恢复后链校验失败：{verdict.message}", code=1)
    return manifest, verdict


def _restore_postgres(connection, folder: Path, manifest: dict, using: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_schema()")
        schema = '"' + cursor.fetchone()[0].replace('"', '""') + '"'
        # Empty (checked above) or --force: start from an empty schema either way.
        cursor.execute(f"DROP SCHEMA {schema} CASCADE")
        cursor.execute(f"CREATE SCHEMA {schema}")
    if manifest["method"] == "pg_dump":
        pg_restore = shutil.which("pg_restore")
        if not pg_restore:
            raise BackupError("找不到 pg_restore：请安装 PostgreSQL 客户端")
        args, env = _pg_args(connection)
        command = [
            pg_restore,
            *args,
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
        ]
        _run([*command, str(folder / PG_FILE)], env, "pg_restore ")
        connection.close()
        return
    # dumpdata fallback: the schema from the migrations, then the rows exactly as dumped. migrate
    # seeds rows of its own (content types, permissions, the calendar): remove them first. The
    # guarded tables are still empty at that point, so letting TRUNCATE through is safe.
    call_command("migrate", database=using, verbosity=0, interactive=False)
    with transaction.atomic(using=using), connection.cursor() as cursor:
        tables = _tables(cursor, "postgresql")
        quoted = ", ".join('"' + t.replace('"', '""') + '"' for t in tables)
        # The guarded tables refuse TRUNCATE (immutability); their owner, which ran the migrations
        # just now, lifts that for this transaction only (the flag counts for superusers alone).
        guarded = [t for t in immutability._tables(django_apps) if t in tables]
        for table in guarded:
            cursor.execute(f'ALTER TABLE "{table}" DISABLE TRIGGER zhidu_immutable_truncate')
        cursor.execute(f"TRUNCATE {quoted} RESTART IDENTITY CASCADE")
        for table in guarded:
            cursor.execute(f'ALTER TABLE "{table}" ENABLE TRIGGER zhidu_immutable_truncate')
        call_command("loaddata", str(folder / DUMP_FILE), database=using, verbosity=0)
