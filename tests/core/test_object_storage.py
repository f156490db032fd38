"""Uploads in S3-compatible object storage (issue 18, README "Object storage"), against a real S3 HTTP
server the test starts on loopback (moto's ThreadedMotoServer, not patched clients): a material sent
through the item form and a study material through the session form land in the bucket under their
township's prefix with a random name, are private (an anonymous GET of the object is refused), and
come back byte for byte only through Zhidu's permission-checked views, each download audited. The
settings read the environment into S3Storage's options, and the system check warns of a bucket
without credentials or endpoint."""

from __future__ import annotations

import datetime
import importlib
import json
import re
import socket
import urllib.error
import urllib.request

import boto3
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from moto.server import ThreadedMotoServer

from tests import factories
from zhidu.central_study import services as study
from zhidu.central_study.models import StudySession
from zhidu.core import system_checks
from zhidu.core.models import AuditEntry
from zhidu.core.uploads import TownshipUpload
from zhidu.meetings.models import Item, Material

pytestmark = pytest.mark.django_db

BUCKET = "zhidu-uploads"
KEY, SECRET = "zhidu-test-key", "zhidu-test-secret"
PDF = b"%PDF-1.4 \xe6\x9d\x90\xe6\x96\x99\x00\xff" + bytes(range(256)) * 40  # binary, 10 KB


REPORT = b"%PDF-1.4 evaluation \x00\x01"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def s3_endpoint():
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=_free_port(), verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def bucket(s3_endpoint, settings):
    client = boto3.client(
        "s3", endpoint_url=s3_endpoint, region_name="us-east-1", aws_access_key_id=KEY,
        aws_secret_access_key=SECRET,
    )  # fmt: skip
    client.create_bucket(Bucket=BUCKET)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": BUCKET, "endpoint_url": s3_endpoint, "region_name": "us-east-1",
                "access_key": KEY, "secret_key": SECRET, "addressing_style": "path",
                "default_acl": "private", "querystring_auth": True, "file_overwrite": False,
            },
        },
    }  # fmt: skip
    yield client
    for page in client.get_paginator("list_objects_v2").paginate(Bucket=BUCKET):
        for obj in page.get("Contents", []):
            client.delete_object(Bucket=BUCKET, Key=obj["Key"])
    client.delete_bucket(Bucket=BUCKET)


def keys(client) -> list[str]:
    return [obj["Key"] for obj in client.list_objects_v2(Bucket=BUCKET).get("Contents", [])]


def anonymous_status(endpoint: str, key: str) -> int:
    try:
        with urllib.request.urlopen(f"{endpoint}/{BUCKET}/{key}") as response:  # noqa: S310 - loopback
            return int(response.status)
    except urllib.error.HTTPError as error:
        return error.code


def test_an_item_material_goes_to_the_bucket_private_and_comes_back_through_the_view(
    client, town, people, bucket, s3_endpoint
):
    client.force_login(people["clerk"].user)
    response = client.post(
        reverse("meetings:item-propose"),
        {
            "title": "拨付村级道路维修资金", "category": "large_funds", "owner": people["deputy"].pk,
            "description": "东沟村道路维修。", "department": "",
            "evaluation_report": SimpleUploadedFile("论证评估报告.pdf", REPORT, content_type="application/pdf"),
            "materials": [SimpleUploadedFile("预算表.pdf", PDF, content_type="application/pdf")],
        },
    )  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:2000]
    item = Item.objects.get()
    material = Material.objects.get(item=item)
    assert (material.name, item.evaluation_report_name) == ("预算表.pdf", "论证评估报告.pdf")
    # Under the township's prefix, a random name: nothing of the user's file name in the key.
    key, report_key = material.file.name, item.evaluation_report.name
    assert re.fullmatch(rf"townships/{town.pk}/meetings/materials/\d{{4}}/[0-9a-f]{{32}}\.pdf", key), key
    assert re.fullmatch(rf"townships/{town.pk}/meetings/items/\d{{4}}/[0-9a-f]{{32}}\.pdf", report_key)
    assert sorted(keys(bucket)) == sorted([key, report_key])
    assert bucket.get_object(Bucket=BUCKET, Key=key)["Body"].read() == PDF
    for stored in (key, report_key):
        assert anonymous_status(s3_endpoint, stored) == 403
        grants = bucket.get_object_acl(Bucket=BUCKET, Key=stored)["Grants"]
        assert [g["Permission"] for g in grants] == ["FULL_CONTROL"] and "URI" not in grants[0]["Grantee"]

    url = reverse("meetings:item-detail", args=[item.pk])
    assert "预算表.pdf" in client.get(url).content.decode()
    assert s3_endpoint not in client.get(url).content.decode()  # no bucket URL handed out
    download = client.get(url, {"download": str(material.pk)})
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
    assert "attachment" in download["Content-Disposition"]
    entry = AuditEntry.objects.get(action="item.download")
    assert (entry.actor, entry.target_id, entry.township) == (people["clerk"].user, str(item.pk), town)
    assert entry.detail["file"] == key
    report = client.get(url, {"download": "report"})
    assert b"".join(report.streaming_content) == REPORT
    assert "%E8%AE%BA%E8%AF%81%E8%AF%84%E4%BC%B0%E6%8A%A5%E5%91%8A.pdf" in report["Content-Disposition"]
    assert AuditEntry.objects.filter(action="item.download").count() == 2

    # A cadre outside meetings.view, and another township's clerk, get nothing.
    client.force_login(people["cadre"].user)
    assert client.get(url, {"download": str(material.pk)}).status_code == 403
    client.force_login(factories.personas(factories.township(), prefix="o_")["clerk"].user)
    assert client.get(url, {"download": str(material.pk)}).status_code == 404
    assert AuditEntry.objects.filter(action="item.download").count() == 2


