from django.core.management.base import BaseCommand

from zhidu.obligations import services


class Command(BaseCommand):
    help = "到期扫描：把逾期未办的事项标记为逾期并提醒本人、再提醒其领导。可重复运行。"

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="只统计，不修改")

    def handle(self, *args, dry_run=False, **options):
        result = services.sweep(dry_run=dry_run)
        delivered = 0 if dry_run else services.deliver_reminders()
        prefix = "（试运行）" if dry_run else ""
        self.stdout.write(
            f"{prefix}标记逾期 {result.marked_overdue} 项，升级提醒 {result.escalated} 项，"
            f"临期提醒 {result.due_soon} 项，发出提醒 {delivered} 条"
        )
