"""The outbox page (issue 16): every message that left or waits to leave the township, filtered by
state and channel, with the provider's answer; a failed one is sent again from here (audited)."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zhidu.core.access import get_scoped, requires, scoped
from zhidu.notifications import services
from zhidu.notifications.models import Channel, Notification


@requires("notifications.outbox")
def outbox(request):
    state = request.GET.get("state", "")
    channel = request.GET.get("channel", "")
    rows = scoped(Notification.objects, request).select_related("recipient")
    if state in Notification.State.values:
        rows = rows.filter(state=state)
    if channel in Channel.values:
        rows = rows.filter(channel=channel)
    page = Paginator(rows.order_by("-created_at", "-pk"), 50).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "state": state,
        "channel": channel,
        "states": Notification.State.choices,
        "channels": Channel.choices,
    }
    return render(request, "notifications/outbox.html", context)


@require_POST
@requires("notifications.retry")
def retry(request, pk: int):
    notification = get_scoped(Notification.objects, request, pk=pk)
    if services.retry(notification, user=request.user):
        messages.success(request, _("The notification will be sent again."))
    else:
        messages.info(request, _("This notification is no longer failed."))
    return redirect("notifications:outbox")