def test_a_study_material_goes_to_the_bucket_and_comes_back_through_the_view(
    login, town, bucket, s3_endpoint
):
    office = factories.personas(town)["organization"]
    plan = study.create_plan(
        township=town, by=office, title="下半年学习计划", starts_on=datetime.date(2026, 7, 1),
        ends_on=datetime.date(2026, 12, 31), topics=["四中全会精神"], user=office.user,
    )  # fmt: skip
    form = {
        "kind": "seminar", "held_on": "2026-08-01", "topic": str(plan.topics.first().pk), "subject": "座谈讨论",
        "material": SimpleUploadedFile("学习材料.docx", PDF),
    }  # fmt: skip
    for member in study.members(plan):
        form[f"att_{member.pk}"] = "present"
    client = login(office)
    response = client.post(reverse("central_study:session-new", args=[plan.pk]), form)
    assert response.status_code == 302, response.content.decode()[:2000]
    session = StudySession.objects.get()
    key = session.material.name
    assert re.fullmatch(rf"townships/{town.pk}/central_study/sessions/\d{{4}}/[0-9a-f]{{32}}\.docx", key), key
    assert keys(bucket) == [key] and session.material_name == "学习材料.docx"
    assert anonymous_status(s3_endpoint, key) == 403

    download = client.get(reverse("central_study:session", args=[session.pk]), {"download": "1"})
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
    assert "attachment" in download["Content-Disposition"]
    entry = AuditEntry.objects.get(action="central_study.download")
    assert (entry.actor, entry.target_id, entry.detail["file"]) == (office.user, str(session.pk), key)


def test_the_same_name_twice_keeps_both_files(town, bucket):
    from django.core.files.storage import default_storage

    first = default_storage.save("townships/1/x.pdf", SimpleUploadedFile("x.pdf", b"one"))
    second = default_storage.save("townships/1/x.pdf", SimpleUploadedFile("x.pdf", b"two"))
    assert first != second and sorted(keys(bucket)) == sorted([first, second])
    assert default_storage.open(first).read() == b"one"


def test_a_row_whose_object_is_gone_is_a_404_not_a_500(client, town, people, bucket):
    from zhidu.meetings import services

    item = services.propose_item(
        township=town, proposer=people["clerk"], title="议题", category="general", owner=people["deputy"],
    )  # fmt: skip
    services.attach_materials(item, [SimpleUploadedFile("a.pdf", b"a")], user=people["clerk"].user)
    material = Material.objects.get()
    bucket.delete_object(Bucket=BUCKET, Key=material.file.name)
    client.force_login(people["clerk"].user)
    url = reverse("meetings:item-detail", args=[item.pk])
    assert client.get(url, {"download": str(material.pk)}).status_code == 404
    assert not AuditEntry.objects.filter(action="item.download").exists()


@pytest.mark.django_db(transaction=True)
def test_backup_and_restore_say_the_files_are_in_the_bucket(
    tmp_path, town, people, bucket, s3_endpoint, capsys
):
    from django.core.management import call_command

    from zhidu.meetings import services
    from zhidu.trust import ledger

    item = services.propose_item(
        township=town, proposer=people["clerk"], title="议题", category="general", owner=people["deputy"],
    )  # fmt: skip
    services.attach_materials(item, [SimpleUploadedFile("a.pdf", PDF)], user=people["clerk"].user)
    key = Material.objects.get().file.name
    out = tmp_path / "bk"
    call_command("backup", "--out", str(out))
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["uploads"] == {"storage": "s3", "bucket": BUCKET, "endpoint": s3_endpoint}
    assert list(manifest["files"]) in (["db.sqlite3"], ["db.pgdump"], ["data.xml"])  # no file copied
    said = capsys.readouterr().out
    assert f"上传的文件不在本备份中，在对象存储桶 {BUCKET}（{s3_endpoint}）" in said
    call_command("restore", str(out), "--force")
    assert f"对象存储桶 {BUCKET}" in capsys.readouterr().out and ledger.verify_database().ok
    # The restored row names the object the bucket still holds.
    assert Material.objects.get().file.name == key and Material.objects.get().file.open().read() == PDF


