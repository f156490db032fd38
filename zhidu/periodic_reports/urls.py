from django.urls import path  # noqa: F401

app_name = "periodic_reports"

urlpatterns: list = []
