"""The township's public portal: articles (公告公示, 党务公开 with R11's eight categories, 新闻中心,
接访安排, 社情民意), every version of each kept, and the township's public identity (SiteProfile).

A small app of our own rather than Wagtail: the rows carry their township like every other area
(TownshipScoped), the permission matrix and the audit are the project's, and the pages are plain
server-rendered templates. Nothing here is deleted: a withdrawn article stays, saying why."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from zhidu.org.models import TownshipScoped
from zhidu.trust.sealing import SealedTextField

# R11 第八条(一) 1–8: the vocabulary of zhidu.openness.checks.CATEGORIES, repeated here because the
# portal is a kernel below the areas and imports none (tests/portal/test_models.py keeps the two equal).
OPENNESS_CATEGORIES: tuple[tuple[str, str], ...] = (
    ("decisions", "党组织决议、决定及执行情况"),
    ("ideology", "党的思想建设情况"),
    ("organization", "党的组织管理情况"),
    ("leadership", "领导班子建设情况"),
    ("cadres", "干部选任和管理情况"),
    ("service", "联系和服务党员、群众情况"),
    ("integrity", "党风廉政建设情况"),
    ("other", "其他根据需要应当公开的事项"),
)


class Category(models.TextChoices):
    NOTICES = "notices", _("Notices and announcements")  # 公告公示
    PARTY_AFFAIRS = "party_affairs", _("Party affairs openness")  # 党务公开 (R11)
    NEWS = "news", _("News centre")  # 新闻中心
    RECEPTION = "reception", _("Reception schedule")  # 接访安排 (R21)
    OPINIONS = "opinions", _("Public opinion results")  # 社情民意 (R16 第二十一条)


class Subcategory(models.TextChoices):
    """党务公开's eight content categories (R11 第八条(一)); empty for the other categories."""

    DECISIONS = "decisions", _("Decisions of the Party organization and their implementation")
    IDEOLOGY = "ideology", _("Ideological work of the Party")
    ORGANIZATION = "organization", _("Organizational management of the Party")
    LEADERSHIP = "leadership", _("Building of the leading team")
    CADRES = "cadres", _("Selection and management of cadres")
    SERVICE = "service", _("Contact with and service to members and the public")
    INTEGRITY = "integrity", _("Party conduct and clean government")
    OTHER = "other", _("Other matters to be made public")


