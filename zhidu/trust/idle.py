"""Idle session timeout (等保 level 2: 登录连接超时自动退出). A session unused for
ZHIDU_IDLE_SECONDS (default 1800) is logged out on its next request. Place after
MessageMiddleware so the notice can be shown on the log-in page."""

from __future__ import annotations

import time

from django.contrib import messages
from django.contrib.auth import logout
from django.utils.translation import gettext as _

from zhidu.trust import conf

LAST_SEEN = "zhidu_last_seen"
# Write the session at most once a minute: not a database write on every request.
RESOLUTION = 60


class IdleTimeoutMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            last = request.session.get(LAST_SEEN)
            if last is not None and now - int(last) > conf.idle_seconds():
                logout(request)
                messages.info(
                    request, _("You were logged out after a long time without activity."), fail_silently=True
                )
            elif last is None or now - int(last) >= RESOLUTION:
                request.session[LAST_SEEN] = now
        return self.get_response(request)
