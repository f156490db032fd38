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


def requires(action: str) -> Callable[[_View], _View]:
    def decorator(view):
        @login_required
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not allowed(request.user, action):
                raise PermissionDenied(action)
            if request.township is None:
                raise PermissionDenied("no township")
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


def require_action(request, action: str) -> None:
    if not allowed(request.user, action):
        raise PermissionDenied(action)
