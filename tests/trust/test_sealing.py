"""Sealed fields (zhidu.trust.sealing): SM4-GCM as RFC 8998 specifies it, tokens that fail loudly
when the key is wrong, a byte changed or the token moved, no plaintext in the database, an audit
entry for every read, and key rotation that keeps every value readable."""

import base64
import datetime
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from django.core.exceptions import ImproperlyConfigured
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import timezone

from tests import factories
from zhidu.core.models import AuditEntry
from zhidu.personal.models import Flag, Report
from zhidu.trust import sealing

K1 = "k1:" + base64.b64encode(bytes(range(16))).decode()
K2 = "k2:" + base64.b64encode(bytes(range(16, 32))).decode()
K1_OTHER = "k1:" + base64.b64encode(bytes(16)).decode()
ROOT = Path(__file__).resolve().parents[2]
SECRET = "配偶在县城购买商品房一套，价款62万元"


@pytest.fixture(autouse=True)
def _keys(settings):
    settings.ZHIDU_FIELD_KEYS = K1


def ring(raw):
    return sealing.parse_keys(raw)


def test_sm4_gcm_matches_the_rfc_8998_test_vector():
    # RFC 8998 appendix A.1: proves this cryptography/OpenSSL build really does SM4 in GCM mode.
    key = bytes.fromhex("0123456789ABCDEFFEDCBA9876543210")
    nonce = bytes.fromhex("00001234567800000000ABCD")
    aad = bytes.fromhex("FEEDFACEDEADBEEFFEEDFACEDEADBEEFABADDAD2")
    plaintext = bytes.fromhex("".join(c * 16 for c in "ABCDEFEA"))
    encryptor = Cipher(algorithms.SM4(key), modes.GCM(nonce)).encryptor()
    encryptor.authenticate_additional_data(aad)
    ciphertext = encryptor.update(plaintext) + encryptor.finalize()
    assert ciphertext.hex().upper() == (
        "17F399F08C67D5EE19D0DC9969C4BB7D5FD46FD3756489069157B282BB200735"
        "D82710CA5C22F0CCFA7CBF93D496AC15A56834CBCF98C397B4024A2691233B8D"
    )
    assert encryptor.tag.hex().upper() == "83DE3541E4C2B58177E065A9BF7B62EC"


def test_round_trip_and_token_format():
    token = sealing.seal(SECRET, "t", "c", ring(K1))
    version, kid, blob = token.split(":")
    assert (version, kid) == ("s2", "k1")
    raw = base64.urlsafe_b64decode(blob + "=" * (-len(blob) % 4))
    assert len(raw) == 12 + len(SECRET.encode()) + 16  # nonce, ciphertext, tag
    assert sealing._open(token, "t", "c", ring(K1)) == SECRET
    assert sealing.seal(SECRET, "t", "c", ring(K1)) != token  # a fresh random nonce each time


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda t: (t, "t", "c", ring(K1_OTHER)), "校验失败"),  # same key id, wrong key
        (lambda t: (t, "t", "c", ring(K2)), "密钥 k1 不在密钥环中"),  # key no longer in the ring
        (lambda t: (t, "t", "other", ring(K1)), "校验失败"),  # moved to another column
        (lambda t: (t, "other", "c", ring(K1)), "校验失败"),  # moved to another table
        (lambda t: (t.replace("s2:k1:", "s2:k2:"), "t", "c", ring(f"{K1},{K2}")), "校验失败"),
        (lambda t: (t[:-3] + ("A" if t[-3] != "A" else "B") + t[-2:], "t", "c", ring(K1)), "校验失败"),
        (lambda t: (t[:20], "t", "c", ring(K1)), "t.c 的密文"),
        (lambda t: ("plaintext", "t", "c", ring(K1)), "格式无效"),
    ],
    ids=[
        "wrong-key",
        "missing-key",
        "other-column",
        "other-table",
        "key-id-changed",
        "flipped",
        "cut",
        "bad",
    ],
)
def test_a_bad_token_fails_with_a_clear_error(change, message):
    token = sealing.seal(SECRET, "t", "c", ring(K1))
    with pytest.raises(sealing.SealingError, match=message):
        sealing._open(*change(token))


