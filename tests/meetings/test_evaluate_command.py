"""`zhidu evaluate FILE`: the spec examples through the real command (with the real calendar of
zhidu.workdays), and the refusals (exit 2, one line on stderr, no traceback): one through the real
command, the other variants through the same entry point in this process (tests/command_line.py)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.command_line import feed_stdin, refusal, zhidu
from tests.meetings.factory import item, record

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "tests" / "spec_examples"
ALL_EXAMPLES = sorted(p for p in EXAMPLES.glob("[0-9]*.json") if not p.name.endswith(".expected.json"))
# The meeting records; the case records (petitions, family events, daily logs) are judged in
# tests/rules/test_case_examples.py.
EXAMPLE_FILES = [
    p for p in ALL_EXAMPLES if json.loads(p.read_text("utf-8")).get("format") == "zhidu.meeting/1"
]
SHARED = ROOT.parent / "shared" / "spec" / "examples"


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "zhidu.cli", "evaluate", *args],
        cwd=ROOT,
        input=stdin,
        capture_output=True,
        timeout=60,
        check=False,
    )


def assert_matches(expected, actual, path="$"):
    """Every key the expected document has, with the same value (lists: same length, item by item)."""
    if isinstance(expected, dict):
        assert isinstance(actual, dict), path
        for key, value in expected.items():
            assert key in actual, f"{path}.{key} missing"
            assert_matches(value, actual[key], f"{path}.{key}")
    elif isinstance(expected, list):
        assert isinstance(actual, list) and len(actual) == len(expected), path
        for index, (e, a) in enumerate(zip(expected, actual, strict=True)):
            assert_matches(e, a, f"{path}[{index}]")
    else:
        assert actual == expected, f"{path}: {actual!r} != {expected!r}"


def test_the_spec_examples_are_there():
    """The suite's copy of the spec examples: all ten, four of them meetings; where the shared spec
    is beside the clone, the copy is identical to it (a clean clone tests them without it)."""
    assert [p.name[:2] for p in ALL_EXAMPLES] == [f"{n:02d}" for n in range(1, 11)]
    assert [p.name[:2] for p in EXAMPLE_FILES] == ["01", "02", "03", "04"]
    if SHARED.is_dir():
        for shared in sorted(SHARED.glob("*.json")):
            copy = EXAMPLES / shared.name
            assert copy.is_file(), f"tests/spec_examples lacks {shared.name}"
            assert json.loads(copy.read_text("utf-8")) == json.loads(shared.read_text("utf-8")), shared.name


@pytest.mark.parametrize("example", EXAMPLE_FILES, ids=lambda p: p.stem)
def test_spec_example(example):
    result = run(str(example.relative_to(ROOT)))
    assert result.returncode == 0, result.stderr.decode()
    assert result.stderr == b""
    output = json.loads(result.stdout.decode("utf-8"))
    assert list(output) == ["format", "quorum", "findings", "items", "obligations"]
    assert output["format"] == "zhidu.evaluation/1"
    expected = json.loads(example.with_name(example.stem + ".expected.json").read_text("utf-8"))
    assert_matches(expected, output)


@pytest.mark.django_db
def test_output_is_readable_chinese_json_with_findings(monkeypatch, capfd):
    data = record(items=[item(approved=False)])
    feed_stdin(monkeypatch, json.dumps(data, ensure_ascii=False).encode("utf-8"))
    assert zhidu("evaluate", "-") == 0
    text, err = capfd.readouterr()
    assert err == ""
    assert "未经" in text and "\\u" not in text
    output = json.loads(text)
    assert list(output["items"][0]["findings"][0]) == ["code", "severity", "article", "message"]
    assert list(output["obligations"][0]) == ["code", "item", "due", "provisional"]


def test_a_refusal_on_the_real_command_line(tmp_path):
    # The process boundary itself: exit status 2, one line on stderr, nothing on stdout and no
    # traceback, with Django started as the installed command starts it.
    data = record(items=[item(vote={"method": "named_ballot", "ballots": {"yang": "for", "zhao": "for"}})])
    path = tmp_path / "m.json"
    path.write_text(json.dumps(data), "utf-8")
    result = run(str(path))
    assert result.returncode == 2
    assert result.stdout == b""
    text = result.stderr.decode("utf-8")
    assert "Traceback" not in text
    assert text.endswith("\n") and text.count("\n") == 1, text
    assert 'items[0].vote.ballots.zhao: 未知成员 "zhao"' in text and str(path) in text


def evaluate(capfd, *args: str) -> str:
    return refusal(capfd, "evaluate", *args)


def test_missing_file(tmp_path, capfd):
    assert "文件不存在" in evaluate(capfd, str(tmp_path / "nope.json"))


def test_directory(tmp_path, capfd):
    assert "是目录" in evaluate(capfd, str(tmp_path))


def test_no_argument_and_two_arguments(capfd):
    assert "用法" in evaluate(capfd)
    assert "用法" in evaluate(capfd, "a.json", "b.json")


def test_bad_json_names_line_and_column(tmp_path, capfd):
    path = tmp_path / "bad.json"
    path.write_text('{\n  "format": "zhidu.meeting/1",\n  "body" "team"\n}\n', "utf-8")
    assert "第 3 行第 10 列" in evaluate(capfd, str(path))


def test_not_utf8(tmp_path, capfd):
    path = tmp_path / "gbk.json"
    path.write_bytes(json.dumps(record(), ensure_ascii=False).encode("gbk"))
    assert "UTF-8" in evaluate(capfd, str(path))


@pytest.mark.django_db
def test_byte_order_mark_is_accepted(tmp_path, capfd):
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(record()).encode("utf-8"))
    assert zhidu("evaluate", str(path)) == 0
    out, err = capfd.readouterr()
    assert err == "" and json.loads(out)["format"] == "zhidu.evaluation/1"


def test_duplicate_key(tmp_path, capfd):
    path = tmp_path / "dup.json"
    text = json.dumps(record())
    path.write_text(text[:-1] + ', "chair": "qiu"}', "utf-8")
    assert '"chair"' in evaluate(capfd, str(path))


@pytest.mark.django_db
def test_unknown_ballot_member_names_the_field(tmp_path, capfd):
    data = record(items=[item(vote={"method": "named_ballot", "ballots": {"yang": "for", "zhao": "for"}})])
    path = tmp_path / "m.json"
    path.write_text(json.dumps(data), "utf-8")
    line = evaluate(capfd, str(path))
    assert 'items[0].vote.ballots.zhao: 未知成员 "zhao"' in line
    assert str(path) in line


@pytest.mark.django_db
def test_naive_datetime_from_stdin(monkeypatch, capfd):
    feed_stdin(monkeypatch, json.dumps(record(held_at="2026-03-10T09:00:00")).encode())
    line = evaluate(capfd, "-")
    assert "标准输入" in line and "held_at: 不是带时区的 ISO 8601 时间" in line


@pytest.mark.django_db
def test_top_level_not_an_object(monkeypatch, capfd):
    feed_stdin(monkeypatch, b"[1, 2]")
    assert "应为对象" in evaluate(capfd, "-")


def test_main_in_process_returns_status(tmp_path, capsys):
    from zhidu.rules.evaluate_command import main

    assert main([str(tmp_path / "nope.json")]) == 2
    assert main(["--help"]) == 0


@pytest.mark.django_db
def test_an_unknown_format_names_the_known_ones(tmp_path, capfd):
    path = tmp_path / "p.json"
    path.write_text(json.dumps({"format": "zhidu.petition/0"}), "utf-8")
    line = evaluate(capfd, str(path))
    assert 'format: 未知的记录格式 "zhidu.petition/0"' in line and "zhidu.meeting/1" in line


@pytest.mark.django_db
def test_a_missing_format_names_the_known_ones(monkeypatch, capfd):
    feed_stdin(monkeypatch, b'{"body": "team"}')
    line = evaluate(capfd, "-")
    assert "format: 缺少字段" in line and "zhidu.meeting/1" in line
