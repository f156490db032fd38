"""`{% deliveries record %}`: how a record's messages went out and who confirmed receipt (a
meeting's page shows its notice's delivery, R1§7(2)), for any area, by the record's type and id."""

from __future__ import annotations

from django import template

from zhidu.notifications.models import Notification

register = template.Library()


@register.inclusion_tag("notifications/_deliveries.html")
def deliveries(record, topic: str = ""):
    rows = Notification.objects.filter(
        township_id=record.township_id, target_type=record._meta.label_lower, target_id=str(record.pk)
    )
    if topic:
        rows = rows.filter(topic=topic)
    return {"rows": list(rows.select_related("recipient").order_by("recipient__name", "created_at", "pk"))}
