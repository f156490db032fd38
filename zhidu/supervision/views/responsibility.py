"""R5/R6: who answers for each area of work, the leaders' contact points and the year's
target-responsibility letters; read by everyone who may see supervision, edited in the admin."""

from __future__ import annotations

from django.shortcuts import render
from django.utils import timezone

from zhidu.core.access import requires
from zhidu.core.permissions import Role
from zhidu.supervision import responsibility
from zhidu.supervision.views.common import _roles


@requires("supervision.view")
def responsibility_page(request):
    today = timezone.localdate()
    return render(
        request,
        "supervision/responsibility.html",
        {
            "today": today,
            "areas": responsibility.matrix_on(request.township, today),
            "contact_points": responsibility.contact_points_on(request.township, today),
            "letters": list(responsibility.letters_of(request.township, today.year)),
            "can_edit": Role.ADMINISTRATOR in _roles(request),
        },
    )
