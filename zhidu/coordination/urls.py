from django.urls import path

from zhidu.coordination.views import briefing, common, leave, matters

app_name = "coordination"

urlpatterns = [
    path("", common.index, name="index"),
    path("leave/new/", leave.leave_new, name="leave-new"),
    path("leave/check/", leave.leave_check, name="leave-check"),
    path("leave/<int:pk>/", leave.leave_detail, name="leave"),
    path("leave/<int:pk>/acknowledge/", leave.leave_acknowledge, name="leave-acknowledge"),
    path("leave/<int:pk>/return/", leave.leave_return, name="leave-return"),
    path("briefings/", briefing.briefing_list, name="briefing-list"),
    path("briefings/new/", briefing.briefing_new, name="briefing-new"),
    path("briefings/<int:pk>/", briefing.briefing_detail, name="briefing"),
    path("briefings/<int:pk>/docx/", briefing.briefing_document, name="briefing-docx"),
    path("briefings/<int:pk>/pdf/", briefing.briefing_document, {"pdf": True}, name="briefing-pdf"),
    path("briefings/<int:pk>/edit/", briefing.briefing_edit, name="briefing-edit"),
    path("briefings/<int:pk>/fill/", briefing.briefing_fill, name="briefing-fill"),
    path("briefings/<int:pk>/check/", briefing.briefing_check, name="briefing-check"),
    path("matters/new/", matters.matter_new, name="matter-new"),
    path("matters/<int:pk>/", matters.matter_detail, name="matter"),
    path("matters/<int:pk>/reply/", matters.matter_reply, name="matter-reply"),
]
