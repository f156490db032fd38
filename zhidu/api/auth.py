"""Who is calling the API: the web application's own session (htmx), or a system holding a bearer
token. Either way the request then carries `request.user`, `request.person` and `request.township`
exactly as `zhidu.core.middleware.TownshipMiddleware` puts them on a page request, and the
permission matrix decides the rest.

Tokens (no table: the project adds no model for them) are Django signed values:
`TimestampSigner(salt="zhidu.api")` over `"<user id>:<fingerprint>"`, where the fingerprint is an
HMAC of the user's password hash. A token therefore

1. expires after `settings.ZHIDU_API_TOKEN_SECONDS` (default 30 days) from its issue;
2. dies when the account's password changes (or `set_unusable_password()` is called again), when the
   account is deactivated, or when `SECRET_KEY` rotates (every token at once);
3. reads with the holder's own roles and township: give a system its own account (a person of the
   party office, the organization office, …), never a personal one.

Issue one from a shell (there is no management command: it would live outside this package):

    zhidu shell -c "from django.contrib.auth import get_user_model; \\
        from zhidu.api.auth import issue_token; \\
        print(issue_token(get_user_model().objects.get(username='zuzhiban-system')))"

and send it as `Authorization: Bearer <token>`.
"""

from __future__ import annotations

from functools import wraps

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.http import JsonResponse
from django.utils.crypto import constant_time_compare, salted_hmac
from ninja.errors import AuthenticationError
from ninja.security import HttpBearer, SessionAuth

from zhidu.core.middleware import attach_acting_person
from zhidu.core.permissions import allowed

SALT = "zhidu.api"
DEFAULT_MAX_AGE = 30 * 24 * 3600
ACTION = "meetings.view"  # every endpoint of this API reads decisions: the web's own action
MESSAGES = {
    401: "未登录或令牌无效：请登录，或以 Authorization: Bearer <令牌> 访问（Not authenticated）",
    403: "无权查看会议与议题：仅班子成员、党办、组织办、纪委等可查看（Forbidden: meetings.view）",
    "no-township": "当前账号未关联乡镇，无法查看会议与议题（No township for this account）",
}


def max_age() -> int:
    return int(getattr(settings, "ZHIDU_API_TOKEN_SECONDS", DEFAULT_MAX_AGE))


def _fingerprint(user) -> str:
    return salted_hmac(SALT, user.password or "", algorithm="sha256").hexdigest()[:20]


def issue_token(user) -> str:
    """A bearer token for `user`, valid for `max_age()` seconds (see the module's docstring)."""
    return signing.TimestampSigner(salt=SALT).sign(f"{user.pk}:{_fingerprint(user)}")


def user_for_token(token: str):
    """The active user the token was issued to, or None (tampered, expired, revoked, malformed)."""
    try:
        value = signing.TimestampSigner(salt=SALT).unsign(token, max_age=max_age())
    except (signing.BadSignature, ValueError):  # SignatureExpired is a BadSignature
        return None
    pk, _, fingerprint = value.partition(":")
    if not pk.isdigit():
        return None
    user = get_user_model().objects.filter(pk=int(pk), is_active=True).first()
    if user is None or not constant_time_compare(fingerprint, _fingerprint(user)):
        return None
    return user


def attach_person(request, user) -> None:
    """Put the token's user, person and township on the request as TownshipMiddleware does for a
    session; a token reads its holder's own township (the county view's switch is a web-session
    feature)."""
    attach_acting_person(request, user)


class BearerAuth(HttpBearer):
    """`Authorization: Bearer <token>` from `issue_token`. A Bearer header that does not verify is
    refused outright (401), never silently replaced by a session cookie sent alongside."""

    def authenticate(self, request, token):
        user = user_for_token(token.strip())
        if user is None:
            raise AuthenticationError(401, MESSAGES[401])
        attach_person(request, user)
        return user


class WebSession(SessionAuth):
    """The web application's own session cookie (htmx partials). Only safe methods exist here, so
    Django's CSRF check, which ninja runs for cookie auth, always passes."""

    def authenticate(self, request, key):
        user = super().authenticate(request, key)
        if user is not None and not hasattr(request, "township"):
            attach_person(request, user)  # a request that skipped the middleware (tests, scripts)
        return user


AUTH = [BearerAuth(), WebSession()]


def authenticate(request):
    """The calling user by the same two means, for the views outside ninja's operations (the
    OpenAPI document and the docs page), or None."""
    for method in AUTH:
        try:
            user = method(request)
        except AuthenticationError:
            return None
        if user:
            return user
    return None


def refusal(request) -> str | None:
    """Why the authenticated caller may not read (a Chinese message), or None if they may."""
    if not allowed(request.user, ACTION):
        return MESSAGES[403]
    if getattr(request, "township", None) is None:
        return MESSAGES["no-township"]
    return None


def guard(view):
    """The same authentication and permission for a plain Django view of the API (the docs, the
    OpenAPI document, the root): 401/403 as JSON with the Chinese message."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if authenticate(request) is None:
            response = _json({"detail": MESSAGES[401]}, 401)
            response["WWW-Authenticate"] = 'Bearer realm="zhidu"'
            return response
        problem = refusal(request)
        if problem is not None:
            return _json({"detail": problem}, 403)
        return view(request, *args, **kwargs)

    wrapper.zhidu_action = ACTION  # read by the permission matrix test
    return wrapper


def _json(data, status: int) -> JsonResponse:
    return JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})
