from django.urls import path

from zhidu.opinions.views import office, public

app_name = "opinions"

urlpatterns = [
    path("", office.opinion_list, name="list"),
    path("new/", office.opinion_new, name="new"),
    path("publish/", office.publish, name="publish"),
    path("analysis/", office.analysis, name="analysis"),
    path("analysis/<int:pk>/", office.analysis_of, name="analysis-of"),
    path("analysis/<int:pk>/record/", office.analysis_record, name="analysis-record"),
    path("<int:pk>/", office.opinion_detail, name="detail"),
    path("<int:pk>/verify/", office.opinion_verify, name="verify"),
    path("<int:pk>/report/", office.opinion_report, name="report"),
    path("<int:pk>/analyse/", office.opinion_analyse, name="analyse"),
    path("<int:pk>/decide/", office.opinion_decide, name="decide"),
    path("<int:pk>/complete/", office.opinion_complete, name="complete"),
    path("<int:pk>/supervise/", office.opinion_supervise, name="supervise"),
    # Public, without log-in: submit to one's village or unit, the receipt, follow by code, privacy.
    path("public/<slug:township>/", public.submit, name="submit"),
    path("public/<slug:township>/check/", public.representatives_check, name="check"),
    path("receipt/", public.receipt, name="receipt"),
    path("follow/", public.follow, name="follow"),
    path("privacy/", public.privacy, name="privacy"),
]
