"""The project's URLs plus the API, so the API's tests run before zhidu/urls.py wires it."""

from django.urls import path

from zhidu.api import api
from zhidu.urls import urlpatterns as project

urlpatterns = [path("api/", api.urls), *project]
