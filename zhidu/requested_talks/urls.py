from django.urls import path

from zhidu.requested_talks import views

app_name = "requested_talks"

urlpatterns = [
    path("", views.booking_list, name="list"),
    path("new/", views.booking_new, name="new"),
    path("check/", views.booking_check, name="check"),
    path("days/", views.talk_days, name="days"),
    path("cards/<int:pk>/", views.card_detail, name="card"),
    path("cards/<int:pk>/hand/", views.card_hand, name="card-hand"),
    path("cards/<int:pk>/answer/", views.card_answer, name="card-answer"),
    path("<int:pk>/", views.booking_detail, name="detail"),
    path("<int:pk>/record/", views.booking_record, name="record"),
    path("<int:pk>/decline/", views.booking_decline, name="decline"),
]
