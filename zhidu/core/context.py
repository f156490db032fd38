from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from zhidu.core.permissions import allowed

NAVIGATION = [
    ("duties", _("My duties"), "duties.view"),
    ("compliance", _("Compliance"), "compliance.view"),
    ("organization", _("Organization"), "organization.view"),
    ("calendar", _("Working days"), "calendar.view"),
    ("audit", _("Audit trail"), "audit.view"),
]


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav": []}
    items = [
        {
            "url": reverse(name),
            "label": label,
            "active": request.resolver_match and request.resolver_match.url_name == name,
        }
        for name, label, action in NAVIGATION
        if allowed(user, action)
    ]
    return {"nav": items}
