"""The public search page of a township's site, without log-in, in the portal's frame."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from zhidu.core.access import public, requires
from zhidu.org.models import Township
from zhidu.portal.links import public_links
from zhidu.portal.models import Category, SiteProfile
from zhidu.search import archive
from zhidu.search import query as search_query
from zhidu.trust import ratelimit

# Per client address (zhidu.trust.ratelimit), issue 15: "every public form is rate-limited". A reader
# searches a few times a minute; a search reads the index and the matches' texts, so a script
# looping over it from one address is turned away (429) before it loads the database.
SEARCHES_PER_MINUTE = 60


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None


@public
@ratelimit.rate_limited(
    "public-search", limit=lambda: SEARCHES_PER_MINUTE, window=60, methods=("GET", "HEAD")
)
def public_search(request: HttpRequest, township: str) -> HttpResponse:
    town = get_object_or_404(Township, code=township)
    q = " ".join(request.GET.get("q", "").split())[: search_query.MAX_QUERY]
    category = request.GET.get("category", "")
    if category not in Category.values:
        category = ""
    year = _int(request.GET.get("year"))
    page = _int(request.GET.get("page")) or 1
    results = search_query.search(town, q, category=category or None, year=year, page=page) if q else None
    labels = dict(Category.choices)
    context = {
        # The portal's frame (zhidu.portal.views.public._frame): categories, identity, services.
        "township": town,
        "profile": SiteProfile.objects.filter(township=town).first(),
        "categories": [(c.value, c.label) for c in Category],
        "services": public_links(town.code),
        "q": q,
        "chosen_category": category,
        "chosen_year": year,
        "years": search_query.years(town),
        "results": results,
        "labels": labels,
    }
    return render(request, "search/results.html", context)


@requires("search.archive")
def archive_search(request: HttpRequest) -> HttpResponse:
    """Signed-in staff search the township's archive: each result is one they may open."""
    township = getattr(request, "township", None)
    q = search_query.clean(request.GET.get("q", ""))
    kinds = {archive.kind_of(t): s.label for t, s in archive.sources().items()}
    kind = request.GET.get("kind", "")
    if kind not in kinds:
        kind = ""
    year = _int(request.GET.get("year"))
    page = _int(request.GET.get("page")) or 1
    # Without a township (a county account before choosing one) there is no archive to search.
    results = archive.search(request, q, kind=kind, year=year, page=page) if q and township else None
    context = {
        "township": township,
        "q": q,
        "kinds": kinds,
        "chosen_kind": kind,
        "chosen_year": year,
        "results": results,
    }
    return render(request, "search/archive.html", context)