def test_every_byte_is_authenticated():
    token = sealing.seal("短", "t", "c", ring(K1))
    kid, blob = sealing.split_token(token, "t", "c")
    for i in range(len(blob)):
        bad = bytearray(blob)
        bad[i] ^= 0x01
        forged = f"s2:{kid}:" + base64.urlsafe_b64encode(bytes(bad)).decode().rstrip("=")
        with pytest.raises(sealing.SealingError):
            sealing._open(forged, "t", "c", ring(K1))


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("k1", "每项应为"),
        ("k 1:AAAA", "每项应为"),
        ("k1:not-base64!", "不是有效的 base64"),
        ("k1:" + base64.b64encode(bytes(15)).decode(), "应为 16 字节"),
        (f"{K1},{K1}", "重复"),
        (" , ", "没有密钥"),
    ],
)
def test_a_bad_key_setting_is_refused_naming_the_variable(raw, message):
    with pytest.raises(ImproperlyConfigured, match=message) as error:
        sealing.parse_keys(raw)
    assert "ZHIDU_FIELD_KEYS" in str(error.value)


def test_the_first_key_encrypts_and_every_key_decrypts():
    both = ring(f"{K2},{K1}")
    assert both.current == "k2"
    old = sealing.seal(SECRET, "t", "c", ring(K1))
    assert sealing._open(old, "t", "c", both) == SECRET
    assert sealing.key_id(sealing.seal(SECRET, "t", "c", both)) == "k2"


def test_the_development_key_file_is_generated_once_outside_the_database(settings, tmp_path):
    settings.ZHIDU_FIELD_KEYS = ""
    settings.VAR_DIR = tmp_path
    first = sealing.key_ring()
    path = tmp_path / "field_keys"
    assert first.source == "file" and path.exists()
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert sealing.key_ring().keys == first.keys


def test_checks_warn_on_the_development_key_in_production(settings):
    settings.DEBUG = False
    assert sealing.check_deploy_keys() == []
    settings.ZHIDU_FIELD_KEYS = ""
    [warning] = sealing.check_deploy_keys()
    assert warning.id == "zhidu.sealing.W001" and "ZHIDU_FIELD_KEYS" in warning.msg
    settings.DEBUG = True
    assert sealing.check_deploy_keys() == []
    settings.ZHIDU_FIELD_KEYS = "k1:xx"
    [error] = sealing.check_keys()
    assert error.id == "zhidu.sealing.E001"


# --- the model field ----------------------------------------------------------------------------


def make_report(town, details=SECRET, explanation="") -> Report:
    reporter = factories.person(town, "周强")
    return Report.objects.create(
        township=town,
        reporter=reporter,
        occasion="event",
        item="housing",
        event_on=datetime.date(2026, 9, 1),
        due_at=timezone.now(),
        details=details,
        explanation=explanation,
    )


def raw_rows(table: str) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {table}")  # noqa: S608 (a fixed table name)
        return cursor.fetchall()


@pytest.mark.django_db
def test_no_plaintext_in_the_database_and_none_on_the_instance(town):
    report = make_report(town, explanation="房产证办理延迟")
    assert isinstance(report.details, sealing.Sealed)
    assert str(report.details) == sealing.PLACEHOLDER and SECRET not in repr(report.details)
    dump = repr(raw_rows("personal_report"))
    assert SECRET not in dump and "房产证" not in dump and "s2:k1:" in dump
    # Not even as bytes of another encoding: only the token is stored.
    with connection.cursor() as cursor:
        cursor.execute("SELECT details FROM personal_report WHERE id = %s", [report.pk])
        assert cursor.fetchone()[0].startswith("s2:k1:")
    fresh = Report.objects.get(pk=report.pk)
    assert str(fresh.details) == sealing.PLACEHOLDER and not fresh.explanation == ""


@pytest.mark.django_db
def test_every_read_writes_an_audit_entry(town):
    reader = factories.person(town, "赵组织", username="zhao").user
    report = Report.objects.get(pk=make_report(town).pk)
    before = AuditEntry.objects.count()
    assert report.details.reveal(reader, "审核") == SECRET
    entry = AuditEntry.objects.order_by("-id").first()
    assert AuditEntry.objects.count() == before + 1
    assert (entry.action, entry.actor, entry.summary) == ("personal.read", reader, "审核")
    assert (entry.target_type, entry.target_id) == ("personal.report", str(report.pk))
    assert entry.detail["fields"] == ["personal_report.details"]
    assert SECRET not in repr(entry.detail) + entry.summary
    with pytest.raises(ValueError):
        report.details.reveal(reader, " ")
    assert report.explanation.reveal(reader, "审核") == ""  # nothing stored, nothing read
    assert AuditEntry.objects.count() == before + 1


