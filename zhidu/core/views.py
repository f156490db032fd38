from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from zhidu.core.access import requires, scoped
from zhidu.core.models import AuditEntry
from zhidu.org.models import Township


def home(request):
    if not request.user.is_authenticated:
        return redirect("login")
    return redirect("duties")


@requires("audit.view")
def audit_log(request):
    entries = scoped(AuditEntry.objects, request).order_by("-at", "-id")[:200]
    return render(request, "core/audit.html", {"entries": entries})


@require_POST
@requires("township.switch")
def switch_township(request):
    """County view: read another township of the deployment for the rest of the session."""
    township = get_object_or_404(Township, pk=request.POST.get("township"))
    request.session["township_id"] = township.pk
    target = request.POST.get("next", "/")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "/"
    return redirect(target)
