"""The one way drafts are written: saved while the user types, read when the form is shown again,
discarded when the form was sent (zhidu.drafts.middleware) or by the user, forgotten after
DRAFT_DAYS by the scheduler's job. A draft is the user's own scratch, not a record of the
committee: no audit entry (it would log every keystroke batch), no notification."""

from __future__ import annotations

import datetime
import json
import re
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zhidu.core.permissions import Actor, require
from zhidu.drafts.models import Draft
from zhidu.org.models import Township

# A form forgotten for a month is not coming back; its text should not stay on the server forever.
DRAFT_DAYS = 30
MAX_BYTES = 64 * 1024  # the JSON of one draft: a long minutes text is some thousands of characters
MAX_FIELDS = 400  # a meeting's record form has a few fields per member
KEY = re.compile(r"^[a-z_]+(\.[a-z_]+)*(:[0-9A-Za-z_-]{1,40})?$")
# Never kept, whatever a form calls them: secrets and one-time codes (the JS skips them too).
SECRET = re.compile(r"password|passwd|totp|otp|secret|token|csrf", re.IGNORECASE)

Value = str | list[str]


def clean_key(key: str) -> str:
    if len(key) > 200 or not KEY.match(key):
        raise ValidationError({"key": _("Not a form that keeps drafts.")})
    return key


def clean_data(text: str) -> dict[str, Value]:
    """The posted JSON: an object of field names to text or lists of text, not too large."""
    if len(text.encode()) > MAX_BYTES:
        raise ValidationError(
            {"typed": _("The draft is too long to keep (at most %d KB).") % (MAX_BYTES // 1024)}
        )
    try:
        data: Any = json.loads(text)
    except ValueError:
        raise ValidationError({"typed": _("The draft is not valid JSON.")}) from None
    if not isinstance(data, dict):
        raise ValidationError({"typed": _("The draft must be an object of field names and values.")})
    if len(data) > MAX_FIELDS:
        raise ValidationError({"typed": _("The draft has too many fields (at most %d).") % MAX_FIELDS})
    kept: dict[str, Value] = {}
    for name, value in data.items():
        ok = isinstance(value, str) or (isinstance(value, list) and all(isinstance(v, str) for v in value))
        if (
            not ok
            or "\x00" in name
            or any("\x00" in v for v in ([value] if isinstance(value, str) else value))
        ):
            raise ValidationError({"typed": _("The draft's field %s is not text.") % name[:40]})
        if not SECRET.search(name):
            kept[name] = value
    return kept


def _user_id(user: Actor) -> int:
    if not isinstance(user.pk, int):  # the system's own jobs type into no form
        raise PermissionDenied("drafts: no user")
    return user.pk


def load(user: Actor, township: Township, key: str) -> Draft | None:
    require(user, "drafts.keep", township)
    cutoff = timezone.now() - datetime.timedelta(days=DRAFT_DAYS)
    return Draft.objects.filter(
        township=township, user_id=_user_id(user), key=key, updated_at__gte=cutoff
    ).first()


def mine(user: Actor, township: Township) -> list[Draft]:
    """The user's unexpired drafts in this township, the latest first."""
    require(user, "drafts.keep", township)
    cutoff = timezone.now() - datetime.timedelta(days=DRAFT_DAYS)
    rows = Draft.objects.filter(township=township, user_id=_user_id(user), updated_at__gte=cutoff)
    return list(rows.order_by("-updated_at", "-pk")[:100])


def save(user: Actor, township: Township, key: str, data: dict[str, Value]) -> Draft:
    require(user, "drafts.keep", township)
    clean_key(key)
    with transaction.atomic():
        draft, _created = Draft.objects.update_or_create(
            township=township, user_id=_user_id(user), key=key, defaults={"data": data}
        )
    return draft


def discard(user: Actor, township: Township, key: str) -> int:
    """Forget the user's draft of `key` (sent, or thrown away); how many rows went (0 or 1)."""
    require(user, "drafts.keep", township)
    deleted, _rows = Draft.objects.filter(township=township, user_id=_user_id(user), key=key).delete()
    return deleted


def sweep_step(township: Township, day: datetime.date) -> int:
    """The job's step for one township: forget the drafts untouched for DRAFT_DAYS. It opens no
    obligation, so it counts none (the job's report counts opened obligations)."""
    start = datetime.datetime.combine(day, datetime.time.min, tzinfo=timezone.get_current_timezone())
    Draft.objects.filter(
        township=township, updated_at__lt=start - datetime.timedelta(days=DRAFT_DAYS)
    ).delete()
    return 0
