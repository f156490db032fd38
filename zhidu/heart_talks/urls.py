from django.urls import path  # noqa: F401

app_name = "heart_talks"

urlpatterns: list = []
