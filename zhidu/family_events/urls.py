from django.urls import path  # noqa: F401

app_name = "family_events"

urlpatterns: list = []