class Article(TownshipScoped):
    """One public page of a township's portal. Written only by zhidu.portal.services."""

    class State(models.TextChoices):
        DRAFT = "draft", _("draft (unpublished)")
        AWAITING = "awaiting", _("awaiting approval")
        PUBLISHED = "published", _("published")
        WITHDRAWN = "withdrawn", _("withdrawn")

    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    subcategory = models.CharField(
        _("openness category"), max_length=20, choices=Subcategory.choices, blank=True
    )
    title = models.CharField(_("title"), max_length=200)
    # Plain text; paragraphs are separated by blank lines and escaped on output.
    body = models.TextField(_("text"))
    tags = models.CharField(_("tags"), max_length=200, blank=True)  # "、"-separated, normalized
    state = models.CharField(_("state"), max_length=12, choices=State.choices, default=State.DRAFT)
    version = models.PositiveIntegerField(_("version"), default=1)
    published_at = models.DateTimeField(_("date published"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawal_reason = models.CharField(_("reason for withdrawal"), max_length=300, blank=True)
    # The record this page publishes (as zhidu.obligations does): "meetings.agendaentry" and its id.
    source_type = models.CharField(_("source type"), max_length=60, blank=True)
    source_id = models.CharField(_("source id"), max_length=40, blank=True)
    # Read counts, flushed in batches from each process's counter (zhidu.portal.counter): no row per
    # reader, nothing about who read.
    views = models.PositiveIntegerField(_("views"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"))
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("portal article")
        verbose_name_plural = _("portal articles")
        ordering = ["-published_at", "-id"]
        indexes = [
            models.Index(
                fields=["township", "state", "category", "-published_at"], name="article_township_list"
            ),
            models.Index(fields=["township", "source_type", "source_id"], name="article_township_source"),
        ]
        constraints = [
            # A record is published once at a time: two clicks of "publish" (or two clerks) on the same
            # decision make one page; after a withdrawal it may be published again.
            models.UniqueConstraint(
                fields=["township", "source_type", "source_id"],
                condition=models.Q(state="published") & ~models.Q(source_type=""),
                name="article_source_published_once",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("portal:article", kwargs={"township": self.township.code, "pk": self.pk})

    @property
    def tag_list(self) -> list[str]:
        return [t for t in self.tags.split("、") if t]

    @property
    def paragraphs(self) -> list[str]:
        from zhidu.portal.checks import paragraphs

        return paragraphs(self.body)

    @property
    def is_public(self) -> bool:
        return self.state in (self.State.PUBLISHED, self.State.WITHDRAWN)


class ArticleVersion(TownshipScoped):
    """Every saved text of an article, in order: nothing is overwritten without a trace."""

    article = models.ForeignKey(Article, on_delete=models.PROTECT, related_name="versions")
    version = models.PositiveIntegerField(_("version"))
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    subcategory = models.CharField(
        _("openness category"), max_length=20, choices=Subcategory.choices, blank=True
    )
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"))
    tags = models.CharField(_("tags"), max_length=200, blank=True)
    state = models.CharField(_("state"), max_length=12, choices=Article.State.choices)
    note = models.CharField(_("note"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"))

    class Meta:
        verbose_name = _("article version")
        verbose_name_plural = _("article versions")
        ordering = ["article", "version"]
        indexes = [models.Index(fields=["township", "article"], name="articleversion_township")]
        constraints = [models.UniqueConstraint(fields=["article", "version"], name="articleversion_once")]


def attachment_path(instance: Attachment, filename: str) -> str:
    """Where an attachment's file is kept in the default storage (a directory or an S3 bucket, by
    settings.STORAGES): under its township, named by a random token and the checked extension,
    never by the uploader's file name (which may name a person, a path, or collide)."""
    from zhidu.portal.checks import extension

    ext = extension(filename)
    token = secrets.token_hex(16)
    return f"townships/{instance.township_id}/portal/attachments/{token}{'.' + ext if ext else ''}"


class Attachment(TownshipScoped):
    """A file published with an article (the notice as signed, a table). Added and removed only while
    the article is a draft (or awaiting approval, which sends it back to draft), through
    zhidu.portal.services.attachments; a published article's attachments are what the approver
    published. A removed one keeps its row (name, size, sha256: what it was), its file is deleted."""

    article = models.ForeignKey(Article, on_delete=models.PROTECT, related_name="attachments")
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=200)
    name = models.CharField(_("file name"), max_length=200)  # as uploaded: what the reader downloads
    size = models.PositiveBigIntegerField(_("size"))
    content_type = models.CharField(_("content type"), max_length=100)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded at"))
    removed_at = models.DateTimeField(_("removed at"), null=True, blank=True)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("article attachment")
        verbose_name_plural = _("article attachments")
        ordering = ["uploaded_at", "id"]
        indexes = [models.Index(fields=["township", "article"], name="attachment_township_article")]

    def __str__(self) -> str:
        return self.name

    @property
    def type_label(self) -> str:
        from zhidu.portal.checks import attachment_type

        kind = attachment_type(self.name)
        return kind.label if kind else ""

    @property
    def size_label(self) -> str:
        from zhidu.portal.checks import size_label

        return size_label(self.size)

    def get_absolute_url(self) -> str:
        """The public download (a published article's attachment only)."""
        return reverse(
            "portal:attachment",
            kwargs={"township": self.township.code, "pk": self.article_id, "attachment": self.pk},
        )


class SiteProfile(TownshipScoped):
    """The township's public identity beside its name (Township has no address or hours): kept by
    the party office."""

    address = models.CharField(_("address"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    office_hours = models.CharField(_("office hours"), max_length=200, blank=True)
    introduction = models.TextField(_("introduction"), blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("site profile")
        verbose_name_plural = _("site profiles")
        constraints = [models.UniqueConstraint(fields=["township"], name="siteprofile_once")]


# --- members of the public and their comments (issue 15) -------------------------------------------


class ContactChannel(models.TextChoices):
    """How a member of the public is reached with their verification code (zhidu.notifications)."""

    EMAIL = "email", _("e-mail")
    SMS = "sms", _("mobile phone")


class PublicAccount(TownshipScoped):
    """A member of the public who signed up with a mobile number or an e-mail address and a one-time
    code: not a staff User (no role, no permission, never in request.user), signed in by its own
    cookie (zhidu.portal.public_session). The contact is sealed (personal data, 个人信息保护法); it
    is found again by `contact_digest`, a keyed hash of the normalized contact."""

    channel = models.CharField(_("reached by"), max_length=10, choices=ContactChannel.choices)
    contact_digest = models.CharField(max_length=64)
    contact = SealedTextField(_("mobile number or e-mail"), audit_action="portal.account_contact_read")
    nickname = models.CharField(_("name shown with comments"), max_length=20)
    # Raised by signing out: every cookie signed with an older value is void (all devices).
    session_epoch = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(_("created at"))
    signed_in_at = models.DateTimeField(_("last signed in at"), null=True, blank=True)

    class Meta:
        verbose_name = _("public account")
        verbose_name_plural = _("public accounts")
        constraints = [
            models.UniqueConstraint(fields=["township", "contact_digest"], name="publicaccount_contact_once")
        ]

    def __str__(self) -> str:
        # What the audit trail names as the actor: never the contact.
        return f"public:{self.pk}"


class VerificationCode(TownshipScoped):
    """A one-time code sent to a contact: stored only as a keyed hash, valid for CODE_MINUTES, a
    few wrong tries, used once; a newer code for the same contact voids the older ones."""

    channel = models.CharField(_("reached by"), max_length=10, choices=ContactChannel.choices)
    contact_digest = models.CharField(max_length=64)
    code_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(_("created at"))
    expires_at = models.DateTimeField(_("expires at"))
    attempts = models.PositiveSmallIntegerField(_("wrong tries"), default=0)
    used_at = models.DateTimeField(_("used at"), null=True, blank=True)

    class Meta:
        verbose_name = _("verification code")
        verbose_name_plural = _("verification codes")
        indexes = [
            models.Index(
                fields=["township", "contact_digest", "-created_at"], name="verificationcode_contact"
            )
        ]


class Comment(TownshipScoped):
    """A member of the public's comment under a published article: pre-moderated. Shown to its
    author at once (待审核) and to everyone else only once the party office approved it."""

    class State(models.TextChoices):
        PENDING = "pending", _("awaiting moderation")
        HELD = "held", _("held for review")
        APPROVED = "approved", _("approved and shown")
        REFUSED = "refused", _("not approved")

    class Hold(models.TextChoices):
        NONE = "", _("no automatic hold")
        PROHIBITED = "prohibited", _("prohibited content")
        DUPLICATE = "duplicate", _("duplicate")

    article = models.ForeignKey(Article, on_delete=models.PROTECT, related_name="comments")
    account = models.ForeignKey(PublicAccount, on_delete=models.PROTECT, related_name="comments")
    body = models.TextField(_("comment"))
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.PENDING)
    hold = models.CharField(_("automatic hold"), max_length=12, choices=Hold.choices, blank=True)
    hold_detail = models.CharField(_("why it was held"), max_length=200, blank=True)
    refusal_reason = models.CharField(_("reason (shown to the author)"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created at"))
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(fields=["township", "article", "state", "created_at"], name="comment_article"),
            models.Index(fields=["township", "state", "created_at"], name="comment_queue"),
            models.Index(fields=["township", "account", "-created_at"], name="comment_account"),
        ]

    def __str__(self) -> str:
        return f"{self.article_id}#{self.pk}"
