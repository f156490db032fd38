from django.urls import path

from zhidu.life_meetings import views

app_name = "life_meetings"

urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.meeting_new, name="new"),
    path("check/", views.meeting_check, name="check"),
    path("postpone/", views.postpone, name="postpone"),
    path("postpone/check/", views.postpone_check, name="postpone-check"),
    path("postponements/<int:pk>/approve/", views.approve, name="approve"),
    path("compliance/", views.compliance_page, name="compliance"),
    path("compliance/present/", views.compliance_present, name="compliance-present"),
    path("compliance/document/", views.compliance_docx, name="compliance-docx"),
    path("compliance/document.pdf", views.compliance_docx, {"pdf": True}, name="compliance-pdf"),
    path("measures/<int:pk>/", views.measure_detail, name="measure"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/opinions/", views.opinion, name="opinion"),
    path("<int:pk>/speech/", views.speech, name="speech"),
    path("<int:pk>/hold/", views.hold, name="hold"),
    path("<int:pk>/measures/new/", views.measure_new, name="measure-new"),
    path("<int:pk>/measures/check/", views.measure_check, name="measure-check"),
    path("<int:pk>/measures/confirm/", views.confirm_measures, name="confirm-measures"),
    path("<int:pk>/report/", views.report, name="report"),
    path("<int:pk>/feedback/", views.feedback, name="feedback"),
    path("<int:pk>/feedback/publish/", views.publish_feedback, name="publish-feedback"),  # R13§8
]
