"""`zhidu verify [--against CHECKPOINT.json]`: recompute the chain of audit entries and archived
records. Exit 0 intact, 1 tampered (one line naming the first bad entry), 2 bad arguments."""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import CommandError

from zhidu.trust import chain, conf, ledger
from zhidu.trust.commandline import TrustCommand


def load_checkpoint(path: str) -> dict:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise CommandError(f"检查点文件 {path} 不存在", returncode=2) from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        raise CommandError(f"检查点文件 {path} 无法读取或不是 JSON", returncode=2) from None
    try:
        return chain.read_checkpoint(data, conf.checkpoint_keys())
    except chain.BadCheckpoint as error:
        raise CommandError(f"检查点文件 {path} 无效：{error}", returncode=2) from None


class Command(TrustCommand):
    help = "校验审计记录与归档记录的哈希链（可对照外部保存的检查点）"

    def add_arguments(self, parser):
        parser.add_argument("--against", metavar="CHECKPOINT", help="外部保存的检查点 JSON 文件")

    def handle(self, *args, **options):
        against = load_checkpoint(options["against"]) if options["against"] else None
        result = ledger.verify_database(options.get("database") or "default", against=against)
        if not result.ok:
            raise CommandError(result.line(), returncode=1)
        suffix = f"；与检查点（{against['signed_at']}，{against['count']} 条）一致" if against else ""
        self.stdout.write(result.line() + suffix)
