from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from zhidu.core.permissions import allowed

NAVIGATION = [
    ("duties", _("My duties"), "duties.view"),
    ("meetings:meeting-list", _("Meetings"), "meetings.view"),
    ("meetings:item-list", _("Items"), "meetings.view"),
    ("supervision:item-list", _("Supervision"), "supervision.view"),
    ("supervision:responsibility", _("Responsibility"), "supervision.view"),
    ("ballots:index", _("Anonymous ballots"), "ballots.cast"),
    ("personal:list", _("Personal matters"), "personal.file"),
    # The areas registered by their apps (register_navigation) come here, in INSTALLED_APPS order.
    ("compliance", _("Compliance"), "compliance.view"),
    ("meetings:check-list", _("Meeting checks"), "meetings.audit"),
    ("organization", _("Organization"), "organization.view"),
    ("calendar", _("Working days"), "calendar.view"),
    ("audit", _("Audit trail"), "audit.view"),
]


_registered: list[tuple[str, object, str]] = []


def register_navigation(url_name: str, label, action: str) -> None:
    """An area's entry in the main navigation, from its app's `ready()`: shown to whoever may do
    `action` (MATRIX). Registering a URL name again replaces it (a reloaded app)."""
    _registered[:] = [entry for entry in _registered if entry[0] != url_name]
    _registered.append((url_name, label, action))


def entries() -> list[tuple[str, object, str]]:
    at = next(i for i, entry in enumerate(NAVIGATION) if entry[0] == "compliance")
    return [*NAVIGATION[:at], *_registered, *NAVIGATION[at:]]


SECOND_STEP = ("second-factor", "second-factor-enrol")


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav": []}
    if request.resolver_match and request.resolver_match.url_name in SECOND_STEP:
        return {"nav": []}  # nothing opens before the second step of log-in (zhidu.trust.twofactor)
    items = [
        {
            "url": reverse(name),
            "label": label,
            "active": request.resolver_match and request.resolver_match.view_name == name,
        }
        for name, label, action in entries()
        if allowed(user, action)
    ]
    townships = []
    if allowed(user, "township.switch"):
        from zhidu.core.access import switchable_townships

        townships = list(switchable_townships(request).order_by("name").values("pk", "name"))
    return {"nav": items, "townships": townships}
