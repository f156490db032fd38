import pytest
from django.apps import apps
from django.core.management import call_command

from zhidu.obligations.models import Obligation
from zhidu.org.demo import create_demo
from zhidu.org.models import LeadingGroupMember, TeamMembership, TownshipScoped


@pytest.mark.django_db
def test_demo_township_has_the_seed_supervision_group_and_a_full_team():
    town = create_demo()
    assert create_demo().pk == town.pk  # idempotent
    group = {
        (m.person.name, m.position) for m in LeadingGroupMember.objects.filter(group__code="supervision")
    }
    assert ("杨栋", "leader") in group
    assert {"邱维兴", "郭爱峰", "曲坚强", "胡新璐"} <= {n for n, p in group if p == "member"}
    assert ("郭爱峰", "office_director") in group and ("曲坚强", "office_deputy") in group
    team = TeamMembership.objects.filter(township=town)
    assert team.count() == 7
    assert team.get(is_principal=True).person.name == "杨栋"
    # A fortnight of history: some duties were missed and the sweep has marked them.
    assert Obligation.objects.filter(township=town, state="overdue").exists()
    assert Obligation.objects.filter(township=town, state="done").exists()


@pytest.mark.django_db
def test_every_domain_row_carries_its_township():
    create_demo()
    scoped = [m for m in apps.get_models() if issubclass(m, TownshipScoped)]
    assert len(scoped) >= 8
    for model in scoped:
        field = model._meta.get_field("township")
        assert not field.null, model


@pytest.mark.django_db
def test_demo_and_sweep_commands(capsys):
    call_command("demo")
    out = capsys.readouterr().out
    assert "柞村镇" in out and "yangdong" in out and "zhangmin" in out
    call_command("sweep", "--dry-run")
    assert "试运行" in capsys.readouterr().out
    call_command("sweep")
    call_command("sweep")
    assert "标记逾期 0 项" in capsys.readouterr().out.splitlines()[-1]
