from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from zhidu.core.access import requires, switchable_townships


def home(request):
    """A member of the public meets the township's public site (zhidu.portal), with the staff
    log-in one click away; a signed-in user their duties."""
    if not request.user.is_authenticated:
        return redirect("portal:index")
    return redirect("duties")


@require_POST
@requires("township.switch")
def switch_township(request):
    """County view: read another township of its county for the rest of the session (another
    county's is a 404, as any row out of scope)."""
    chosen = request.POST.get("township", "")
    if not (chosen.isascii() and chosen.isdigit()):  # "abc" or "²" would reach the database: a 500
        raise Http404
    township = get_object_or_404(switchable_townships(request), pk=int(chosen))
    request.session["township_id"] = township.pk
    target = request.POST.get("next", "/")
    if not target.startswith("/") or not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}
    ):
        target = "/"
    # A path, never a view name: redirect() would try to reverse "审批" and fail with a 500.
    return HttpResponseRedirect(target)
