"""The Content-Security-Policy (issue 17): scripts only from Zhidu's own files, which rules out every
inline script and inline event handler. Every browser test watches its pages for violations
(tests/browser/conftest.py); here the header itself, and every template read for what the policy
would refuse, so that a new one is caught before a browser meets it."""

import re
from pathlib import Path

import pytest
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2] / "zhidu"
INLINE_HANDLER = re.compile(r"\son[a-z]+\s*=", re.IGNORECASE)
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
NOT_EXECUTED = re.compile(r'type="application/(ld\+)?json"')


@pytest.mark.django_db
def test_every_page_carries_the_policy(client):
    policy = client.get(reverse("login"))["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    assert directives["script-src"] == "'self'"
    assert directives["object-src"] == "'none'" and directives["frame-ancestors"] == "'none'"
    assert "unsafe-eval" not in policy and "unsafe-inline" not in directives["script-src"]


def test_no_template_has_an_inline_script_or_handler():
    found = []
    for template in sorted(ROOT.rglob("templates/**/*.html")):
        text = template.read_text("utf-8")
        for number, line in enumerate(text.splitlines(), start=1):
            scripts = [m for m in INLINE_SCRIPT.finditer(line) if not NOT_EXECUTED.search(m.group(0))]
            if INLINE_HANDLER.search(line) or scripts:
                found.append(f"{template.relative_to(ROOT)}:{number}: {line.strip()[:120]}")
    assert not found, (
        "inline scripts or handlers (wire them in app.js with data-* attributes):\n" + "\n".join(found)
    )
