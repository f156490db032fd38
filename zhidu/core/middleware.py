"""Puts the acting person and their township on every request: views read `request.township` and
never pick a township from the URL without going through `zhidu.core.access`."""

from __future__ import annotations

from django.utils.cache import patch_cache_control

from zhidu.org.models import Person, Township


def attach_acting_person(request, user, chosen_township_id: int | None = None) -> None:
    """Set request.user, .person, .township and the user's roles (one query for the person and
    its terms). The web session passes the county view's chosen township; an API token does not."""
    from zhidu.core.permissions import roles_of

    person = (
        Person.objects.select_related("township", "department")
        .prefetch_related("terms")
        .filter(user=user)
        .first()
    )
    request.user = user
    request.person = person
    request.township = person.township if person else None
    # County view (and the county administrator) may switch township for the session; the county
    # view only to a township of its own county (issue 18: a county reads its townships, not the
    # province's), so a township chosen before it moved county falls back to its own.
    if chosen_township_id and ((person and person.county_view) or user.is_superuser):
        townships = Township.objects.filter(pk=chosen_township_id)
        if not user.is_superuser and person is not None:
            townships = townships.filter(county=person.township.county)
        request.township = townships.first() or request.township
    if request.township is None and user.is_superuser:
        request.township = Township.objects.order_by("pk").first()
    user._zhidu_roles = roles_of(user, person)


class TownshipMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.person = None
        request.township = None
        signed_in = request.user.is_authenticated
        if signed_in:
            attach_acting_person(request, request.user, request.session.get("township_id"))
        response = self.get_response(request)
        if signed_in and not response.has_header("Cache-Control"):
            # A signed-in page may show decrypted or personal data (R8 reports, petitioners,
            # talks): no browser or proxy keeps a copy (issue 17). A view that set its own
            # caching (a public page) keeps it.
            patch_cache_control(response, private=True, no_store=True)
        return response
