from django.urls import path

from zhidu.work_style import views

app_name = "work_style"

urlpatterns = [
    path("", views.index, name="index"),
    path("pairs/<int:pk>/contact/", views.contact, name="contact"),
    path("pairs/<int:pk>/check/", views.contact_check, name="contact-check"),
    path("pairs/<int:pk>/end/", views.pair_end, name="pair-end"),
    path("pairs/", views.pairs, name="pairs"),
    path("team/", views.team, name="team"),
    path("receptions/", views.receptions, name="receptions"),
    path("receptions/check/", views.reception_check, name="reception-check"),
    path("receptions/<int:pk>/", views.reception, name="reception"),
    path("receptions/<int:pk>/decide/", views.reception_decide, name="reception-decide"),
    path("inspections/", views.inspections, name="inspections"),
    path("inspections/check/", views.inspection_check, name="inspection-check"),
    path("villages/<int:village>/inspect/", views.village_inspect, name="village-inspect"),
    path("inspections/<int:pk>/", views.inspection, name="inspection"),
]
