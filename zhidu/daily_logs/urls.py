from django.urls import path

from zhidu.daily_logs.views import member, office, week

app_name = "daily_logs"

urlpatterns = [
    path("", member.today, name="today"),
    path("check/", member.check, name="check"),
    path("board/", office.board, name="board"),
    path("enter/", office.enter, name="enter"),
    path("review/", week.review, name="review"),
    path("log/<int:pk>/", member.log_detail, name="log-detail"),
    path("due/<int:pk>/", member.due, name="due"),
    path("member/<int:pk>/", week.member_week, name="member-week"),
    path("member/<int:pk>/export.json", week.member_export, name="member-export"),
]
