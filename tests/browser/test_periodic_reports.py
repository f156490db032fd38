"""R15 as its users live it: the organs' branch secretary (曲坚强) records the branch's quarterly report
to the committee on his phone, warned by the live check; the principal (杨栋) sees it received on the
committee's view, beside the branches still missing. Selectors are ids, not words."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from zhidu.org.demo import create_demo
from zhidu.org.models import Branch
from zhidu.periodic_reports import checks
from zhidu.periodic_reports.models import BranchReport

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"viewport": {"width": 390, "height": 800}, "is_mobile": True, "has_touch": True}
CONTENT = "本季度组织学习4次，开展结对帮扶走访；下季度加强党员汇报督促（浏览器测试）"


def fits_the_screen(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_a_branch_reports_for_the_quarter_and_the_committee_sees_it_received(new_page, start_logged_in):
    create_demo()
    today = timezone.localdate()
    quarter = checks.period_of(today, 3)
    organs = Branch.objects.get(name="柞村镇机关党支部")
    village = Branch.objects.get(name="东沟村党支部")

    desk = new_page()
    start_logged_in(desk, "yangdong", f"/periodic-reports/committee/?quarter={quarter.label}")
    expect(desk.locator(f'[data-branch="{organs.pk}"] [data-status]')).not_to_have_attribute(
        "data-status", "received"
    )

    phone = new_page(**PHONE)
    start_logged_in(phone, "qujianqiang", "/periodic-reports/")
    assert fits_the_screen(phone)
    phone.locator(f"#branch-report-{organs.pk}").click()
    phone.locator("#id_period").select_option(quarter.label)
    phone.locator("#id_reported_on").fill(today.isoformat())
    phone.locator("#id_content").fill(" ")
    expect(phone.locator('#findings [data-code="report-content-missing"]')).to_be_visible()
    phone.locator("#id_content").fill(CONTENT)
    expect(phone.locator('#findings [data-code="report-content-missing"]')).to_have_count(0)
    assert fits_the_screen(phone)
    phone.locator("#submit-report").click()
    expect(phone.locator("#report-content")).to_contain_text(CONTENT)
    report = BranchReport.objects.get(branch=organs, quarter=quarter.label)
    assert not report.late and report.recorded_by.name == "曲坚强"

    desk.reload()
    expect(desk.locator(f'[data-branch="{organs.pk}"] [data-status="received"]')).to_be_visible()
    expect(desk.locator(f'[data-branch="{village.pk}"] [data-status]')).not_to_have_attribute(
        "data-status", "received"
    )
    desk.locator(f'[data-branch="{organs.pk}"] a').click()
    expect(desk.locator("#report-content")).to_contain_text(CONTENT)
