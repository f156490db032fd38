"""`zhidu import_holidays FILE.json [--dry-run]`."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from tests.workdays.test_services import notice_json
from zhidu.workdays.models import HolidayNotice, WorkingDay

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
def test_import(tmp_path, capsys, django_capture_on_commit_callbacks):
    path = tmp_path / "2027.json"
    path.write_text(notice_json(), encoding="utf-8")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        call_command("import_holidays", str(path))
    assert len(callbacks) == 1
    assert "已录入" in capsys.readouterr().out
    assert HolidayNotice.objects.get().raw_text == notice_json()
    assert WorkingDay.objects.filter(day__year=2027, source="notice").count() == 365


@pytest.mark.django_db
def test_dry_run_changes_nothing(tmp_path, capsys):
    path = tmp_path / "2027.json"
    path.write_text(notice_json(), encoding="utf-8")
    call_command("import_holidays", str(path), "--dry-run")
    assert "未写入" in capsys.readouterr().out
    assert not HolidayNotice.objects.exists()
    assert not WorkingDay.objects.filter(source="notice").exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "无法读取文件"),
        ("{", "不是有效的 JSON"),
        (notice_json(adjusted_workdays=["2027-02-30"]), "adjusted_workdays[0]"),
        (notice_json(adjusted_workdays=["2027-02-22"]), "不是周末"),
    ],
)
def test_bad_file(tmp_path, content, message):
    path = tmp_path / "notice.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(CommandError) as err:
        call_command("import_holidays", str(path))
    assert err.value.returncode == 2
    assert message in str(err.value)
    assert not HolidayNotice.objects.exists()


def test_bad_file_from_the_command_line(tmp_path):
    path = tmp_path / "notice.json"
    path.write_text('{"year": 2027, "title": "x", "adjusted_workdays": ["2027-02-30"]}', encoding="utf-8")
    env = {**os.environ, "ZHIDU_VAR_DIR": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-m", "zhidu.cli", "import_holidays", str(path)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert "2027-02-30" in result.stderr and "Traceback" not in result.stderr
