"""One access helper for views: a permission from the matrix, then the object of the user's
township or 404 (never 403 for another township's row: its existence is not disclosed)."""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from zhidu.core.permissions import allowed


def requires(action: str):
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
