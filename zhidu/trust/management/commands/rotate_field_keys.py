"""`zhidu rotate_field_keys [--batch N]`: re-encrypt every sealed column (zhidu.trust.sealing) under
the current key, the first of ZHIDU_FIELD_KEYS. Put the new key first and keep the old ones after
it, run this, then drop the old keys. Batches commit one by one, so an interrupted run keeps its
progress and a second run only touches what is left. Exit 2 with one Chinese line when a key is
missing or the key setting is invalid; the run is audited."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import CommandError, CommandParser

from zhidu.core import audit
from zhidu.trust import sealing
from zhidu.trust.commandline import TrustCommand


class Command(TrustCommand):
    help = "用当前密钥重新加密所有加密字段（密钥轮换），可重复执行"
    # A bad ZHIDU_FIELD_KEYS is reported here as one line (exit 2), not as the system check's report.
    requires_system_checks = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--batch", type=int, default=500, help="每批处理的行数（默认 500）")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["batch"] < 1:
            raise CommandError("参数错误：--batch 须为正整数", returncode=2)
        try:
            ring = sealing.key_ring()
        except ImproperlyConfigured as error:
            raise CommandError(str(error), returncode=2) from None
        totals: dict[str, list[int]] = {}
        try:
            for model, field in sealing.sealed_columns():
                table, column = field.place
                totals[f"{table}.{column}"] = list(
                    sealing.reseal_column(model, field, ring, options["batch"])
                )
        except sealing.SealingError as error:
            done = sum(c for _, c in totals.values())
            audit.record(None, "sealing.rotate_failed", summary=str(error), key=ring.current, resealed=done)
            raise CommandError(f"{error}；已完成的批次保留，补齐密钥后可重新执行", returncode=2) from None
        resealed = sum(c for _, c in totals.values())
        audit.record(
            None,
            "sealing.rotate",
            summary=f"加密字段密钥轮换：{resealed} 项改用密钥 {ring.current}",
            key=ring.current,
            columns=totals,
        )
        for place, (seen, changed) in totals.items():
            self.stdout.write(f"{place}：共 {seen} 行，重新加密 {changed} 行")
        self.stdout.write(f"完成：当前密钥 {ring.current}，重新加密 {resealed} 项")
