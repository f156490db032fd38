"""Self-study notes (R12§3 读书笔记、心得、体会): a member writes them on a phone and reads their own;
the leader of the group and the organization office read every member's."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from zhidu.central_study import services
from zhidu.central_study.forms import NoteForm
from zhidu.central_study.models import PlanTopic, StudyNote
from zhidu.central_study.views.plans import person_of
from zhidu.core.access import get_scoped, requires, scoped
from zhidu.core.forms import attach_errors
from zhidu.core.permissions import allowed
from zhidu.org.models import Person

LIST_SIZE = 50


def _topics(request) -> list[PlanTopic]:
    today = timezone.localdate()
    return list(
        scoped(PlanTopic.objects, request).filter(plan__starts_on__lte=today, plan__ends_on__gte=today)[:50]
    )


@requires("central_study.note")
def note_new(request):
    person = person_of(request)
    topics = _topics(request)
    initial = {"written_on": timezone.localdate(), "kind": StudyNote.Kind.READING}
    form = NoteForm(request.POST or None, topics=topics, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        topic = next((t for t in topics if t.pk == data["topic"]), None)
        try:
            note = services.write_note(
                person=person, kind=data["kind"], title=data["title"], body=data["body"],
                written_on=data["written_on"], topic=topic, user=request.user, request=request,
            )  # fmt: skip
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("Your note was kept."))
            return redirect("central_study:note", note.pk)
    return render(request, "central_study/note_form.html", {"form": form}, status=400 if form.errors else 200)


@requires("central_study.view")
def note_list(request):
    """Mine; the overseers choose a member (?person=)."""
    person = request.person
    oversee = allowed(request.user, "central_study.oversee")
    whose = person
    chosen = request.GET.get("person", "")
    if oversee and chosen.isascii() and chosen.isdigit() and len(chosen) < 18:
        whose = Person.objects.filter(township=request.township, pk=int(chosen)).first() or person
    notes = list(scoped(StudyNote.objects, request).filter(person=whose).select_related("topic")[:LIST_SIZE])
    context = {"notes": notes, "whose": whose, "own": whose == person,
               "can_note": allowed(request.user, "central_study.note")}  # fmt: skip
    return render(request, "central_study/note_list.html", context)


@requires("central_study.view")
def note_detail(request, pk: int):
    note = get_scoped(StudyNote.objects.select_related("person", "topic"), request, pk=pk)
    own = request.person is not None and request.person.pk == note.person_id
    if not own and not allowed(request.user, "central_study.oversee"):
        raise PermissionDenied("central_study.oversee")
    return render(request, "central_study/note_detail.html", {"note": note, "own": own})
