"""R1§7(6) from the meeting: the passed decisions of a closed team meeting that must be published,
each with its proposed title and text, one "Publish" click each (zhidu.meetings.publishing)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from zhidu.core.access import get_scoped, requires
from zhidu.core.permissions import allowed
from zhidu.meetings import publishing
from zhidu.meetings.models import Meeting


@requires("meetings.view")
def publish_decisions(request, pk: int):
    meeting = get_scoped(Meeting.objects.select_related("township"), request, pk=pk)
    found = publishing.candidates(meeting)
    may_publish = allowed(request.user, "portal.publish")
    errors: dict[int, dict] = {}
    typed: dict[int, dict] = {}
    if request.method == "POST":
        if not may_publish:
            raise PermissionDenied("portal.publish")
        chosen = next((c for c in found if str(c.entry.pk) == request.POST.get("entry", "")), None)
        if chosen is None:
            messages.error(request, "议题：此议题不需要或不能公示")
            return redirect("meetings:publish", pk=meeting.pk)
        title, body = request.POST.get("title", ""), request.POST.get("body", "")
        try:
            article = publishing.publish_decision(
                request.user, chosen.entry, title=title, body=body, request=request
            )
        except ValidationError as error:
            errors[chosen.entry.pk] = error.message_dict
            typed[chosen.entry.pk] = {"title": title, "body": body}
        else:
            messages.success(
                request,
                _("Published on the public site: %(url)s")
                % {"url": request.build_absolute_uri(article.get_absolute_url())},
            )
            return redirect("meetings:publish", pk=meeting.pk)
    rows = [
        {
            "candidate": c,
            "title": typed.get(c.entry.pk, {}).get("title", c.title),
            "body": typed.get(c.entry.pk, {}).get("body", c.body),
            "errors": errors.get(c.entry.pk, {}),
        }
        for c in found
    ]
    context = {"meeting": meeting, "rows": rows, "may_publish": may_publish}
    return render(request, "meetings/publish.html", context, status=400 if errors else 200)
