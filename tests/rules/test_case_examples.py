"""The case-record spec examples (`../shared/spec/case-records.md`: petitions R21, family-event
declarations R9, daily logs R18) through the real `zhidu evaluate` command, compared as the spec's
compare.py compares them: record, due, provisional, findings (code, day) and obligations (code, due),
order aside; and every finding in the documented shape (severity, an article, a Chinese message)."""

from __future__ import annotations

import json
import re

import pytest

from tests.meetings.test_evaluate_command import ALL_EXAMPLES, run
from zhidu.rules.findings import is_article

CASES = [p for p in ALL_EXAMPLES if json.loads(p.read_text("utf-8")).get("format") != "zhidu.meeting/1"]
HAN = re.compile(r"[\u4e00-\u9fff]")


def test_six_case_examples():
    assert [p.name[:2] for p in CASES] == ["05", "06", "07", "08", "09", "10"]


@pytest.mark.parametrize("example", CASES, ids=lambda p: p.stem)
def test_case_example(example):
    result = run(str(example))
    assert result.returncode == 0, result.stderr.decode()
    assert result.stderr == b""
    got = json.loads(result.stdout.decode("utf-8"))
    want = json.loads(example.with_name(example.stem + ".expected.json").read_text("utf-8"))
    assert list(got) == ["format", "record", "due", "provisional", "findings", "obligations"]
    assert got["format"] == "zhidu.evaluation/1"
    assert {k: got[k] for k in ("record", "due", "provisional")} == {
        k: want[k] for k in ("record", "due", "provisional")
    }
    assert sorted((f["code"], f["day"]) for f in got["findings"]) == sorted(
        (f["code"], f["day"]) for f in want["findings"]
    )
    assert sorted((o["code"], o["due"]) for o in got["obligations"]) == sorted(
        (o["code"], o["due"]) for o in want["obligations"]
    )
    for finding in got["findings"]:
        assert finding["severity"] == "violation"
        assert is_article(finding["article"]), finding
        assert HAN.search(finding["message"]), finding
    for obligation in got["obligations"]:
        assert set(obligation) == {"code", "due", "provisional"}
