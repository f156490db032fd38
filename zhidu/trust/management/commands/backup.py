"""`zhidu backup --out DIR`: the database and a signed manifest (zhidu.trust.backup)."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import CommandError

from zhidu.trust import backup
from zhidu.trust.commandline import TrustCommand


class Command(TrustCommand):
    help = "备份数据库（SQLite 在线备份，PostgreSQL 用 pg_dump），附带哈希清单"

    def add_arguments(self, parser):
        parser.add_argument("--out", metavar="DIR", required=True, help="新的备份目录")
        parser.add_argument(
            "--method", choices=["pg_dump", "dumpdata"], help="PostgreSQL：默认 pg_dump，找不到时用 dumpdata"
        )

    def handle(self, *args, **options):
        try:
            manifest = backup.backup(Path(options["out"]), method=options["method"])
        except backup.BackupError as error:
            raise CommandError(str(error), returncode=error.code) from None
        digest = manifest["logical_digest"]
        rows = sum(t["rows"] for t in digest["tables"].values())
        self.stdout.write(
            f"已备份到 {options['out']}（{manifest['vendor']}，{manifest['method']}）："
            f"{len(digest['tables'])} 张表 {rows} 行，逻辑摘要 {digest['digest']}"
        )
        self.stdout.write(backup.uploads_line(manifest["uploads"]))
