from django.urls import path

from zhidu.self_reports.views import document, meeting, reports

app_name = "self_reports"

urlpatterns = [
    path("", reports.index, name="index"),
    path("start/", reports.start, name="start"),
    path("<int:pk>/", reports.report_page, name="report"),
    path("<int:pk>/check/", reports.check_panel, name="check"),
    path("<int:pk>/document/", document.report_document, name="document"),
    path("<int:pk>/document.pdf", document.report_document, {"pdf": True}, name="document-pdf"),
    path("meeting/", meeting.meeting_page, name="meeting"),
    path("meeting/assessment/", meeting.assessment_start, name="assessment-start"),
    path("meeting/participants/<int:pk>/remove/", meeting.participant_remove, name="participant-remove"),
]
