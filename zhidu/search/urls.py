from django.urls import path

from zhidu.search import views

app_name = "search"

urlpatterns = [
    # Signed-in staff, over the archive (before the public pages: "archive" is not a township's code).
    path("archive/", views.archive_search, name="archive"),
    path("<slug:township>/", views.public_search, name="public"),
]
