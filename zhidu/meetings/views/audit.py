"""The organization office's compliance checks of meetings (R1§14–16)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from zhidu.core.access import get_scoped, requires, scoped
from zhidu.core.forms import Form, ModelMultipleChoiceField, attach_errors
from zhidu.meetings import audit
from zhidu.meetings.models import CheckReport, Meeting
from zhidu.meetings.views.common import OUTCOME_LABELS, SEVERITY_LABELS


class CheckForm(Form):
    reason = forms.ChoiceField(
        label=gettext_lazy("Reason"),
        choices=CheckReport.Reason.choices,
        widget=forms.RadioSelect,
        initial="sample",
    )
    period_from = forms.DateField(
        label=gettext_lazy("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    period_to = forms.DateField(
        label=gettext_lazy("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    size = forms.IntegerField(
        label=gettext_lazy("Number of meetings to sample"),
        min_value=1,
        max_value=200,
        required=False,
        initial=3,
    )
    meetings = ModelMultipleChoiceField(
        label=gettext_lazy("Meetings named by the complaint"),
        queryset=Meeting.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    note = forms.CharField(
        label=gettext_lazy("Complaint or note"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, township, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meetings"].queryset = Meeting.objects.filter(
            township=township, state=Meeting.State.CLOSED
        ).order_by("-held_at")


@requires("meetings.audit")
def check_list(request):
    form = CheckForm(request.POST or None, township=request.township)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            report = audit.run_check(
                township=request.township,
                reason=data["reason"],
                user=request.user,
                note=data["note"],
                period_from=data["period_from"],
                period_to=data["period_to"],
                size=data["size"] or 0,
                meetings=list(data["meetings"]),
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("Check report written."))
            return redirect("meetings:check-detail", report.pk)
    reports = scoped(CheckReport.objects, request).order_by("-created_at")[:50]
    return render(request, "meetings/check_list.html", {"form": form, "reports": reports})


@requires("meetings.audit")
def check_detail(request, pk: int):
    report = get_scoped(CheckReport.objects.select_related("created_by"), request, pk=pk)
    counts = {"invalid": 0, "violation": 0, "advice": 0}
    for result in report.results:
        evaluation = result.get("evaluation") or {}
        for finding in evaluation.get("findings", []) + [
            f for i in evaluation.get("items", []) for f in i["findings"]
        ]:
            counts[finding["severity"]] = counts.get(finding["severity"], 0) + 1
    return render(
        request,
        "meetings/check_detail.html",
        {
            "report": report,
            "counts": counts,
            "severity_labels": SEVERITY_LABELS,
            "outcome_labels": OUTCOME_LABELS,
        },
    )


@require_POST
@requires("meetings.audit")
def check_sent(request, pk: int):
    report = get_scoped(CheckReport.objects, request, pk=pk)
    if audit.mark_sent(report, user=request.user):
        messages.success(request, _("Recorded as sent to the city-level leader in charge."))
    else:
        messages.info(request, _("Already recorded as sent."))
    return redirect("meetings:check-detail", pk)
