"""`zhidu checkpoint [--out FILE]`: a signed checkpoint {chains: {name: {count, root}}, count, root,
hash_algorithm, signed_at, signature} of the verified chains (one per township), to hand to an outside witness (the county, a printed register).
Later, `zhidu verify --against FILE` shows the chain was neither truncated nor rewritten."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

from django.core.management.base import CommandError
from django.utils import timezone

from zhidu.trust import ledger
from zhidu.trust.commandline import TrustCommand


class Command(TrustCommand):
    help = "导出已校验哈希链的签名检查点，交外部见证方保存"

    def add_arguments(self, parser):
        parser.add_argument("--out", metavar="FILE", help="写入文件（默认输出到屏幕）")

    def handle(self, *args, **options):
        result = ledger.verify_database()
        if not result.ok:
            raise CommandError(f"拒绝签发检查点：{result.message}", returncode=1)
        checkpoint = ledger.make_checkpoint(
            ledger.tips(), timezone.now().astimezone(datetime.timezone.utc).isoformat()
        )
        count, root = checkpoint["count"], checkpoint["root"]
        text = json.dumps(checkpoint, ensure_ascii=False, indent=2)
        if not options["out"]:
            self.stdout.write(text)
            return
        out = Path(options["out"])
        if not out.parent.is_dir():
            raise CommandError(f"目录 {out.parent} 不存在", returncode=2)
        out.write_text(text + "\n", encoding="utf-8")
        self.stdout.write(f"检查点已写入 {out}：共 {count} 条，根哈希 {root}")
