from django.urls import path

from zhidu.meetings.views import (
    attendees,
    audit,
    corrections,
    emergency,
    items,
    meeting,
    minutes,
    notice,
    preview,
    publish,
    record,
)

app_name = "meetings"

urlpatterns = [
    path("items/", items.item_list, name="item-list"),
    path("items/new/", items.item_propose, name="item-propose"),
    path("items/<int:pk>/", items.item_detail, name="item-detail"),
    path("items/<int:pk>/decide/", items.item_decide, name="item-decide"),
    path("items/<int:pk>/leader/", items.item_leader_decide, name="item-leader-decide"),  # R4
    path("items/<int:pk>/resubmit/", items.item_resubmit, name="item-resubmit"),  # R4
    path("checks/", audit.check_list, name="check-list"),
    path("checks/<int:pk>/", audit.check_detail, name="check-detail"),
    path("checks/<int:pk>/sent/", audit.check_sent, name="check-sent"),
    path("", meeting.meeting_list, name="meeting-list"),
    path("new/", meeting.meeting_create, name="meeting-create"),
    # The live panel of each form, judging what it holds before it is saved (issue 11).
    path("new/check/", preview.create_preview, name="preview-create"),
    path("<int:pk>/edit/check/", preview.edit_preview, name="preview-edit"),
    path("<int:pk>/record/check/", preview.attendance_preview, name="preview-attendance"),
    path("<int:pk>/record/<int:entry_pk>/check/", preview.entry_preview, name="preview-entry"),
    path("<int:pk>/", meeting.meeting_detail, name="meeting-detail"),
    path("<int:pk>/add-item/", meeting.meeting_add_item, name="meeting-add-item"),
    path("<int:pk>/edit/", corrections.meeting_edit, name="meeting-edit"),
    path("<int:pk>/cancel/", corrections.meeting_cancel, name="meeting-cancel"),
    path("<int:pk>/withdraw/", corrections.item_withdraw, name="item-withdraw"),
    path("<int:pk>/observers/", attendees.invite_observer, name="meeting-invite-observer"),  # R2
    path("<int:pk>/entrust-chair/", attendees.entrust_chair, name="meeting-entrust-chair"),  # R2
    path("<int:pk>/notice/", meeting.meeting_send_notice, name="meeting-notice"),
    path("<int:pk>/confirm/", meeting.meeting_confirm, name="meeting-confirm"),
    path("<int:pk>/absence/", meeting.meeting_absence, name="meeting-absence"),
    path("<int:pk>/conflict/<int:entry_pk>/", meeting.meeting_conflict, name="meeting-conflict"),
    path("<int:pk>/record/", record.record_attendance, name="record"),
    path("<int:pk>/record/<int:entry_pk>/", record.record_entry, name="record-entry"),
    path("<int:pk>/record/<int:entry_pk>/reserved/", record.record_reserved, name="record-reserved"),
    path("<int:pk>/findings/", record.findings_panel, name="findings"),
    path("<int:pk>/close/", record.meeting_close, name="meeting-close"),
    path("<int:pk>/notice/print/", notice.notice_print, name="notice-print"),  # R1§7(2)
    path("<int:pk>/notice.docx", notice.notice_document, name="notice-docx"),
    path("<int:pk>/notice.pdf", notice.notice_document, {"pdf": True}, name="notice-pdf"),
    path("<int:pk>/minutes/", minutes.minutes_view, name="minutes"),
    path("<int:pk>/minutes.docx", minutes.minutes_document, name="minutes-docx"),
    path("<int:pk>/minutes.pdf", minutes.minutes_document, {"pdf": True}, name="minutes-pdf"),
    path("<int:pk>/minutes/sign/", minutes.minutes_sign, name="minutes-sign"),
    path("<int:pk>/minutes/sent/", minutes.minutes_sent, name="minutes-sent"),  # R1§9
    path("<int:pk>/report-emergency/", meeting.meeting_report_emergency, name="meeting-report-emergency"),
    path("emergency/", emergency.emergency_list, name="emergency-list"),  # R1§8
    path("emergency/<int:pk>/", emergency.emergency_detail, name="emergency-detail"),
    path("<int:pk>/correct/", minutes.meeting_correct, name="meeting-correct"),
    path("<int:pk>/export.json", minutes.meeting_export, name="export"),
    path("<int:pk>/publish/", publish.publish_decisions, name="publish"),  # R1§7(6)
]
