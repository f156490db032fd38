from django.urls import path

from zhidu.drafts import views

app_name = "drafts"

urlpatterns = [
    path("", views.draft, name="draft"),
    path("discard/", views.discard, name="discard"),
]
