from django.urls import path  # noqa: F401

app_name = "daily_logs"

urlpatterns: list = []
