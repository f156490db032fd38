from django.urls import path

from zhidu.portal.views import public

app_name = "portal"

urlpatterns = [
    # Public, without log-in.
    path("<slug:township>/a/<int:pk>/", public.article, name="article"),
]
