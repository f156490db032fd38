from django.db import migrations, models
from django.db.models import Q
from django.utils import timezone


def mark_recorded(apps, schema_editor):
    """Entries already recorded (or of closed meetings) keep their recusals as the clerk ticked them:
    only an entry never saved proposes the declared conflicts as recusals."""
    AgendaEntry = apps.get_model("meetings", "AgendaEntry")
    AgendaEntry.objects.filter(
        Q(meeting__state="closed")
        | ~Q(vote_method="")
        | ~Q(discussion="")
        | ~Q(resolution="")
        | Q(deferred=True)
        | Q(conflicts__recused=True)
    ).update(recorded_at=timezone.now())


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0007_minutes_prefix"),
    ]

    operations = [
        migrations.AddField(
            model_name="agendaentry",
            name="recorded_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="recorded at"),
        ),
        migrations.RunPython(mark_recorded, migrations.RunPython.noop),
    ]
