from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from zhidu.api import api
from zhidu.core import audit_views
from zhidu.core import views as core_views
from zhidu.obligations import views as obligation_views
from zhidu.org import views as org_views
from zhidu.trust import views as trust_views
from zhidu.workdays import views as workday_views

admin.site.site_header = _("Zhidu administration")
admin.site.site_title = _("Zhidu")

urlpatterns = [
    path("", core_views.home, name="home"),
    path("login/", trust_views.LoginView.as_view(), name="login"),
    path("login/second-factor/", trust_views.second_factor, name="second-factor"),
    path("login/second-factor/enrol/", trust_views.enrol, name="second-factor-enrol"),
    path("logout/", trust_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("captcha/", include("captcha.urls")),  # the log-in captcha's picture: public (zhidu.trust.captchas)
    path("duties/", obligation_views.duties, name="duties"),
    path("duties/<int:pk>/complete/", obligation_views.complete, name="duty-complete"),
    path("compliance/", obligation_views.compliance, name="compliance"),
    path("organization/", org_views.organization, name="organization"),
    path("calendar/", workday_views.calendar_year, name="calendar"),
    path("audit/", audit_views.audit_log, name="audit"),
    path("township/", core_views.switch_township, name="switch-township"),
    path("meetings/", include("zhidu.meetings.urls")),
    path("supervision/", include("zhidu.supervision.urls")),
    path("ballots/", include("zhidu.ballots.urls")),
    path("personal/", include("zhidu.personal.urls")),
    path("daily-logs/", include("zhidu.daily_logs.urls")),
    path("coordination/", include("zhidu.coordination.urls")),
    path("periodic-reports/", include("zhidu.periodic_reports.urls")),
    path("work-style/", include("zhidu.work_style.urls")),
    path("family-events/", include("zhidu.family_events.urls")),
    path("self-reports/", include("zhidu.self_reports.urls")),
    path("requested-talks/", include("zhidu.requested_talks.urls")),
    path("heart-talks/", include("zhidu.heart_talks.urls")),
    path("petitions/", include("zhidu.petitions.urls")),
    path("openness/", include("zhidu.openness.urls")),
    path("central-study/", include("zhidu.central_study.urls")),
    path("life-meetings/", include("zhidu.life_meetings.urls")),
    path("site/", include("zhidu.portal.urls")),
    path("opinions/", include("zhidu.opinions.urls")),
    path("notifications/", include("zhidu.notifications.urls")),
    path("search/", include("zhidu.search.urls")),
    path("drafts/", include("zhidu.drafts.urls")),
    path("county/", include("zhidu.county.urls")),
    path("api/", api.urls),
    path("admin/", admin.site.urls),
]
