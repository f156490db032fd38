"""Obligation kinds come from the apps that open them (zhidu.obligations.kinds): every kind the demo
township and the one job open has a registered label, Chinese on the duty list, and the kernel's
own module names no area's kind."""

from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import translation

from zhidu.obligations import kinds
from zhidu.obligations.models import Obligation


@pytest.mark.django_db
def test_every_kind_opened_by_the_demo_and_the_job_has_a_registered_label():
    call_command("demo")
    call_command("sweep")
    opened = set(Obligation.objects.values_list("kind", flat=True))
    assert opened, "the demo opened nothing"
    registered = kinds.kinds()
    assert opened <= set(registered), f"kinds without a label: {sorted(opened - set(registered))}"
    with translation.override("zh-hans"):
        for code in opened:
            label = kinds.kind_label(code)
            assert label != code and any("\u4e00" <= ch <= "\u9fff" for ch in label), (code, label)


def test_areas_register_their_own_kinds_and_sources():
    assert kinds.completed_at_source("notice-receipt")  # meetings, R1§7(2)
    assert kinds.completed_at_source("personal-report")  # personal, R8
    assert not kinds.completed_at_source("publish")
    assert kinds.source_url_name("meetings.meeting") == "meetings:meeting-detail"
    assert kinds.source_url_name("personal.report") == "personal:detail"
    assert kinds.kind_label("no-such-kind") == "no-such-kind"


def test_the_kernel_names_no_area_kind():
    text = Path(kinds.__file__).read_text()
    for code in ("notice-receipt", "publish", "supervision-", "personal-report", "responsibility-letter"):
        assert code not in text, code
