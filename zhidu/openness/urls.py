from django.urls import path

from zhidu.openness.views import assessments, common, units

app_name = "openness"

urlpatterns = [
    path("", common.index, name="index"),
    path("publications/new/", common.publication_new, name="publication-new"),
    path("sheet/", common.sheet, name="sheet"),
    path("assessments/new/", assessments.assessment_new, name="assessment-new"),
    path("assessments/<int:pk>/", assessments.assessment_detail, name="assessment"),
    path("assessments/<int:pk>/approve-plan/", assessments.approve_plan, name="approve-plan"),
    path("assessments/<int:pk>/propose/", assessments.propose, name="propose"),
    path("assessments/<int:pk>/decide/", assessments.decide, name="decide"),
    path("assessments/<int:pk>/approve-result/", assessments.approve_result, name="approve-result"),
    path("assessments/<int:pk>/notify/", assessments.notify, name="notify"),
    path("assessments/<int:pk>/result.docx", assessments.result_document, name="result-docx"),
    path("assessments/<int:pk>/result.pdf", assessments.result_document, {"pdf": True}, name="result-pdf"),
    path("assessments/<int:pk>/scores.xlsx", assessments.scores_export, name="scores-xlsx"),
    path("units/<int:pk>/", units.unit_detail, name="unit"),
    path("units/<int:pk>/self-check/", units.self_check, name="self-check"),
    path("units/<int:pk>/steps/", units.steps, name="steps"),
    path("units/<int:pk>/score/", units.score, name="score"),
    path("units/<int:pk>/score/check/", units.score_check, name="score-check"),
    path("units/<int:pk>/rectify/", units.rectify, name="rectify"),
]
