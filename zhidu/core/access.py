"""One access helper for views: a permission from the matrix, then the object of the user's
township or 404 (never 403 for another township's row: its existence is not disclosed)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import TYPE_CHECKING, Any, TypeAlias, TypeVar

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from zhidu.core.permissions import allowed

if TYPE_CHECKING:
    from django_htmx.middleware import HtmxDetails

    from zhidu.org.models import Person, Township

_View = TypeVar("_View", bound=Callable[..., Any])
_Model = TypeVar("_Model", bound=models.Model)
# A manager or a queryset of one model: the views pass either.
_Rows: TypeAlias = "models.QuerySet[_Model] | models.Manager[_Model]"


class ZhiduRequest(HttpRequest):
    """The request a Zhidu view receives, for annotations only (never instantiated): what the
    middleware puts on every request (zhidu.core.middleware, django_htmx) beside Django's own."""

    person: Person | None
    township: Township | None
    htmx: HtmxDetails


# What the county view may still post while it reads another township: choosing the township, and
# keeping its own unsent text (zhidu.drafts).
READING_POSTS = frozenset({"township.switch", "drafts.keep"})


def reading_elsewhere(request: HttpRequest) -> bool:
    """The county view reading a township other than its own (issue 18): read-only there."""
    person = getattr(request, "person", None)
    township = getattr(request, "township", None)
    user = getattr(request, "user", None)
    return (
        person is not None
        and township is not None
        and township.pk != person.township_id
        and not getattr(user, "is_superuser", False)
    )


def requires(action: str) -> Callable[[_View], _View]:
    def decorator(view):
        @login_required
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not allowed(request.user, action):
                raise PermissionDenied(action)
            if request.township is None:
                raise PermissionDenied("no township")
            if (
                request.method not in ("GET", "HEAD", "OPTIONS")
                and action not in READING_POSTS
                and reading_elsewhere(request)
            ):
                # Issue 18: the county reads its townships; each township's committee writes its
                # own records (the entry points refuse it too: zhidu.core.permissions.acts_in).
                raise PermissionDenied(f"{action}: the county view reads only")
            return view(request, *args, **kwargs)

        wrapper.zhidu_action = action  # read by the permission matrix test
        return wrapper

    return decorator


def public(view: _View) -> _View:
    """A page anyone may open without logging in: it carries its own credential (an anonymous
    ballot's one-time code) or shows only public records. The access crawl reads the mark."""
    view.zhidu_public = True  # type: ignore[attr-defined]
    return view


def quiet_session(view: _View) -> _View:
    """The request writes nothing to the session, not even the idle timeout's last-seen
    (zhidu.trust.idle): an anonymous ballot's pages, where a session row's transaction id would
    date the voter's request beside their ballot (ballots/THREATS.md)."""
    view.zhidu_quiet_session = True  # type: ignore[attr-defined]
    return view


def scoped(queryset: _Rows[_Model], request: ZhiduRequest) -> models.QuerySet[_Model]:
    if request.township is None:
        raise Http404
    return queryset.filter(township=request.township)


def get_scoped(queryset: _Rows[_Model], request: ZhiduRequest, **lookup: Any) -> _Model:
    return get_object_or_404(scoped(queryset, request), **lookup)


def switchable_townships(request: HttpRequest) -> models.QuerySet[Township]:
    """The townships the user may choose to read (township.switch): every township for the county
    administrator, the townships of its own county for the county view (issue 18)."""
    from zhidu.org.models import Township

    townships = Township.objects.all()
    if getattr(request.user, "is_superuser", False):
        return townships
    person = getattr(request, "person", None)
    if person is None:
        return townships.none()
    return townships.filter(county=person.township.county)


def require_action(request, action: str) -> None:
    if not allowed(request.user, action):
        raise PermissionDenied(action)
