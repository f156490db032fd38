"""As the users of users.md would: the party office clerk proposes a large-funds item, is told which
field is missing without losing what she typed, attaches the evaluation report; the principal
approves it on his phone (R1§5(2), R1§7(1))."""

import pytest
from playwright.sync_api import expect

from zhidu.meetings.models import Item
from zhidu.org.demo import create_demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"viewport": {"width": 390, "height": 800}, "is_mobile": True, "has_touch": True}
TITLE = "拨付东沟村道路维修资金（浏览器测试）"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_clerk_proposes_large_funds_and_the_principal_approves_on_a_phone(new_page, start_logged_in):
    create_demo()
    page = new_page()
    start_logged_in(page, "zhangmin", "/meetings/items/")
    page.get_by_role("link", name="提出议题").click()
    expect(page.get_by_role("heading", name="提出议题")).to_be_visible()
    page.get_by_label("议题名称").fill(TITLE)
    page.get_by_label("类别").select_option(label="大额资金")
    page.get_by_label("分管领导").select_option(label="邱维兴（党委副书记、镇长）")
    page.get_by_label("议题内容").fill("东沟村道路维修，申请资金三十万元。")
    page.get_by_role("button", name="提交议题").click()

    # Refused, with the field named and the article cited; nothing typed is lost.
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("论证评估报告")
    expect(alert).to_contain_text("R1§5(2)")
    expect(page.get_by_label("议题名称")).to_have_value(TITLE)
    expect(page.get_by_label("类别")).to_have_value("large_funds")
    expect(page.get_by_label("议题内容")).to_have_value("东沟村道路维修，申请资金三十万元。")
    assert not Item.objects.filter(title=TITLE).exists()

    page.get_by_label("论证评估报告").set_input_files(
        {"name": "论证评估报告.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4\n% evaluation\n"}
    )
    page.get_by_role("button", name="提交议题").click()
    expect(page.get_by_role("status").first).to_contain_text("议题已提出")
    expect(page.get_by_role("heading", name=TITLE)).to_be_visible()
    expect(page.get_by_role("link", name="论证评估报告.pdf")).to_be_visible()

    page.get_by_role("link", name="全部议题").click()
    waiting = page.get_by_role("region", name="待审批")
    expect(waiting.get_by_role("link", name=TITLE)).to_be_visible()
    expect(page.get_by_role("region", name="已批准").get_by_role("link", name=TITLE)).to_have_count(0)

    # The principal, on his phone.
    phone = new_page(**PHONE)
    start_logged_in(phone, "yangdong", "/meetings/items/")
    # The demo already holds one proposal awaiting the principal; the clerk's is the second.
    expect(phone.get_by_role("status").first).to_contain_text("等待您审批的议题：2 个")
    phone.get_by_role("region", name="待审批").get_by_role("link", name=TITLE).click()
    phone.get_by_label("审批意见").fill("同意提交党委会议研究。")
    phone.get_by_role("button", name="批准列入议程").click()
    expect(phone.get_by_role("status").first).to_contain_text("已批准列入议程")
    expect(phone.get_by_role("button", name="批准列入议程")).to_have_count(0)
    phone.get_by_role("link", name="全部议题").click()
    expect(phone.get_by_role("region", name="已批准").get_by_role("link", name=TITLE)).to_be_visible()
    expect(phone.get_by_role("region", name="待审批").get_by_role("link", name=TITLE)).to_have_count(0)

    item = Item.objects.get(title=TITLE)
    assert item.state == Item.State.APPROVED
    assert item.decided_by.name == "杨栋" and item.proposed_by.name == "张敏"
    assert item.evaluation_report.read().startswith(b"%PDF")
