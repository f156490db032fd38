"""The request being served, for code that is not handed it: `zhidu.core.audit.record` takes the
client's address from here when a caller passes no request, so every entry point's audit entry says
"from where" (issue 6) without each one threading the request through, and the admin's LogEntry
receiver (zhidu.core.admin_audit) finds the request the signal does not carry.

Set by `RequestContextMiddleware` for the length of one request; outside a request (a command, the
scheduler, a shell) there is none, and the address is empty. The acting user is read from the
request when asked (`current_user`), not when the middleware runs: an API token authenticates the
user later, inside the endpoint (zhidu.api.auth)."""

from __future__ import annotations

import contextvars

from zhidu.core.addresses import client_address

_request: contextvars.ContextVar = contextvars.ContextVar("zhidu_request", default=None)


class RequestContextMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Resolved once, here: REMOTE_ADDR or the first untrusted X-Forwarded-For hop (zhidu.trust.clientaddr).
        request.zhidu_address = client_address(request)
        token = _request.set(request)
        try:
            return self.get_response(request)
        finally:
            _request.reset(token)


def current_request():
    return _request.get()


def current_address() -> str | None:
    request = _request.get()
    if request is None:
        return None
    address = getattr(request, "zhidu_address", None)
    return address if address is not None else client_address(request)


def current_user():
    request = _request.get()
    return getattr(request, "user", None) if request is not None else None