def test_keys_keep_only_a_plain_extension_and_need_the_township():
    class Row:
        township_id = 7

    to = TownshipUpload("meetings/materials")
    assert re.fullmatch(r"townships/7/meetings/materials/\d{4}/[0-9a-f]{32}\.pdf", to(Row(), "预算 表.PDF"))
    assert to(Row(), "a.tar.gz").endswith(".gz") and to(Row(), "a.tar.gz") != to(Row(), "a.tar.gz")
    for name in ("../../etc/passwd", "x.p/df", "报告.文档", "noext", "a.verylongextension"):
        assert re.fullmatch(r"townships/7/meetings/materials/\d{4}/[0-9a-f]{32}", to(Row(), name)), name
    Row.township_id = None
    with pytest.raises(ValueError):
        to(Row(), "a.pdf")


# --- settings and the system check ------------------------------------------------------------------


def _settings_with(monkeypatch, **env):
    for name in ("ZHIDU_S3_ACCESS_KEY", "ZHIDU_S3_SECRET_KEY", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY",
                 "ZHIDU_S3_ENDPOINT_URL", "ZHIDU_S3_REGION", "ZHIDU_S3_ACL", "ZHIDU_S3_ADDRESSING_STYLE"):  # fmt: skip
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    import zhidu.settings

    try:
        return dict(importlib.reload(zhidu.settings).STORAGES)
    finally:
        monkeypatch.undo()
        importlib.reload(zhidu.settings)


def test_settings_choose_s3_only_when_a_bucket_is_named(monkeypatch):
    local = _settings_with(monkeypatch)
    assert local["default"]["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    s3 = _settings_with(
        monkeypatch, ZHIDU_S3_BUCKET="zhidu", ZHIDU_S3_ENDPOINT_URL="https://obs.example.gov.cn",
        ZHIDU_S3_REGION="cn-east-1", ZHIDU_S3_ACCESS_KEY="k", ZHIDU_S3_SECRET_KEY="s",
    )  # fmt: skip
    assert s3["default"] == {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": "zhidu", "endpoint_url": "https://obs.example.gov.cn", "region_name": "cn-east-1",
            "access_key": "k", "secret_key": "s", "default_acl": "private", "querystring_auth": True,
            "file_overwrite": False, "max_memory_size": 2 * 1024 * 1024,
        },
    }  # fmt: skip
    assert s3["staticfiles"]["BACKEND"] == "whitenoise.storage.CompressedStaticFilesStorage"
    # Credentials from AWS_* are left to django-storages, which reads them itself.
    aws = _settings_with(monkeypatch, ZHIDU_S3_BUCKET="zhidu", AWS_ACCESS_KEY_ID="k", ZHIDU_S3_ACL="none")
    assert "access_key" not in aws["default"]["OPTIONS"]
    assert aws["default"]["OPTIONS"]["default_acl"] is None


def ids(found) -> set[str]:
    return {message.id for message in found}


def test_the_check_warns_of_a_bucket_without_credentials_or_endpoint(monkeypatch):
    for name in ("ZHIDU_S3_BUCKET", "ZHIDU_S3_ACCESS_KEY", "ZHIDU_S3_SECRET_KEY", "AWS_ACCESS_KEY_ID",
                 "AWS_SECRET_ACCESS_KEY", "ZHIDU_S3_ENDPOINT_URL", "ZHIDU_S3_ACL"):  # fmt: skip
        monkeypatch.delenv(name, raising=False)
    assert system_checks.check_object_storage() == []  # local disk
    monkeypatch.setenv("ZHIDU_S3_BUCKET", "zhidu")
    assert ids(system_checks.check_object_storage()) == {"zhidu.core.W001", "zhidu.core.W002"}
    monkeypatch.setenv("ZHIDU_S3_ACCESS_KEY", "k")
    assert ids(system_checks.check_object_storage()) == {"zhidu.core.W001", "zhidu.core.W002"}  # no secret
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "s")
    monkeypatch.setenv("ZHIDU_S3_ENDPOINT_URL", "http://127.0.0.1:9000")
    assert system_checks.check_object_storage() == []
    monkeypatch.setenv("ZHIDU_S3_ACL", "public-read")
    assert ids(system_checks.check_object_storage()) == {"zhidu.core.E001"}
