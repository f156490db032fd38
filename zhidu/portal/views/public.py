"""The public pages of the portal, without log-in."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404, render

from zhidu.core.access import public
from zhidu.org.models import Township
from zhidu.portal import counter
from zhidu.portal.models import Article


@public
def article(request, township: str, pk: int):
    town = get_object_or_404(Township, code=township)
    found = get_object_or_404(Article.objects.filter(township=town), pk=pk)
    if not found.is_public:
        raise Http404
    counter.hit(found.pk)
    return render(request, "portal/article.html", {"township": town, "article": found})
