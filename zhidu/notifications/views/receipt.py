"""The receipt link of a message (a meeting's notice, R1§7(2)): opening it records the receipt.
No log-in: the signed token is the credential (zhidu.notifications.outbox.receipt_token)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from zhidu.core.access import public
from zhidu.notifications import services


@public
@never_cache
def receipt(request, token: str):
    try:
        notification = services.confirm_receipt(token)
    except PermissionDenied:
        return render(request, "notifications/receipt.html", {"refused": True}, status=403)
    status = 200 if notification is not None else 404
    return render(request, "notifications/receipt.html", {"notification": notification}, status=status)
