"""The public pages of the portal, without log-in, server-rendered, phone first: the townships,
a township's home, a category's list, an article, the feeds per category and the sitemap.

Only published and withdrawn articles are ever shown (a withdrawn one on its own page only, saying
why); a draft's address is a 404 like an unknown one. Reading counts in memory (zhidu.portal.counter):
no write per view, nothing about the reader."""

from __future__ import annotations

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import sitemap as django_sitemap
from django.contrib.syndication.views import Feed
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from zhidu.core.access import public
from zhidu.org.models import Township
from zhidu.portal import counter
from zhidu.portal.links import public_links
from zhidu.portal.models import Article, Attachment, Category, SiteProfile

PER_PAGE = 15
LATEST = 5
FEED_ITEMS = 30
State = Article.State


def _township(code: str) -> Township:
    return get_object_or_404(Township, code=code)


def _published(town: Township):
    return Article.objects.filter(township=town, state=State.PUBLISHED)


def _category(value: str) -> Category:
    if value not in Category.values:
        raise Http404
    return Category(value)


def _frame(town: Township, request=None, **context):
    """What every page of a township's site shows around its content: the categories, the
    township's identity, the areas' public services, and the signed-in member of the public (by
    the portal's own cookie: no query without one)."""
    from zhidu.portal import public_session

    profile = SiteProfile.objects.filter(township=town).first()
    if request is not None and "reader" not in context:
        context["reader"] = public_session.current(request, town.pk)
    return {
        "township": town,
        "profile": profile,
        "categories": [(c.value, c.label) for c in Category],
        "services": public_links(town.code),
        **context,
    }


@public
def index(request):
    """The townships of the deployment; straight to the only one."""
    towns = list(Township.objects.order_by("name"))
    if len(towns) == 1:
        return redirect("portal:home", township=towns[0].code)
    return render(request, "portal/index.html", {"townships": towns})


@public
def home(request, township: str):
    town = _township(township)
    published = _published(town)
    sections = []
    for value, label in Category.choices:
        latest = list(published.filter(category=value).order_by("-published_at", "-id")[:LATEST])
        sections.append({"value": value, "label": label, "articles": latest})
    return render(request, "portal/home.html", _frame(town, request, sections=sections))


@public
def category(request, township: str, category: str):
    town = _township(township)
    chosen = _category(category)
    rows = _published(town).filter(category=chosen).order_by("-published_at", "-id")
    subcategory = request.GET.get("sub", "")
    tag = request.GET.get("tag", "").strip()
    if subcategory:
        rows = rows.filter(subcategory=subcategory)
    if tag:
        # Tags are stored "、"-joined: match a whole tag, not a part of one.
        rows = rows.filter(
            Q(tags=tag)
            | Q(tags__startswith=f"{tag}、")
            | Q(tags__endswith=f"、{tag}")
            | Q(tags__contains=f"、{tag}、")
        )
    page = Paginator(rows.only("pk", "title", "published_at", "subcategory", "tags", "township"), PER_PAGE)
    page_obj = page.get_page(request.GET.get("page"))
    context = _frame(town, request, category=chosen, page_obj=page_obj, tag=tag, subcategory=subcategory)
    return render(request, "portal/category.html", context)


@public
@never_cache
def article(request, township: str, pk: int):
    town = _township(township)
    found = get_object_or_404(
        Article.objects.filter(township=town, state__in=(State.PUBLISHED, State.WITHDRAWN)), pk=pk
    )
    counter.hit(found.pk)
    return article_page(request, town, found)


