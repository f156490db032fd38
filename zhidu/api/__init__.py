"""The read-only HTTP API for other government systems (django-ninja; OpenAPI at /api/openapi.json,
docs at /api/docs). A package, not a Django app: it owns no models.

Wiring:
- zhidu/urls.py: `from zhidu.api import api` and `path("api/", api.urls)`.
- zhidu/core/permissions.py MATRIX (optional; until then zhidu.api.common.CONFIDENTIAL_ROLES applies):
  `"meetings.view_confidential": frozenset({R.PRINCIPAL, R.ORGANIZATION_OFFICE, R.DISCIPLINE}),`
- settings (optional): `ZHIDU_API_TOKEN_SECONDS = env_int("ZHIDU_API_TOKEN_SECONDS", 30 * 86400, minimum=300)`.
"""

from zhidu.api.main import api

__all__ = ["api"]
