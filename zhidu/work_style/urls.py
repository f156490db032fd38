from django.urls import path  # noqa: F401

app_name = "work_style"

urlpatterns: list = []
