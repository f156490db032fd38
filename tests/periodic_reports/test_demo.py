import pytest

from zhidu.org.demo import create_demo
from zhidu.periodic_reports.models import BranchMember, BranchReport, MemberReport


@pytest.mark.django_db
def test_the_demo_has_rosters_reports_and_a_missing_branch():
    town = create_demo()
    assert BranchMember.objects.filter(township=town, is_secretary=True).count() == 2
    assert MemberReport.objects.filter(township=town, channel="oral").exists()
    assert BranchReport.objects.filter(township=town).count() == 2
