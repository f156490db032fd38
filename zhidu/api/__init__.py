"""The read-only HTTP API for other government systems (django-ninja; OpenAPI at /api/openapi.json,
docs at /api/docs). A package, not a Django app: it owns no models.

Wiring:
- zhidu/urls.py: `from zhidu.api import api` and `path("api/", api.urls)`.
- zhidu/core/permissions.py MATRIX: `meetings.view` to read, `meetings.view_confidential` for the
  confidential personnel items in full (R1§9).
- settings (optional): `ZHIDU_API_TOKEN_SECONDS = env_int("ZHIDU_API_TOKEN_SECONDS", 30 * 86400, minimum=300)`.
"""

from zhidu.api.main import api

__all__ = ["api"]
