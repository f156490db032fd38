"""Sealed values bound to their row (issue 17): swapping two reports' tokens in SQL no longer makes
report #1 open as another person's data; a value copied to another record is sealed again for it;
a queryset update needs `bound(...)`; values of before the binding (`s1`) are bound by migration and
refused until then."""

import base64
import datetime
import secrets

import pytest
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from django.apps import apps as django_apps
from django.db import connection, transaction
from django.utils import timezone

from tests import factories
from zhidu.personal.models import Report
from zhidu.trust import sealing

KEY = bytes(range(16))
K1 = "k1:" + base64.b64encode(KEY).decode()
TEXT_A = "配偶在县城购买商品房一套，价款62万元"
TEXT_B = "子女出国留学，费用自理"


@pytest.fixture(autouse=True)
def _keys(settings):
    settings.ZHIDU_FIELD_KEYS = K1


def report(town, name: str, details: str) -> Report:
    reporter = factories.person(town, name, username=f"u{secrets.token_hex(3)}")
    return Report.objects.create(
        township=town,
        reporter=reporter,
        occasion="event",
        item="housing",
        event_on=datetime.date(2026, 9, 1),
        due_at=timezone.now(),
        details=details,
    )


def stored(pk: int) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT details FROM personal_report WHERE id = %s", [pk])
        return cursor.fetchone()[0]


def put(pk: int, token: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute("UPDATE personal_report SET details = %s WHERE id = %s", [token, pk])


@pytest.mark.django_db
def test_two_reports_whose_tokens_are_swapped_in_sql_both_refuse_to_open(town):
    a, b = report(town, "甲干部", TEXT_A), report(town, "乙干部", TEXT_B)
    assert Report.objects.get(pk=a.pk).details.reveal(None, "核对") == TEXT_A
    token_a, token_b = stored(a.pk), stored(b.pk)
    put(a.pk, token_b)
    put(b.pk, token_a)
    for pk in (a.pk, b.pk):
        with pytest.raises(sealing.SealingError, match=rf"personal_report.details（记录 {pk}）.*其他记录"):
            Report.objects.get(pk=pk).details.reveal(None, "核对")
    put(a.pk, token_a)  # put back where it belongs, it opens again
    assert Report.objects.get(pk=a.pk).details.reveal(None, "核对") == TEXT_A


@pytest.mark.django_db
def test_a_new_record_is_bound_in_the_same_save_and_never_opens_before(town):
    reporter = factories.person(town, "丙干部", username="bing")
    draft = Report(
        township=town,
        reporter=reporter,
        occasion="event",
        item="housing",
        event_on=datetime.date(2026, 9, 1),
        due_at=timezone.now(),
        details=TEXT_A,
    )
    assert draft.details.pending
    with pytest.raises(sealing.SealingError, match="尚未保存"):
        draft.details.reveal(None, "核对")
    draft.save()
    assert not draft.details.pending and draft.details.token == stored(draft.pk)
    assert Report.objects.get(pk=draft.pk).details.reveal(None, "核对") == TEXT_A
    assert draft.details.reveal(None, "核对") == TEXT_A


@pytest.mark.django_db
def test_a_value_copied_to_another_record_is_sealed_again_for_it(town):
    a, b = report(town, "甲干部", TEXT_A), report(town, "乙干部", TEXT_B)
    b.details = Report.objects.get(pk=a.pk).details
    b.save()
    assert stored(b.pk) != stored(a.pk)
    assert Report.objects.get(pk=b.pk).details.reveal(None, "核对") == TEXT_A


@pytest.mark.django_db
def test_a_queryset_update_takes_a_bound_value_and_refuses_plaintext(town):
    a = report(town, "甲干部", TEXT_A)
    with pytest.raises(sealing.SealingError, match="sealing.bound"), transaction.atomic():
        Report.objects.filter(pk=a.pk).update(details=TEXT_B)
    assert Report.objects.get(pk=a.pk).details.reveal(None, "核对") == TEXT_A  # nothing written
    Report.objects.filter(pk=a.pk).update(details=sealing.bound(Report, "details", a.pk, TEXT_B))
    assert Report.objects.get(pk=a.pk).details.reveal(None, "核对") == TEXT_B


def legacy_token(text: str) -> str:
    """A token as Zhidu wrote it before issue 17: table and column in the associated data only."""
    nonce = secrets.token_bytes(12)
    encryptor = Cipher(algorithms.SM4(KEY), modes.GCM(nonce)).encryptor()
    encryptor.authenticate_additional_data(b"zhidu.sealed|s1|k1|personal_report|details")
    body = encryptor.update(text.encode()) + encryptor.finalize()
    return "s1:k1:" + base64.urlsafe_b64encode(nonce + body + encryptor.tag).decode().rstrip("=")


@pytest.mark.django_db
def test_the_migration_binds_every_old_token_to_its_row_and_old_tokens_are_refused_before(town):
    a, b = report(town, "甲干部", TEXT_A), report(town, "乙干部", TEXT_B)
    put(a.pk, legacy_token(TEXT_A))
    put(b.pk, legacy_token(TEXT_B))
    with pytest.raises(sealing.SealingError, match="旧格式"):
        Report.objects.get(pk=a.pk).details.reveal(None, "核对")
    bind = sealing.bind_legacy_tokens("personal")
    bind(django_apps, None)
    assert stored(a.pk).startswith("s2:k1:") and stored(b.pk).startswith("s2:k1:")
    assert Report.objects.get(pk=a.pk).details.reveal(None, "核对") == TEXT_A
    assert Report.objects.get(pk=b.pk).details.reveal(None, "核对") == TEXT_B
    before = (stored(a.pk), stored(b.pk))
    bind(django_apps, None)  # a second run changes nothing
    assert (stored(a.pk), stored(b.pk)) == before


def test_the_migration_on_empty_tables_needs_no_key(settings, tmp_path, django_db_blocker):
    settings.ZHIDU_FIELD_KEYS = ""
    settings.VAR_DIR = str(tmp_path)
    with django_db_blocker.unblock():
        sealing.bind_legacy_tokens("petitions")(django_apps, None)
    assert not (tmp_path / "field_keys").exists()
