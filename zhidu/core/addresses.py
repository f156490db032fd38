"""The client's address for the audit trail ("from which address", issue 6).

Which address to believe (REMOTE_ADDR, or behind our own proxies the first untrusted hop of
X-Forwarded-For) is trust's rule, zhidu.trust.clientaddr. Core sits below trust and must not import
it, so trust installs its resolver here from its ready(); core asks through `client_address`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ImproperlyConfigured

_resolver: list[Callable[[Any], str | None]] = []


def install(resolve: Callable[[Any], str | None]) -> None:
    _resolver[:] = [resolve]


def client_address(request: Any) -> str | None:
    """None without a request (a command, the scheduler). Never a guess: with a request and no
    resolver installed (zhidu.trust missing from INSTALLED_APPS) it refuses loudly."""
    if request is None:
        return None
    if not _resolver:
        raise ImproperlyConfigured(
            "zhidu.trust must be installed: it decides which client address to believe"
        )
    return _resolver[0](request)
