from django.shortcuts import render
from django.utils import timezone

from zhidu.core.access import requires, scoped
from zhidu.org.models import Branch, Department, LeadingGroupMember, Person, Village, team_on


@requires("organization.view")
def organization(request):
    township = request.township
    today = timezone.localdate()
    return render(
        request,
        "org/organization.html",
        {
            "team": list(team_on(township, today).order_by("-is_principal", "role", "starts_on")),
            "departments": list(scoped(Department.objects, request).select_related("head")),
            "villages": list(scoped(Village.objects, request)),
            "branches": list(scoped(Branch.objects, request).select_related("village")),
            "cadres": list(scoped(Person.objects, request).filter(active=True).select_related("department")),
            "groups": list(
                scoped(LeadingGroupMember.objects, request)
                .select_related("group", "person")
                .order_by("group__name", "position")
            ),
            "today": today,
        },
    )
