"""Where each person is reached: their own page (every cadre), and the party office's page for
everyone of the township."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zhidu.core.access import get_scoped, requires, scoped
from zhidu.notifications import services
from zhidu.notifications.models import Channel, ContactAddress
from zhidu.org.models import Person


def _form(request, person: Person, back: str):
    points = {p.channel: p for p in ContactAddress.objects.filter(person=person)}
    errors: dict[str, list[str]] = {}
    typed = {
        c: (points[c].address if c in points else "", points[c].enabled if c in points else True)
        for c in Channel.values
    }
    status = 200
    if request.method == "POST":
        typed = {
            c: (request.POST.get(f"{c}-address", ""), request.POST.get(f"{c}-enabled") == "on")
            for c in Channel.values
        }
        try:
            services.set_contact_addresses(person, typed, user=request.user)
        except ValidationError as error:
            errors, status = error.message_dict, 400
        else:
            messages.success(request, _("Contact details saved."))
            return redirect(back)
    rows = [
        {
            "channel": value,
            "label": label,
            "address": typed[value][0],
            "enabled": typed[value][1],
            "errors": errors.get(value, []),
        }
        for value, label in Channel.choices
    ]
    return render(request, "notifications/contacts.html", {"person": person, "rows": rows}, status=status)


@requires("notifications.own")
def my_contacts(request):
    if request.person is None:
        raise PermissionDenied("no person")
    return _form(request, request.person, "notifications:mine")


@requires("notifications.contacts")
def people(request):
    persons = scoped(Person.objects, request).filter(active=True).order_by("name", "pk")
    points: dict[int, list[ContactAddress]] = {}
    for p in scoped(ContactAddress.objects, request).filter(enabled=True):
        points.setdefault(p.person_id, []).append(p)
    rows = [(person, points.get(person.pk, [])) for person in persons]
    return render(request, "notifications/people.html", {"rows": rows})


@requires("notifications.contacts")
def person_contacts(request, pk: int):
    person = get_scoped(Person.objects, request, pk=pk)
    return _form(request, person, "notifications:people")


@require_POST
@requires("notifications.own")
def address_check(request):
    """The live check while typing (htmx, debounced): the same `clean_address` the save calls, so
    a wrong address is named before the form is sent."""
    errors: list[tuple[str, str]] = []
    for value, label in Channel.choices:
        try:
            services.clean_address(value, request.POST.get(f"{value}-address", ""))
        except ValidationError as error:
            errors += [(str(label), message) for message in error.message_dict[value]]
    return render(request, "notifications/_address_check.html", {"errors": errors})
