from django.urls import path

from zhidu.supervision.views import actions, documents, items, report, responsibility

app_name = "supervision"

urlpatterns = [
    path("", items.item_list, name="item-list"),
    path("overdue/", items.overdue_list, name="overdue"),
    path("new/", items.item_register, name="item-register"),
    # One click on a decision of a closed meeting (R4/R7; R2§14).
    path(
        "from-decision/<int:entry_pk>/", items.item_register_from_decision, name="item-register-from-decision"
    ),
    path("deadline-hint/", items.deadline_hint, name="deadline-hint"),
    path("report/", report.department_report, name="report"),
    path("report/ledger.xlsx", report.ledger, name="ledger"),
    path("responsibility/", responsibility.responsibility_page, name="responsibility"),
    path("<int:pk>/", items.item_detail, name="item-detail"),
    path("<int:pk>/approve/", actions.approve, name="approve"),
    path("<int:pk>/assign/", actions.assign, name="assign"),
    path("<int:pk>/chase/", actions.chase, name="chase"),
    path("<int:pk>/feedback/", actions.feedback, name="feedback"),
    path("<int:pk>/accept/", actions.accept, name="accept"),
    path("<int:pk>/reject/", actions.reject, name="reject"),
    path("<int:pk>/close/", actions.close, name="close"),
    path("<int:pk>/reopen/", actions.reopen, name="reopen"),
    path("<int:pk>/approval-form.docx", documents.approval_form, name="approval-form"),
    path("<int:pk>/notice.docx", documents.supervision_notice, name="notice"),
    path("<int:pk>/approval-form.pdf", documents.approval_form, {"pdf": True}, name="approval-form-pdf"),
    path("<int:pk>/notice.pdf", documents.supervision_notice, {"pdf": True}, name="notice-pdf"),
]
