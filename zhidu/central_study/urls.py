from django.urls import path

from zhidu.central_study.views import notes, plans

app_name = "central_study"

urlpatterns = [
    path("", plans.index, name="index"),
    path("plans/new/", plans.plan_new, name="plan-new"),
    path("plans/<int:pk>/", plans.plan_detail, name="plan"),
    path("plans/<int:pk>/sessions/new/", plans.session_new, name="session-new"),
    path("plans/<int:pk>/sessions/check/", plans.session_check, name="session-check"),
    path("sessions/<int:pk>/", plans.session_detail, name="session"),
    path("notes/", notes.note_list, name="notes"),
    path("notes/new/", notes.note_new, name="note-new"),
    path("notes/<int:pk>/", notes.note_detail, name="note"),
]
