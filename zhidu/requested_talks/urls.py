from django.urls import path  # noqa: F401

app_name = "requested_talks"

urlpatterns: list = []
