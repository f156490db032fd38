from django.urls import path

from zhidu.periodic_reports import views

app_name = "periodic_reports"

urlpatterns = [
    path("", views.index, name="index"),
    path("members/<int:pk>/report/", views.record, name="record"),
    path("members/<int:pk>/check/", views.check, name="check"),
    path("members/<int:pk>/edit/", views.member_edit, name="member-edit"),
    path("reports/<int:pk>/", views.report, name="report"),
    path("committee/", views.committee, name="committee"),
    path("branches/<int:pk>/report/", views.branch_report, name="branch-report"),
    path("branches/check/", views.branch_check, name="branch-check"),
    path("branch-reports/<int:pk>/", views.branch_detail, name="branch-detail"),
    path("roster/", views.roster, name="roster"),
]
