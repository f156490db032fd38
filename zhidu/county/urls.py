from django.urls import path

from zhidu.county import views

app_name = "county"

urlpatterns = [
    path("", views.overview, name="index"),
    path("ledger.xlsx", views.ledger, name="ledger"),
    path("<int:pk>/", views.township, name="township"),
]
