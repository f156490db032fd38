"""Puts the acting person and their township on every request: views read `request.township` and
never pick a township from the URL without going through `zhidu.core.access`."""

from __future__ import annotations

from zhidu.org.models import Person, Township


class TownshipMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.person = None
        request.township = None
        user = request.user
        if user.is_authenticated:
            person = (
                Person.objects.select_related("township", "department")
                .prefetch_related("terms")
                .filter(user=user)
                .first()
            )
            request.person = person
            request.township = person.township if person else None
            # County view (and the county administrator) may switch township for the session.
            chosen = request.session.get("township_id")
            if chosen and ((person and person.county_view) or user.is_superuser):
                request.township = Township.objects.filter(pk=chosen).first() or request.township
            if request.township is None and user.is_superuser:
                request.township = Township.objects.order_by("pk").first()
            from zhidu.core.permissions import roles_of

            user._zhidu_roles = roles_of(user, person)
        return self.get_response(request)
