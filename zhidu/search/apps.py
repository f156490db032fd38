from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    """Chinese full-text search over the portal's published articles (issue 15)."""

    name = "zhidu.search"
    label = "search"
    verbose_name = _("Search")

    def ready(self) -> None:
        from django.db.models.signals import post_save

        from zhidu.portal.models import Article, ArticleVersion
        from zhidu.search import index

        # The portal's transitions (approve, withdraw) are conditional UPDATEs, which send no
        # post_save for the Article; each of them keeps an ArticleVersion, whose post_save does.
        # A direct create (publish in one click) sends the Article's own.
        post_save.connect(index.on_article_saved, sender=Article, dispatch_uid="search-article")
        post_save.connect(index.on_version_saved, sender=ArticleVersion, dispatch_uid="search-version")
        from zhidu.core.context import register_navigation

        # The staff archive search, for every signed-in role (each result filtered by its page's rule).
        register_navigation("search:archive", _("Search the archive"), "search.archive")
