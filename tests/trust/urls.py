"""Kept for the tests that name it: zhidu.urls itself now serves the lockout log-in form."""

from zhidu.urls import urlpatterns  # noqa: F401
