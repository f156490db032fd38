"""R16§16: a group opinion names at most 5 representatives — just inside and just outside."""

from zhidu.opinions import checks


def test_five_representatives_pass():
    assert checks.representatives(5) == []
    assert checks.representatives(0) == []


def test_a_sixth_is_refused_with_a_chinese_message_citing_the_article():
    [finding] = checks.representatives(6)
    assert finding.code == "too-many-representatives"
    assert finding.article == "R16§16" and finding.severity == "violation"
    assert "不超过5人" in finding.message and "6人" in finding.message and "支持者" in finding.message


def test_people_counts_one_a_line_and_drops_blank_lines():
    assert checks.people("张三 138\n\n 李四 139 \r\n王五；赵六") == ["张三 138", "李四 139", "王五", "赵六"]
    assert checks.people("") == []
