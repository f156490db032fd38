"""`zhidu restore DIR [--force]`: checks the manifest (signature, every file's SHA-256) before
touching the database, restores, then shows the data equals the source's (logical digest) and the
chain verifies against the checkpoint taken with the backup."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import CommandError

from zhidu.trust import backup
from zhidu.trust.commandline import TrustCommand


class Command(TrustCommand):
    help = "从备份目录恢复数据库（先校验清单；数据库须为空，或加 --force 覆盖）"

    def add_arguments(self, parser):
        parser.add_argument("folder", metavar="DIR", help="zhidu backup 生成的目录")
        parser.add_argument("--force", action="store_true", help="覆盖非空的数据库")

    def handle(self, *args, **options):
        try:
            manifest, verdict = backup.restore(Path(options["folder"]), force=options["force"])
        except backup.BackupError as error:
            raise CommandError(str(error), returncode=error.code) from None
        self.stdout.write(
            f"已从 {options['folder']} 恢复（{manifest['method']}）：逻辑摘要一致 {manifest['logical_digest']['digest']}；"
            f"{verdict.line()}"
        )
        if line := backup.uploads_line(manifest.get("uploads")):  # backups before 2026-12 do not say
            self.stdout.write(line)
