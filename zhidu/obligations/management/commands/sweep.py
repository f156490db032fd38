from django.core.management.base import BaseCommand, CommandParser

from zhidu.obligations import jobs


class Command(BaseCommand):
    help = (
        "定时任务：开立周期性事项，把逾期未办的事项标记为逾期并提醒本人、再提醒其领导。"
        "可重复运行，可多台服务器同时运行。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="只统计，不修改（在回滚的事务中试运行）")

    def handle(self, *args: object, dry_run: bool = False, verbosity: int = 1, **options: object) -> None:
        # The same job as the embedded scheduler (zhidu.obligations.jobs): generate → sweep → deliver.
        result = jobs.run(dry_run=dry_run)
        if result.skipped:
            self.stdout.write("另一台服务器正在运行定时任务，本次跳过")
            return
        prefix = "（试运行）" if dry_run else ""
        if verbosity > 1:
            for name, opened in result.opened.items():
                self.stdout.write(f"{prefix}{name}：新开事项 {opened} 项")
        swept = result.sweep
        self.stdout.write(
            f"{prefix}新开事项 {result.opened_total} 项，标记逾期 {swept.marked_overdue} 项，"
            f"升级提醒 {swept.escalated} 项，临期提醒 {swept.due_soon} 项，发出提醒 {result.delivered} 条"
        )
