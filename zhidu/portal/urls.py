from django.urls import path

from zhidu.portal.views import members, moderation, public, staff

app_name = "portal"

urlpatterns = [
    # The party office's pages (before the public ones: "staff" is not a township's code).
    path("staff/articles/", staff.article_list, name="staff-list"),
    path("staff/articles/new/", staff.article_new, name="staff-new"),
    path("staff/articles/check/", staff.article_check, name="staff-check"),
    path("staff/articles/<int:pk>/", staff.article_edit, name="staff-edit"),
    path("staff/articles/<int:pk>/submit/", staff.article_submit, name="staff-submit"),
    path("staff/articles/<int:pk>/approve/", staff.article_approve, name="staff-approve"),
    path("staff/articles/<int:pk>/withdraw/", staff.article_withdraw, name="staff-withdraw"),
    path("staff/attachments/<int:pk>/", staff.attachment_download, name="staff-attachment"),
    path("staff/attachments/<int:pk>/remove/", staff.attachment_remove, name="staff-attachment-remove"),
    path("staff/profile/", staff.profile, name="staff-profile"),
    path("staff/comments/", moderation.queue, name="staff-comments"),
    path("staff/comments/<int:pk>/approve/", moderation.approve, name="staff-comment-approve"),
    path("staff/comments/<int:pk>/refuse/", moderation.refuse, name="staff-comment-refuse"),
    # Public, without log-in.
    path("", public.index, name="index"),
    path("sitemap.xml", public.sitemap, name="sitemap"),
    path("<slug:township>/", public.home, name="home"),
    path("<slug:township>/a/<int:pk>/", public.article, name="article"),
    path("<slug:township>/a/<int:pk>/comment/", members.comment, name="comment"),
    path("<slug:township>/a/<int:pk>/files/<int:attachment>/", public.attachment, name="attachment"),
    path("<slug:township>/account/", members.account, name="account"),
    path("<slug:township>/account/verify/", members.verify, name="account-verify"),
    path("<slug:township>/account/sign-out/", members.sign_out, name="account-sign-out"),
    path("<slug:township>/c/<slug:category>/", public.category, name="category"),
    path("<slug:township>/c/<slug:category>/rss/", public.RssFeed(), name="feed-rss"),
    path("<slug:township>/c/<slug:category>/atom/", public.AtomFeed(), name="feed-atom"),
]
