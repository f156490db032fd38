"""`zhidu reindex [--township CODE]`: rebuild the search index (the published pages and the staff
archive) of one township, or of every township. An unknown township: exit status 2, one Chinese
line, no traceback."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from zhidu.org.models import Township
from zhidu.search import archive, index


class Command(BaseCommand):
    help = "Rebuild the search index of one township (--township CODE) or of every township."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--township", default=None, help="the township's code (e.g. zhacun)")

    def handle(self, *args: Any, township: str | None = None, **options: Any) -> None:
        if township is not None:
            code = township.strip()
            towns = list(Township.objects.filter(code=code)) if code else []
            if not towns:
                raise CommandError(f"没有代码为“{township}”的乡镇", returncode=2)
        else:
            towns = list(Township.objects.order_by("pk"))
        counts = archive.reindex(towns)
        pages = counts.pop(index.ARTICLE, 0)
        records = sum(counts.values())
        names = "、".join(t.name for t in towns) or "（无乡镇）"
        self.stdout.write(f"已重建索引：{names}，公开页面 {pages} 篇，档案记录 {records} 条")
