"""Where an upload is stored: `townships/<township pk>/<area>/<year>/<random>.<ext>`.

The same keys on local disk and in object storage (README "Object storage"): one township's files
sit under one prefix (to copy, purge or grant a bucket policy per township), and the stored name is
random, so neither a bucket listing nor a guessed key tells what a file is or who sent it. The name
the user gave is kept on the row (Material.name, StudySession.material_name, ...) and given back by
the download view."""

from __future__ import annotations

import os
import secrets

from django.db import models
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404
from django.utils import timezone
from django.utils.deconstruct import deconstructible

from zhidu.core import audit

# Only an extension of letters and digits is kept (".pdf", ".docx"): it tells a browser or a
# preview what the file is; anything else in the user's name never reaches the key.
_MAX_EXTENSION = 10


@deconstructible
class TownshipUpload:
    """A FileField's `upload_to` for a township-scoped row: `upload_to=TownshipUpload("meetings/materials")`."""

    def __init__(self, area: str):
        self.area = area.strip("/")

    def __call__(self, instance, filename: str) -> str:
        township_id = getattr(instance, "township_id", None)
        if township_id is None:
            raise ValueError(f"{type(instance).__name__}: an upload needs the row's township first")
        extension = os.path.splitext(filename)[1].lower()
        if not (1 < len(extension) <= _MAX_EXTENSION and extension[1:].isascii() and extension[1:].isalnum()):
            extension = ""
        year = timezone.localdate().year
        return f"townships/{township_id}/{self.area}/{year}/{secrets.token_hex(16)}{extension}"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, TownshipUpload) and other.area == self.area

    def __hash__(self) -> int:
        return hash(self.area)


def serve(
    field: FieldFile, filename: str, *, user, target: models.Model, action: str, request
) -> FileResponse:
    """An upload streamed to a user the calling view has already let through: read through the
    storage API (local disk or the bucket alike, never a path or the bucket's own URL), with the
    audit entry of who took which file written first. A row naming a file the storage no longer
    holds is a 404."""
    if not field:
        raise Http404
    try:
        handle = field.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    audit.record(user, action, target, summary=filename, request=request, file=field.name)
    return FileResponse(handle, as_attachment=True, filename=filename)
