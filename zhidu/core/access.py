"""One access helper for views: a permission from the matrix, then the object of the user's
township or 404 (never 403 for another township's row: its existence is not disclosed)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from zhidu.core.permissions import allowed

_View = TypeVar("_View", bound=Callable[..., Any])


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


def scoped(queryset, request):
    if request.township is None:
        raise Http404
    return queryset.filter(township=request.township)


def get_scoped(queryset, request, **lookup):
    return get_object_or_404(scoped(queryset, request), **lookup)


def require_action(request, action: str) -> None:
    if not allowed(request.user, action):
        raise PermissionDenied(action)