@pytest.mark.django_db
def test_a_token_moved_to_another_column_or_table_fails(town):
    report = make_report(town)
    with pytest.raises(sealing.SealingError, match="不能把 personal_report.details 的密文放入"):
        report.explanation = report.details
    # Moved underneath the application, in SQL: authentication fails on reading.
    with connection.cursor() as cursor:
        cursor.execute("UPDATE personal_report SET explanation = details WHERE id = %s", [report.pk])
    moved = Report.objects.get(pk=report.pk)
    with pytest.raises(sealing.SealingError, match=r"personal_report.explanation（记录 \d+） 的密文校验失败"):
        moved.explanation.reveal(None, "test")
    flag = Flag.objects.create(
        township=town, report=report, code="late", note="x", by=report.reporter, at=timezone.now()
    )
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE personal_flag SET note = (SELECT details FROM personal_report) WHERE id = %s", [flag.pk]
        )
    with pytest.raises(sealing.SealingError, match="personal_flag.note"):
        Flag.objects.get(pk=flag.pk).note.reveal(None, "test")


@pytest.mark.django_db
def test_dumpdata_keeps_the_token(town):
    report = make_report(town)
    field = Report._meta.get_field("details")
    token = field.value_to_string(report)
    assert token.startswith("s2:k1:") and SECRET not in token
    assert field.to_python(token).token == token


# --- rotation -------------------------------------------------------------------------------------


def tokens(column="details"):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id, {column} FROM personal_report ORDER BY id")  # noqa: S608
        return cursor.fetchall()


@pytest.mark.django_db
def test_rotation_reseals_every_value_under_the_new_key_and_is_safe_to_rerun(town, settings, capsys):
    texts = [f"{SECRET}（{i}）" for i in range(7)]
    pks = [
        make_report(town, details=t, explanation=("说明" if i % 2 else "")).pk for i, t in enumerate(texts)
    ]
    Flag.objects.create(
        township=town,
        report_id=pks[0],
        code="late",
        note="标记说明",
        by=Report.objects.get(pk=pks[0]).reporter,
        at=timezone.now(),
    )
    before = dict(tokens())
    settings.ZHIDU_FIELD_KEYS = f"{K2},{K1}"
    call_command("rotate_field_keys", "--batch", "3")
    out = capsys.readouterr().out
    assert "personal_report.details：共 7 行，重新加密 7 行" in out
    assert "personal_report.explanation：共 7 行，重新加密 3 行" in out
    assert "personal_flag.note：共 1 行，重新加密 1 行" in out
    after = dict(tokens())
    assert all(sealing.key_id(t) == "k2" and t != before[pk] for pk, t in after.items())
    assert all(sealing.key_id(t) in {"k2", ""} for _, t in tokens("explanation"))
    # Readable with the new key alone: the old one can now be dropped.
    settings.ZHIDU_FIELD_KEYS = K2
    assert [Report.objects.get(pk=pk).details.reveal(None, "test") for pk in pks] == texts
    assert Flag.objects.get().note.reveal(None, "test") == "标记说明"
    entry = AuditEntry.objects.filter(action="sealing.rotate").get()
    assert entry.detail["key"] == "k2" and entry.detail["columns"]["personal_report.details"] == [7, 7]
    # A second run has nothing left to do.
    call_command("rotate_field_keys")
    assert "重新加密 0 项" in capsys.readouterr().out
    assert dict(tokens()) == after


@pytest.mark.django_db
def test_rotation_without_the_old_key_exits_2_with_one_chinese_line(town, settings):
    make_report(town)
    settings.ZHIDU_FIELD_KEYS = K2
    with pytest.raises(CommandError) as error:
        call_command("rotate_field_keys")
    assert error.value.returncode == 2
    assert str(error.value).startswith("密钥 k1 不在密钥环中") and "\n" not in str(error.value)
    assert AuditEntry.objects.filter(action="sealing.rotate_failed").exists()
    settings.ZHIDU_FIELD_KEYS = "k2:bad"
    with pytest.raises(CommandError) as error:
        call_command("rotate_field_keys")
    assert error.value.returncode == 2 and "ZHIDU_FIELD_KEYS" in str(error.value)


def test_a_bad_key_setting_exits_2_with_one_line_on_the_command_line(tmp_path):
    env = {**os.environ, "ZHIDU_FIELD_KEYS": "k3:zz", "ZHIDU_VAR_DIR": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-m", "zhidu.cli", "rotate_field_keys"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2
    assert result.stderr == "ZHIDU_FIELD_KEYS：密钥 k3 不是有效的 base64\n"
