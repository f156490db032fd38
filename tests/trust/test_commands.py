"""`zhidu verify` and `zhidu checkpoint`: exit 0 intact, 1 tampered (one line naming the entry),
2 bad arguments — one Chinese line, never a traceback."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from tests.command_line import refusal
from tests.trust.helpers import execute
from zhidu.core.audit import record

ROOT = Path(__file__).resolve().parents[2]


def run(*args):
    try:
        call_command(*args)
    except CommandError as error:
        return error.returncode, str(error)
    return 0, ""


@pytest.mark.django_db
def test_verify_intact_then_tampered(capsys):
    entries = [record(None, "test.write", summary=str(i)) for i in range(3)]
    assert run("verify") == (0, "")
    assert "校验通过：共 3 条链记录" in capsys.readouterr().out
    execute("UPDATE core_auditentry SET summary = 'x' WHERE id = %s", [entries[2].pk])
    code, line = run("verify")
    assert code == 1 and line == f"校验失败：全局链：第 3 条链记录所指的审计记录 #{entries[2].pk}内容被改动"


@pytest.mark.django_db
def test_checkpoint_then_verify_against_it_detects_truncation(tmp_path, capsys):
    entries = [record(None, "test.write", summary=str(i)) for i in range(4)]
    out = tmp_path / "cp.json"
    assert run("checkpoint", "--out", str(out)) == (0, "")
    checkpoint = json.loads(out.read_text())
    assert set(checkpoint) == {
        "format",
        "count",
        "root",
        "chains",
        "hash_algorithm",
        "signed_at",
        "signature",
    }
    assert (checkpoint["count"], checkpoint["hash_algorithm"]) == (4, "sm3")
    assert checkpoint["format"] == "zhidu.checkpoint/2" and list(checkpoint["chains"]) == ["deployment"]
    assert run("verify", "--against", str(out)) == (0, "")
    assert "与检查点" in capsys.readouterr().out
    # The last entry and its row removed by someone who disabled the triggers: the chain alone is
    # consistent, the witness is not.
    execute("DELETE FROM trust_chainentry WHERE seq = 4")
    execute("DELETE FROM core_auditentry WHERE id = %s", [entries[3].pk])
    assert run("verify") == (0, "")
    code, line = run("verify", "--against", str(out))
    assert code == 1 and "第 4 条起被截断" in line


@pytest.mark.django_db
def test_checkpoint_printed_and_refused_on_a_tampered_chain(capsys):
    entry = record(None, "test.write")
    assert run("checkpoint") == (0, "")
    assert json.loads(capsys.readouterr().out)["count"] == 1
    execute("UPDATE core_auditentry SET action = 'x' WHERE id = %s", [entry.pk])
    code, line = run("checkpoint")
    assert code == 1 and line.startswith("拒绝签发检查点")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (None, "不存在"),
        ("not json", "不是 JSON"),
        ('{"count": 1}', "缺少字段"),
        (
            '{"count": 0, "root": "0", "hash_algorithm": "sm3", "signed_at": "t", "signature": "00"}',
            "签名无效",
        ),
    ],
)
def test_verify_against_a_bad_file_exits_2(tmp_path, content, expected):
    path = tmp_path / "cp.json"
    if content is not None:
        path.write_text(content)
    code, line = run("verify", "--against", str(path))
    assert code == 2 and expected in line


def test_on_the_command_line_one_chinese_line_and_the_exit_status(tmp_path):
    # A fresh process on a fresh database: `migrate`, `verify`, and one refusal through the real
    # command line. The other refusals run the same entry point in-process (below).
    env = {
        **os.environ,
        "ZHIDU_VAR_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "zhidu.settings",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'cli.sqlite3'}",
    }
    zhidu_cli = [sys.executable, "-m", "zhidu.cli"]

    def cli(*args):
        return subprocess.run(
            [*zhidu_cli, *args], env=env, cwd=ROOT, capture_output=True, text=True, timeout=120
        )

    assert cli("migrate", "-v", "0").returncode == 0
    ok = cli("verify")
    assert (ok.returncode, ok.stdout.startswith("校验通过：共 0 条")) == (0, True)
    result = cli("verify", "--against", "/nonexistent.json")
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    assert any("\u4e00" <= ch <= "\u9fff" for ch in lines[0])


@pytest.mark.parametrize(
    "args",
    [
        ("verify", "--bogus"),
        ("verify", "--against", "/nonexistent.json"),
        ("backup",),
        ("restore", "/nonexistent-backup-folder"),
    ],
)
def test_refusals_exit_2_with_one_chinese_line(args, capfd):
    line = refusal(capfd, *args)
    assert any("\u4e00" <= ch <= "\u9fff" for ch in line)
