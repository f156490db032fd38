from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from zhidu.core.forms import Form as CoreForm
from zhidu.portal import checks
from zhidu.portal.models import Category, Subcategory


class ArticleForm(forms.Form):
    category = forms.ChoiceField(label=_("Category"), choices=Category.choices)
    subcategory = forms.ChoiceField(
        label=_("Openness category (Party affairs only)"),
        choices=[("", "—"), *Subcategory.choices],
        required=False,
    )
    title = forms.CharField(label=_("Article title"), max_length=200, required=False)
    body = forms.CharField(
        label=_("Text"),
        widget=forms.Textarea(attrs={"rows": 14}),
        required=False,
        help_text=_("Plain text. Leave an empty line between paragraphs."),
    )
    tags = forms.CharField(
        label=_("Tags"),
        max_length=200,
        required=False,
        help_text=_("Separated by commas (the Chinese enumeration comma too)."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    # Checked by zhidu.portal.services.attachments (type, content, size), beside this field.
    attachment = forms.FileField(
        label=_("Attachment"),
        required=False,
        widget=forms.FileInput(attrs={"accept": ",".join(f".{ext}" for ext in checks.ATTACHMENT_TYPES)}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attachment"].help_text = _(
            "Optional: a file published with the article (%(types)s), at most %(limit)s MB."
        ) % {"types": checks.ALLOWED_LABEL, "limit": settings.ZHIDU_PORTAL_ATTACHMENT_MAX_MB}


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for withdrawal (shown to the public)"),
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ProfileForm(forms.Form):
    address = forms.CharField(label=_("Address"), max_length=200, required=False)
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    office_hours = forms.CharField(label=_("Office hours"), max_length=200, required=False)
    introduction = forms.CharField(
        label=_("Introduction"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )


def apply_errors(form: forms.Form, error) -> None:
    """A service's ValidationError onto the form, beside the field it names (the typed text kept)."""
    for field, messages in error.message_dict.items():
        form.add_error(field if field in form.fields else None, messages)


# --- the public's accounts and comments (issue 15) -------------------------------------------------


class ContactForm(CoreForm):
    """Step 1 of signing up or in: where to send the code, and the captcha (zhidu.trust.captchas)."""

    contact = forms.CharField(
        label=_("Mobile number or e-mail"),
        max_length=254,
        widget=forms.TextInput(attrs={"autocomplete": "username", "inputmode": "email"}),
        help_text=_("We send a one-time code there. No password is needed."),
    )
    next = forms.CharField(widget=forms.HiddenInput, required=False, max_length=500)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from zhidu.trust.captchas import captcha_field

        self.fields["captcha"] = captcha_field()


class CodeForm(CoreForm):
    """Step 2: the code received (the contact comes back hidden: nothing is kept between the steps)."""

    contact = forms.CharField(widget=forms.HiddenInput, max_length=254)
    code = forms.CharField(
        label=_("Verification code"),
        max_length=12,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )
    nickname = forms.CharField(
        label=_("Name shown with your comments"),
        max_length=20,
        required=False,
        help_text=_("Optional, for a new account; do not use your real name."),
    )
    next = forms.CharField(widget=forms.HiddenInput, required=False, max_length=500)


class CommentForm(CoreForm):
    body = forms.CharField(
        label=_("Your comment"),
        max_length=2000,
        required=False,  # the service says what is missing, in the words of zhidu.portal.checks
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": "500"}),
        help_text=_("Shown after the party office has read it. At most 500 characters."),
    )


class RefuseCommentForm(CoreForm):
    reason = forms.CharField(
        label=_("Reason (shown to the author)"),
        max_length=200,
        widget=forms.TextInput(),
    )
