from django.urls import path

from zhidu.petitions.views import cases, public, reports, schedule

app_name = "petitions"

urlpatterns = [
    path("", cases.case_list, name="list"),
    path("new/", cases.case_new, name="new"),
    path("export/", cases.export_all, name="export-all"),
    path("<int:pk>/", cases.case_detail, name="detail"),
    path("<int:pk>/instruct/", cases.case_instruct, name="instruct"),
    path("<int:pk>/route/", cases.case_route, name="route"),
    path("<int:pk>/extend/", cases.case_extend, name="extend"),
    path("<int:pk>/extend/check/", cases.extension_check, name="extension-check"),
    path("<int:pk>/tell/", cases.case_tell, name="tell"),
    path("<int:pk>/answer/", cases.case_answer, name="answer"),
    path("<int:pk>/export/", cases.case_export, name="export"),
    path("<int:pk>/receipt/", cases.case_receipt, name="receipt"),
    path("schedule/", schedule.schedule, name="schedule"),
    path("reports/", reports.report_list, name="reports"),
    path("reports/<int:pk>/", reports.report_detail, name="report"),
    path("reports/<int:pk>/hear/", reports.report_hear, name="report-hear"),
    path("reports/<int:pk>/document/", reports.report_document, name="report-document"),
    path("reports/<int:pk>/document.pdf", reports.report_document, {"pdf": True}, name="report-pdf"),
    path("aging/", reports.aging, name="aging"),
    # Public, without log-in: the schedule, following a case by its receipt code, the privacy notice.
    path("public/<slug:township>/schedule/", schedule.public_schedule, name="public-schedule"),
    path("follow/", public.follow, name="follow"),
    path("privacy/", public.privacy, name="privacy"),
]
