"""The session of a member of the public: its own signed cookie, never Django's session and never
request.user. A public account therefore holds no role and reaches no staff page: `@requires` reads
request.user only, and this cookie means nothing to it. A staff member signed in on the same browser
keeps both, separately.

The cookie holds the account's id and its `session_epoch`, signed (Django's signing, its own salt)
and valid for MAX_AGE; signing out raises the epoch, which voids every cookie issued before, on
every device. HttpOnly, SameSite=Lax, Secure when the site's cookies are."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.core import signing

from zhidu.portal.models import PublicAccount

if TYPE_CHECKING:
    from django.http import HttpRequest, HttpResponse

COOKIE = "zhidu_public"
SALT = "zhidu.portal.public_session"
MAX_AGE = 30 * 24 * 3600  # a month: a member of the public comments now and then
CACHE = "_zhidu_public_account"


def current(request: HttpRequest, township_id: int | None = None) -> PublicAccount | None:
    """The signed-in member of the public (of `township_id` when given), or None."""
    if not hasattr(request, CACHE):
        account = None
        try:
            value = request.get_signed_cookie(COOKIE, salt=SALT, max_age=MAX_AGE)
        except (KeyError, signing.BadSignature):
            value = None
        if value:
            pk, _sep, epoch = value.partition(":")
            if pk.isdigit() and epoch.isdigit():
                account = PublicAccount.objects.filter(pk=int(pk), session_epoch=int(epoch)).first()
        setattr(request, CACHE, account)
    account = getattr(request, CACHE)
    if account is not None and township_id is not None and account.township_id != township_id:
        return None
    return account


def start(response: HttpResponse, account: PublicAccount) -> None:
    response.set_signed_cookie(
        COOKIE,
        f"{account.pk}:{account.session_epoch}",
        salt=SALT,
        max_age=MAX_AGE,
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )


def end(response: HttpResponse) -> None:
    response.delete_cookie(COOKIE, samesite="Lax")
