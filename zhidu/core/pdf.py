"""PDF of a Word document, from the same .docx through LibreOffice (`soffice --headless
--convert-to pdf`), for every document Zhidu prints (GB/T 9704 layout, zhidu.core.docx).

LibreOffice is a system package (Debian's libreoffice-writer, which `dev.py test` installs); where it
is missing the download says so in words (`PdfUnavailable`), never with a server error."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

from django.http import HttpResponse
from django.utils.translation import gettext as _

TIMEOUT = 60  # seconds: a few pages convert in one or two; a hung soffice must not hold a worker
PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
_GRID = re.compile(rb'(<w:docGrid\b[^>]*\bw:type=")linesAndChars(")')


class PdfUnavailable(Exception):
    """No LibreOffice on this server, or it failed: the message says which, in the user's language."""


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def _for_libreoffice(docx: bytes) -> bytes:
    """LibreOffice's character grid puts a 16 pt glyph in two cells of 15.79 pt on each paragraph's
    first line; with the line grid alone it lays the (15.75 pt, zhidu.core.docx) glyphs by their own
    width: the same 22 lines × 28 characters. Only the grid's type changes; Word keeps its grid."""
    source = zipfile.ZipFile(io.BytesIO(docx))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "word/document.xml":
                data = _GRID.sub(rb"\1lines\2", data)
            target.writestr(info, data)
    return out.getvalue()


def docx_to_pdf(docx: bytes) -> bytes:
    command = soffice()
    if command is None:
        raise PdfUnavailable(
            _(
                "PDF needs LibreOffice on the server (the libreoffice-writer package); download the Word document instead."
            )
        )
    with tempfile.TemporaryDirectory(prefix="zhidu-pdf-") as work:
        source = Path(work) / "document.docx"
        source.write_bytes(_for_libreoffice(docx))
        try:
            result = subprocess.run(
                # A profile of its own: a second conversion never waits on another's lock.
                [command, f"-env:UserInstallation=file://{work}/profile", "--headless", "--norestore",
                 "--convert-to", "pdf", "--outdir", work, str(source)],
                capture_output=True,
                timeout=TIMEOUT,
            )  # fmt: skip
        except subprocess.TimeoutExpired as error:
            raise PdfUnavailable(
                _("LibreOffice did not finish the PDF in time; please try again.")
            ) from error
        target = Path(work) / "document.pdf"
        if result.returncode != 0 or not target.exists():
            raise PdfUnavailable(
                _("LibreOffice could not convert the document to PDF; download the Word document instead.")
            )
        return target.read_bytes()


def document_response(docx: bytes, filename: str, *, pdf: bool = False) -> HttpResponse:
    """The download of a document: the Word file, or (pdf=True) its PDF named alike. Where the PDF
    cannot be made, a 503 page in words (the Word download still works)."""
    if pdf:
        try:
            content, content_type = docx_to_pdf(docx), PDF
        except PdfUnavailable as error:
            return HttpResponse(str(error), status=503, content_type="text/plain; charset=utf-8")
        filename = filename.removesuffix(".docx") + ".pdf"
    else:
        content, content_type = docx, DOCX
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = _disposition(filename)
    return response


def _disposition(filename: str) -> str:
    from django.utils.http import content_disposition_header

    return content_disposition_header(True, filename) or "attachment"
