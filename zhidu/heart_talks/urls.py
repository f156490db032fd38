from django.urls import path

from zhidu.heart_talks import views

app_name = "heart_talks"

urlpatterns = [
    path("", views.talk_list, name="list"),
    path("new/", views.talk_new, name="new"),
    path("check/", views.talk_check, name="check"),
    path("quotas/", views.quotas, name="quotas"),
    path("quotas/<int:pk>/", views.quota_detail, name="quota"),
    path("triggers/new/", views.trigger_new, name="trigger-new"),
    path("triggers/<int:pk>/", views.trigger_detail, name="trigger"),
    path("<int:pk>/", views.talk_detail, name="detail"),
]
