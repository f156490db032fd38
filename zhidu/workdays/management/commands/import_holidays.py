"""`zhidu import_holidays FILE.json [--dry-run]`: enter a State Council holiday notice from a file
(format: services.parse_notice). A bad file: exit status 2, one Chinese line, no traceback."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from zhidu.workdays import services


class Command(BaseCommand):
    help = "Enter a State Council holiday notice from a JSON file (services.parse_notice)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="JSON file of the notice")
        parser.add_argument("--dry-run", action="store_true", help="check the file, change nothing")

    def handle(self, *args: Any, file: str, dry_run: bool = False, **options: Any) -> None:
        try:
            with open(file, encoding="utf-8") as f:
                text = f.read()
        except OSError as e:
            raise CommandError(f"无法读取文件 {file}：{e.strerror or e}", returncode=2) from None
        except UnicodeDecodeError:
            raise CommandError(f"文件 {file} 不是 UTF-8 编码的文本", returncode=2) from None
        try:
            data = services.parse_notice(text)
            rows = services.validate_notice(data.year, data.title, data.holidays, data.adjusted_workdays)
            if not dry_run:
                services.enter_notice_data(data)
        except services.NoticeError as e:
            raise CommandError(f"{file}：{e}", returncode=2) from None
        off = sum(1 for r in rows if not r.is_workday and r.kind == "holiday")
        adjusted = sum(1 for r in rows if r.kind == "adjusted_workday")
        verb = "检查通过（未写入）" if dry_run else "已录入"
        self.stdout.write(f"{verb}：{data.title}（{data.year} 年，放假 {off} 天，调休上班 {adjusted} 天）")
