from django.urls import path

from zhidu.family_events.views import declarations, documents, oversight

app_name = "family_events"

urlpatterns = [
    path("", declarations.declaration_list, name="list"),
    path("new/", declarations.declaration_new, name="new"),
    path("check/", declarations.declaration_check, name="check"),
    path("oral/", declarations.oral_new, name="oral"),
    path("register.xlsx", documents.register, name="register"),
    path("spot-checks/", oversight.spot_check_list, name="spot-checks"),
    path("spot-checks/new/", oversight.spot_check_new, name="spot-check-new"),
    path("spot-checks/<int:pk>/", oversight.spot_check_detail, name="spot-check"),
    path("<int:pk>/", declarations.declaration_detail, name="detail"),
    path("<int:pk>/edit/", declarations.declaration_edit, name="edit"),
    path("<int:pk>/review/", oversight.declaration_review, name="review"),
    path("<int:pk>/flag/", oversight.declaration_flag, name="flag"),
    path("<int:pk>/form.docx", documents.declaration_docx, name="docx"),
    path("<int:pk>/form.pdf", documents.declaration_docx, {"pdf": True}, name="pdf"),
    path("<int:pk>/record.json", documents.declaration_record, name="record"),
]
