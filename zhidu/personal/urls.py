from django.urls import path

from zhidu.personal import views

app_name = "personal"

urlpatterns = [
    path("", views.report_list, name="list"),
    path("new/", views.report_new, name="new"),
    path("request/", views.report_request, name="request"),
    path("<int:pk>/", views.report_detail, name="detail"),
    path("<int:pk>/file/", views.report_file, name="file"),
    path("<int:pk>/flag/", views.report_flag, name="flag"),
]
