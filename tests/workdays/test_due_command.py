"""`zhidu due` (shared/spec/meeting-record.md): the four spec examples and one refusal through the
real command on a fresh state folder; the other variants through the same entry point in this
process (tests/command_line.py)."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.command_line import refusal, zhidu

ROOT = Path(__file__).resolve().parents[2]


def run(args, tmp_path):
    env = {**os.environ, "ZHIDU_VAR_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "zhidu.settings"}
    return subprocess.run(
        [sys.executable, "-m", "zhidu.cli", "due", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


SPEC = [
    ("--after 2026-09-10 --days 30", "2026-10-10"),
    ("--after 2026-09-30 --workdays 1", "2026-10-08"),
    ("--before 2026-10-08 --workdays 1", "2026-09-30"),
    ("--before 2026-10-12 --days 10", "2026-09-30"),
]


@pytest.mark.parametrize(("args", "expected"), SPEC)
def test_spec_examples(args, expected, tmp_path):
    # A fresh state folder: no database yet, the command works before `migrate` too.
    result = run(args.split(), tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == expected + "\n"
    assert result.stderr == ""


@pytest.mark.django_db
def test_json(capfd):
    assert zhidu("due", "--after", "2026-09-10", "--days", "30", "--json") == 0
    out, err = capfd.readouterr()
    assert (out.strip(), err) == ('{"due": "2026-10-10", "provisional": false}', "")
    assert zhidu("due", "--after", "2026-12-31", "--workdays", "1", "--json") == 0
    assert json.loads(capfd.readouterr().out) == {"due": "2027-01-04", "provisional": True}


BAD = [
    ([], "缺少 --after"),
    (["--days", "3"], "缺少 --after"),
    (["--after", "2026-09-10"], "缺少 --days"),
    (["--after"], "--after 缺少取值"),
    (["--after", "2026-09-10", "--before", "2026-09-10", "--days", "1"], "--after 与 --before"),
    (["--after", "2026-09-10", "--days", "1", "--workdays", "1"], "--days 与 --workdays"),
    (["--after", "2026-02-30", "--days", "1"], "--after 的日期“2026-02-30”不存在"),
    (["--before", "20260930", "--days", "1"], "--before 的日期“20260930”格式不对"),
    (["--after", "2026-09-10", "--days", "-1"], "--days 不能为负数"),
    (["--after", "2026-09-10", "--workdays", "1.5"], "--workdays 的取值“1.5”不是整数"),
    (["--after", "2026-09-10", "--workdays", "x"], "--workdays 的取值“x”不是整数"),
    (["--after", "2026-09-10", "--days", "1", "--days", "2"], "--days 只能给一次"),
    (["--after", "2026-09-10", "--days", "1", "--verbose"], "无法识别的参数：--verbose"),
    (["--aft", "2026-09-10", "--days", "1"], "无法识别的参数"),
    (["--after", "2200-12-30", "--days", "5"], "超出"),
    (["--after", "1899-12-30", "--days", "0"], "超出"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("args", "message"), BAD)
def test_bad_arguments_in_process(args, message, capfd):
    line = refusal(capfd, "due", *args)
    assert message in line and "usage:" not in line


def test_a_refusal_on_the_real_command_line(tmp_path):
    # The process boundary itself, on a fresh state folder (a date past the calendar: the whole
    # path, Django included, runs before the refusal).
    args, message = BAD[14]
    result = run(args, tmp_path)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.endswith("\n") and len(result.stderr.splitlines()) == 1, result.stderr
    assert message in result.stderr
    assert "Traceback" not in result.stderr and "usage:" not in result.stderr


def test_help(capfd):
    assert zhidu("due", "--help") == 0
    assert "--workdays" in capfd.readouterr().out


@pytest.mark.django_db
def test_entered_notices_count(django_capture_on_commit_callbacks, capfd):
    import datetime

    from zhidu.workdays.services import enter_notice

    assert zhidu("due", "--after", "2027-02-19", "--days", "1", "--json") == 0
    assert json.loads(capfd.readouterr().out) == {"due": "2027-02-22", "provisional": True}
    with django_capture_on_commit_callbacks(execute=True):
        enter_notice(2027, "通知", None, [], [datetime.date(2027, 2, 20)])
    assert zhidu("due", "--after", "2027-02-19", "--days", "1", "--json") == 0
    assert json.loads(capfd.readouterr().out) == {"due": "2027-02-20", "provisional": False}
