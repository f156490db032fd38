"""The read-only HTTP API for other government systems (django-ninja; OpenAPI at /api/openapi.json,
docs at /api/docs). A package, not a Django app: it owns no models.

Wiring (zhidu/urls.py): `from zhidu.api import api` and `path("api/", api.urls)`.
"""

from zhidu.api.main import api

__all__ = ["api"]
