"""Seed the working-day table: chinese-calendar's official years, then provisional years up to the
current year + 2 (rulebook, "Dates and deadlines"). Years after that are computed on demand."""

from django.db import migrations
from django.utils import timezone
from zoneinfo import ZoneInfo


def seed_days(apps, schema_editor):
    from zhidu.workdays.seed import seed_rows

    WorkingDay = apps.get_model("workdays", "WorkingDay")
    year = timezone.now().astimezone(ZoneInfo("Asia/Shanghai")).year
    existing = set(WorkingDay.objects.values_list("day", flat=True))
    WorkingDay.objects.bulk_create(
        [WorkingDay(**row._asdict()) for row in seed_rows(year) if row.day not in existing],
        batch_size=2000,
    )


def unseed_days(apps, schema_editor):
    apps.get_model("workdays", "WorkingDay").objects.exclude(source="notice").delete()


class Migration(migrations.Migration):
    dependencies = [("workdays", "0001_initial")]

    operations = [migrations.RunPython(seed_days, unseed_days)]
