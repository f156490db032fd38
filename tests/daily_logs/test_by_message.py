"""R18 第三: the text of a daily log sent by SMS or WeChat ("日志 …"), read into its parts."""

import pytest
from django.core.exceptions import ValidationError

from zhidu.daily_logs.services import parse_message


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("今天走访三户。计划：整理台账", ("今天走访三户", "整理台账", "")),
        (
            "总结：开调度会；明日计划：下村检查；协调：财政所拨付资金",
            ("开调度会", "下村检查", "财政所拨付资金"),
        ),
        ("督导秸秆禁烧 明天:继续督导", ("督导秸秆禁烧", "继续督导", "")),
    ],
)
def test_the_parts_of_a_log(text, parts):
    assert parse_message(text) == parts


@pytest.mark.parametrize(
    ("text", "field"), [("今天开了两个会", "plan"), ("计划：明天下村", "summary"), ("", "summary")]
)
def test_a_missing_part_names_its_field_and_the_format(text, field):
    with pytest.raises(ValidationError) as refused:
        parse_message(text)
    assert field in refused.value.message_dict and "格式" in refused.value.messages[0]
