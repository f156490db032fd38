"""Plan and session pages (R12§2–3): the overview, a new plan, the plan against its sessions (with
each member's notes and attendance for the leader and the organization office), a session recorded
with its attendance (live check panel) and its material downloaded through a checked view."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zhidu.central_study import services
from zhidu.central_study.checks import (
    AttendanceFacts,
    PlanFacts,
    SessionFacts,
    TopicFacts,
    check_member_notes,
    check_plan,
    check_session,
)
from zhidu.central_study.forms import PlanForm, SessionForm
from zhidu.central_study.models import StudyAttendance, StudyNote, StudyPlan, StudySession
from zhidu.core import uploads
from zhidu.core.access import get_scoped, requires, scoped
from zhidu.core.forms import attach_errors
from zhidu.core.permissions import allowed
from zhidu.org.models import Person
from zhidu.rules.findings import SEVERITY_LABELS

LIST_SIZE = 30


def person_of(request) -> Person:
    if request.person is None:
        raise PermissionDenied("no person")
    return request.person


def findings_context(findings) -> dict:
    return {"findings": [{"f": f, "label": SEVERITY_LABELS[f.severity]} for f in findings]}


@requires("central_study.view")
def index(request):
    plans = list(scoped(StudyPlan.objects, request)[:LIST_SIZE])
    person = request.person
    notes = list(scoped(StudyNote.objects, request).filter(person=person)[:10]) if person else []
    context = {
        "plans": plans,
        "notes": notes,
        "can_plan": allowed(request.user, "central_study.plan"),
        "can_note": allowed(request.user, "central_study.note"),
    }
    return render(request, "central_study/index.html", context)


@requires("central_study.plan")
def plan_new(request):
    by = person_of(request)
    form = PlanForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        invited = []
        for name in (data["invited"] or "").splitlines():
            if not name.strip():
                continue
            found = Person.objects.filter(township=request.township, name=name.strip(), active=True).first()
            if found is None:
                form.add_error(
                    "invited", _("No cadre of this township is named %(name)s.") % {"name": name.strip()}
                )
                break
            invited.append((found, ""))
        if not form.errors:
            try:
                plan = services.create_plan(
                    township=request.township, by=by, title=data["title"], starts_on=data["starts_on"],
                    ends_on=data["ends_on"], topics=data["topics"].splitlines(), decided=data["decided"],
                    invited=invited, user=request.user, request=request,
                )  # fmt: skip
            except ValidationError as error:
                attach_errors(form, error)
            else:
                messages.success(request, _("The study plan was recorded."))
                return redirect("central_study:plan", plan.pk)
    return render(request, "central_study/plan_form.html", {"form": form}, status=400 if form.errors else 200)


def _plan_facts(plan: StudyPlan) -> PlanFacts:
    topics = plan.topics.annotate(n=Count("sessions"))
    return PlanFacts(
        plan.title, plan.starts_on, plan.ends_on, tuple(TopicFacts(t.title, t.n) for t in topics)
    )


@requires("central_study.view")
def plan_detail(request, pk: int):
    plan = get_scoped(StudyPlan.objects, request, pk=pk)
    today = timezone.localdate()
    topics = list(plan.topics.annotate(n=Count("sessions")))
    sessions = list(plan.sessions.select_related("topic"))
    findings = check_plan(_plan_facts(plan), today)
    oversee = allowed(request.user, "central_study.oversee")
    group = []
    if oversee:
        rules = services.parameters(plan.township, plan.starts_on)
        notes = dict(
            StudyNote.objects.filter(
                township=plan.township, written_on__gte=plan.starts_on, written_on__lte=plan.ends_on
            )
            .values_list("person")
            .annotate(n=Count("id"))
        )
        absences = dict(
            StudyAttendance.objects.filter(session__plan=plan, status="absent")
            .values_list("person")
            .annotate(n=Count("id"))
        )
        for p in services.members(plan):
            n = notes.get(p.pk, 0)
            group.append({"person": p, "notes": n, "absent": absences.get(p.pk, 0)})
            findings += check_member_notes(p.name, n, plan.ends_on, today, rules)
    context = {
        "plan": plan, "topics": topics, "sessions": sessions, "group": group, "oversee": oversee,
        "invitations": list(plan.invitations.select_related("person")),
        "can_session": allowed(request.user, "central_study.session"),
        **findings_context(findings),
    }  # fmt: skip
    return render(request, "central_study/plan_detail.html", context)


def _session_form(request, plan: StudyPlan, data=None, files=None) -> SessionForm:
    return SessionForm(data, files, topics=list(plan.topics.all()), people=services.members(plan))


def _live(form: SessionForm, plan: StudyPlan) -> list:
    """The same pure check on the unsaved form."""
    if not form.is_bound:
        return []
    try:
        held_on = form.fields["held_on"].clean(form.data.get("held_on", ""))
    except ValidationError:
        held_on = None
    rows = tuple(
        AttendanceFacts(p.name, form.data.get(f"att_{p.pk}", "present"), form.data.get(f"reason_{p.pk}", ""))
        for p in form.people
    )
    return check_session(
        SessionFacts(held_on, plan.starts_on, plan.ends_on, bool(form.data.get("topic")), rows)
    )


@requires("central_study.session")
def session_new(request, pk: int):
    plan = get_scoped(StudyPlan.objects, request, pk=pk)
    by = person_of(request)
    form = _session_form(request, plan, request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        topic = plan.topics.filter(pk=data["topic"]).first() if data["topic"] else None
        attendance = {p.pk: (data[f"att_{p.pk}"], data[f"reason_{p.pk}"]) for p in form.people}
        try:
            session = services.record_session(
                plan, by=by, kind=data["kind"], held_on=data["held_on"], subject=data["subject"], topic=topic,
                attendance=attendance, place=data["place"], speaker=data["speaker"], summary=data["summary"],
                material=data["material"], user=request.user, request=request,
            )  # fmt: skip
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("The session was recorded."))
            return redirect("central_study:session", session.pk)
    context = {"plan": plan, "form": form, **findings_context(_live(form, plan))}
    return render(request, "central_study/session_form.html", context, status=400 if form.errors else 200)


@require_POST
@requires("central_study.session")
def session_check(request, pk: int):
    plan = get_scoped(StudyPlan.objects, request, pk=pk)
    form = _session_form(request, plan, request.POST)
    return render(request, "central_study/_findings.html", findings_context(_live(form, plan)))


@requires("central_study.view")
def session_detail(request, pk: int):
    session = get_scoped(StudySession.objects.select_related("plan", "topic"), request, pk=pk)
    if request.GET.get("download"):
        name = session.material_name or "material"
        return uploads.serve(
            session.material, name, user=request.user, target=session, action="central_study.download",
            request=request,
        )  # fmt: skip
    rows = list(session.attendance.select_related("person"))
    facts = SessionFacts(
        session.held_on, session.plan.starts_on, session.plan.ends_on, session.topic_id is not None,
        tuple(AttendanceFacts(a.person.name, a.status, a.leave_reason) for a in rows),
    )  # fmt: skip
    context = {"session": session, "attendance": rows, **findings_context(check_session(facts))}
    return render(request, "central_study/session_detail.html", context)
