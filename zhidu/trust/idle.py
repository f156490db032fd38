"""Idle session timeout (等保 level 2: 登录连接超时自动退出). A session unused for
ZHIDU_IDLE_SECONDS (default 1800) is logged out on its next request. Place after
MessageMiddleware so the notice can be shown on the log-in page.

It runs in `process_view`, once the view is known: a view marked `quiet_session`
(zhidu.core.access; an anonymous ballot's pages) is left alone, so that casting writes no session
row whose transaction id would sit next to the ballot's (ballots/THREATS.md). The timeout still
applies on the next ordinary page."""

from __future__ import annotations

import time

from django.contrib import messages
from django.contrib.auth import logout
from django.db import transaction
from django.utils.translation import gettext as _

from zhidu.core.audit import record
from zhidu.trust import conf
from zhidu.trust.sessions import SessionCacheUnavailable, unavailable

LAST_SEEN = "zhidu_last_seen"
# Write the session at most once a minute: not a database write on every request. So the last-seen
# stored may be up to RESOLUTION - 1 seconds older than the last request: the timeout counts from it
# plus RESOLUTION, so that an active user is never logged out (issue 17), and an idle one is logged
# out between ZHIDU_IDLE_SECONDS and a minute later.
RESOLUTION = 60


class IdleTimeoutMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if getattr(view_func, "zhidu_quiet_session", False):
            return None
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            last = request.session.get(LAST_SEEN)
            if last is not None and now - int(last) > conf.idle_seconds() + RESOLUTION:
                person = getattr(user, "person", None)
                try:
                    with transaction.atomic():  # a log-out refused leaves no entry
                        record(
                            user, "logout.idle", township=getattr(person, "township", None), request=request
                        )
                        logout(request)
                except SessionCacheUnavailable:  # Redis cannot forget it: no page until it can
                    return unavailable(request)
                messages.info(
                    request, _("You were logged out after a long time without activity."), fail_silently=True
                )
            elif last is None or now - int(last) >= RESOLUTION:
                request.session[LAST_SEEN] = now
        return None
