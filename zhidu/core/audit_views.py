"""The audit trail page: discipline inspection and the organization office find who did or read
what (issue 6), filtered by person, action, record and dates, newest first, a page at a time (the
township's index on (township, -at) serves every filter's order)."""

from __future__ import annotations

import datetime

from django import forms
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zhidu.core.access import requires, scoped
from zhidu.core.forms import Form
from zhidu.core.models import AuditEntry

PAGE_SIZE = 50


class AuditFilter(Form):
    who = forms.CharField(label=_("Who"), max_length=150, required=False)
    action = forms.CharField(
        label=_("Action"),
        max_length=60,
        required=False,
        help_text=_("The beginning is enough, e.g. personal. for every personal-matter action."),
    )
    record = forms.CharField(label=_("Record id"), max_length=40, required=False)
    since = forms.DateField(
        label=_("Starts on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label=_("Ends on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self):
        data = super().clean()
        since, until = data.get("since"), data.get("until")
        if since and until and since > until:
            self.add_error("until", _("The end date is before the start date."))
        for name in ("since", "until"):
            day = data.get(name)
            if day and not (datetime.date(2000, 1, 1) <= day <= datetime.date(2200, 12, 31)):
                self.add_error(name, _("Enter a date between 2000 and 2200."))
        return data


def _midnight(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


@requires("audit.view")
def audit_log(request):
    form = AuditFilter(request.GET or None)
    entries = scoped(AuditEntry.objects, request).order_by("-at", "-id")
    status = 200
    if form.is_bound and not form.is_valid():
        status = 400
        entries = entries.none()
    elif form.is_bound:
        data = form.cleaned_data
        if data["who"]:
            entries = entries.filter(actor_name__icontains=data["who"].strip())
        if data["action"]:
            entries = entries.filter(action__startswith=data["action"].strip())
        if data["record"]:
            entries = entries.filter(target_id=data["record"].strip())
        if data["since"]:
            entries = entries.filter(at__gte=_midnight(data["since"]))
        if data["until"]:
            entries = entries.filter(at__lt=_midnight(data["until"] + datetime.timedelta(days=1)))
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "query": query.urlencode()}
    return render(request, "core/audit.html", context, status=status)
