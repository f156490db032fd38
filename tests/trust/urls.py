"""zhidu.urls with the lockout log-in form, until zhidu/urls.py passes it to LoginView."""

from django.contrib.auth import views as auth_views
from django.urls import path

from zhidu.trust.lockout import LockoutAuthenticationForm
from zhidu.urls import urlpatterns as zhidu_urlpatterns

urlpatterns = [
    path("login/", auth_views.LoginView.as_view(authentication_form=LockoutAuthenticationForm), name="login"),
    *zhidu_urlpatterns,
]
