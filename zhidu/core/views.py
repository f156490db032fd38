from django.shortcuts import redirect, render

from zhidu.core.access import requires, scoped
from zhidu.core.models import AuditEntry


def home(request):
    if not request.user.is_authenticated:
        return redirect("login")
    return redirect("duties")


@requires("audit.view")
def audit_log(request):
    entries = scoped(AuditEntry.objects, request).order_by("-at", "-id")[:200]
    return render(request, "core/audit.html", {"entries": entries})