def article_page(request, town: Township, found: Article, *, comment_form=None, status: int = 200):
    """An article with its neighbours and the comments this reader may see (also the page a
    refused comment comes back to, zhidu.portal.views.members). Never cached: a reader sees their
    own comments awaiting moderation."""
    from zhidu.portal.services import attachments
    from zhidu.portal.views.members import comments_context

    neighbours = _published(town).filter(category=found.category).exclude(pk=found.pk)
    previous = next_ = None
    if found.published_at is not None:
        previous = (
            neighbours.filter(
                Q(published_at__lt=found.published_at) | Q(published_at=found.published_at, pk__lt=found.pk)
            )
            .order_by("-published_at", "-id")
            .only("pk", "title", "township")
            .first()
        )
        next_ = (
            neighbours.filter(
                Q(published_at__gt=found.published_at) | Q(published_at=found.published_at, pk__gt=found.pk)
            )
            .order_by("published_at", "id")
            .only("pk", "title", "township")
            .first()
        )
    context = _frame(
        town,
        article=found,
        category=Category(found.category),
        views=found.views + counter.pending(found.pk),
        previous=previous,
        next=next_,
        # A withdrawn article's page stays, saying why; its files are no longer handed out.
        attachments=attachments.listed(found) if found.state == State.PUBLISHED else [],
        **comments_context(request, found, comment_form),
    )
    return render(request, "portal/article.html", context, status=status)


def serve(found: Attachment) -> FileResponse:
    """An attachment's file, streamed from the storage (Storage.open: a directory or object storage
    alike) with the type we stored, never sniffed: `Content-Disposition: attachment` with the name
    as uploaded (RFC 5987 `filename*=utf-8''…` for a Chinese one). A file missing from the storage
    is a 404, not a server error."""
    try:
        handle = found.file.open("rb")
    except (FileNotFoundError, OSError) as error:
        raise Http404 from error
    response = FileResponse(handle, as_attachment=True, filename=found.name, content_type=found.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    return response


@public
def attachment(request, township: str, pk: int, attachment: int):
    """A published article's attachment, to anyone. A draft's, one awaiting approval, a withdrawn
    article's, a removed one and another township's are a 404 like an unknown one."""
    town = _township(township)
    found = get_object_or_404(
        Attachment.objects.filter(
            township=town, article_id=pk, article__state=State.PUBLISHED, removed_at=None
        ),
        pk=attachment,
    )
    response = serve(found)
    # Asked again each time: once the article is withdrawn, no cache goes on handing the file out.
    patch_cache_control(response, no_cache=True)
    return response


class RssFeed(Feed):
    """A category's latest articles (django.contrib.syndication); the Atom one below."""

    zhidu_public = True  # read by the access crawl: a public page

    def get_object(self, request, township: str, category: str):
        return _township(township), _category(category)

    def title(self, obj) -> str:
        town, chosen = obj
        return f"{town.name} · {chosen.label}"

    def link(self, obj) -> str:
        town, chosen = obj
        return reverse("portal:category", kwargs={"township": town.code, "category": chosen.value})

    def description(self, obj) -> str:
        town, chosen = obj
        return _("The latest of %(category)s on the public site of %(township)s") % {
            "category": chosen.label,
            "township": town.name,
        }

    def items(self, obj):
        town, chosen = obj
        return (
            _published(town)
            .filter(category=chosen)
            .select_related("township")
            .order_by("-published_at", "-id")[:FEED_ITEMS]
        )

    def item_title(self, item: Article) -> str:
        return item.title

    def item_description(self, item: Article) -> str:
        return item.body[:500]  # plain text: the feed generator escapes it

    def item_pubdate(self, item: Article):
        return item.published_at

    def item_categories(self, item: Article):
        return item.tag_list


class AtomFeed(RssFeed):
    feed_type = Atom1Feed
    subtitle = RssFeed.description


class ArticleSitemap(Sitemap):
    changefreq = "weekly"

    def __init__(self, township: Township | None = None):
        self.township = township

    def items(self):
        rows = Article.objects.filter(state=State.PUBLISHED).select_related("township").order_by("pk")
        return rows.filter(township=self.township) if self.township else rows

    def lastmod(self, item: Article):
        return item.published_at


class PageSitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        pages = []
        for town in Township.objects.order_by("pk"):
            pages.append(reverse("portal:home", kwargs={"township": town.code}))
            pages += [
                reverse("portal:category", kwargs={"township": town.code, "category": c})
                for c in Category.values
            ]
        return pages

    def location(self, item: str) -> str:
        return item


@public
def sitemap(request):
    return django_sitemap(request, {"pages": PageSitemap(), "articles": ArticleSitemap()})
