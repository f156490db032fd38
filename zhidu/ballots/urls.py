from django.urls import path

from zhidu.ballots.views import assessment, boxes, cast, paper

app_name = "ballots"

urlpatterns = [
    path("", boxes.index, name="index"),
    path("entry/<int:entry_pk>/", boxes.entry_boxes, name="entry"),
    path("<int:pk>/", boxes.box_detail, name="box"),
    path("<int:pk>/progress/", boxes.box_progress, name="progress"),
    path("<int:pk>/codes/", boxes.box_codes, name="codes"),
    path("<int:pk>/close/", boxes.box_close, name="close"),
    path("<int:pk>/void/", boxes.box_void, name="void"),
    path("<int:pk>/list/", boxes.box_list, name="list"),
    path("<int:pk>/cast/", cast.cast, name="cast"),
    path("<int:pk>/paper/", paper.paper_print, name="paper-print"),
    path("<int:pk>/count/", paper.paper_count, name="paper-count"),
    path("<int:pk>/confirm/", paper.paper_confirm, name="paper-confirm"),
    path("assessments/", assessment.assessment_list, name="assessments"),
    path("assessments/<int:pk>/", assessment.assessment_detail, name="assessment"),
    path("assessments/<int:pk>/results/", assessment.assessment_results, name="assessment-results"),
    path("assessments/<int:pk>/mine/", assessment.my_results, name="assessment-mine"),
]
