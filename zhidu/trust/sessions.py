"""Sessions on several application servers (issue 18, README "Several application servers").

By default sessions are rows in the database (Django's `db` engine): every server reads the same
rows, and nothing else is needed. With ZHIDU_REDIS_URL set, settings.py chooses this engine: Django's
`cached_db` (the row stays the truth, Redis keeps a copy every server reads first, saving the
session query of each request), made safe for a Redis that stops answering:

- Reading: a session Redis cannot give is read from its row, and the copy is not written back while
  Redis fails (Django's `load` lets that write's error through: every page would fail). Pages keep
  working on the rows alone.
- Writing: the row first, then the copy (Django's `save` logs a copy it could not write). A copy
  left behind is older than the row: the user may be asked for the second factor again, or their
  idle clock reads earlier; never more access than the row gives.
- Ending (log-out, the idle time-out, a log-in as another user): Redis must forget the copy first,
  else `SessionCacheUnavailable` and the row stays too. Deleting only the row would leave a copy
  that every server still believes as soon as Redis answers again (a network cut rather than a
  restart): the cookie of a user who logged out would work again. So a log-out during an outage
  is refused with a 503 page saying why (`unavailable`), and the user is still signed in.
- A new key (the log-in's `cycle_key`): the previous key's copy is forgotten when Redis answers;
  when it does not, that copy holds only what the new session holds, under a key the browser no
  longer sends.
"""

from __future__ import annotations

import logging

from django.contrib.sessions.backends import cached_db
from django.contrib.sessions.backends.db import SessionStore as DBStore
from django.shortcuts import render

log = logging.getLogger(__name__)


class SessionCacheUnavailable(Exception):
    """Redis (ZHIDU_REDIS_URL) did not forget a session that is being ended."""


class SessionStore(cached_db.SessionStore):
    _lenient_delete = False

    def load(self):
        try:
            data = self._cache.get(self.cache_key)
        except Exception:
            log.warning("session cache unreachable (ZHIDU_REDIS_URL): reading the session row", exc_info=True)
            return self._load_row(write_copy=False)
        if data is None:
            return self._load_row(write_copy=True)
        return data

    def _load_row(self, *, write_copy: bool) -> dict:
        row = self._get_session_from_db()  # type: ignore[attr-defined]  # (not in django-stubs)
        if not row:
            return {}
        data = self.decode(row.session_data)
        if write_copy:
            try:
                self._cache.set(self.cache_key, data, self.get_expiry_age(expiry=row.expire_date))  # type: ignore[attr-defined]
            except Exception:
                log.warning("session cache unreachable (ZHIDU_REDIS_URL): copy not written", exc_info=True)
        return data

    def exists(self, session_key):
        try:
            if session_key and (self.cache_key_prefix + session_key) in self._cache:
                return True
        except Exception:
            log.warning("session cache unreachable (ZHIDU_REDIS_URL): asking the rows", exc_info=True)
        return DBStore.exists(self, session_key)

    def delete(self, session_key=None):
        key = session_key if session_key is not None else self.session_key
        if key is not None:
            try:
                self._cache.delete(self.cache_key_prefix + key)
            except Exception as error:
                if not self._lenient_delete:
                    raise SessionCacheUnavailable(
                        "会话缓存（ZHIDU_REDIS_URL）无法访问，会话未能结束"
                    ) from error
                log.warning("session cache unreachable (ZHIDU_REDIS_URL): old key's copy kept", exc_info=True)
        DBStore.delete(self, session_key)

    def cycle_key(self):
        self._lenient_delete = True
        try:
            super().cycle_key()
        finally:
            self._lenient_delete = False


def unavailable(request):
    """HTTP 503: the session could not be ended while Redis does not answer; the user is still
    signed in and may try again."""
    response = render(request, "trust/session_unavailable.html", status=503)
    response["Retry-After"] = "60"
    return response
