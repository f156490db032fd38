from django.urls import path

from zhidu.search import views

app_name = "search"

urlpatterns = [
    path("<slug:township>/", views.public_search, name="public"),
]
