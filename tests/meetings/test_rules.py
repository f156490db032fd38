import datetime

import pytest

from tests.meetings.meeting_factory import SH, approved_item, clerk_user, meeting, team
from zhidu.meetings import services
from zhidu.meetings.checks import TOWNSHIP_DEFAULTS
from zhidu.meetings.exchange import judge
from zhidu.meetings.rules import rules_for
from zhidu.rules.models import RuleSet


@pytest.mark.django_db
def test_a_meeting_is_judged_by_the_rules_of_its_day(town):
    people = team(town)
    RuleSet.objects.create(
        township=town,
        effective_from=datetime.date(2026, 7, 1),
        parameters={"meetings": {"close_vote_margin": 3}},
    )
    assert rules_for(town, datetime.date(2026, 6, 30)) == TOWNSHIP_DEFAULTS
    assert rules_for(town, datetime.date(2026, 7, 1)).close_vote_margin == 3

    def judged_close_vote(held_at):
        m = meeting(town, people, [approved_item(town, people, "一般事项", "general")], held_at=held_at)
        services.send_notice(
            m, version=m.version, at=held_at - datetime.timedelta(days=7), user=clerk_user(m)
        )
        m.refresh_from_db()
        statuses = {p.pk: ("present", "") for k, p in people.items() if k != "clerk"}
        services.record_attendance(m, version=m.version, statuses=statuses, user=clerk_user(m))
        m.refresh_from_db()
        services.record_entry(
            m.entries.get(),
            version=m.version,
            speakers=[],
            recused=set(),
            vote_method="show_of_hands",
            counts=(5, 2, 0),
            ballots=None,
            opinions={},
            deferred=False,
            user=clerk_user(m.entries.get()),
        )
        m.refresh_from_db()
        return [f.code for f in judge(m).evaluation.items[0].findings]

    # 5 for, 2 against: a margin of 3 is "close" only under the July rules.
    assert "close-vote" not in judged_close_vote(datetime.datetime(2026, 6, 30, 9, tzinfo=SH))
    assert "close-vote" in judged_close_vote(datetime.datetime(2026, 7, 2, 9, tzinfo=SH))


@pytest.mark.django_db
def test_other_townships_rules_do_not_leak(town):
    from tests import factories

    other = factories.township()
    RuleSet.objects.create(
        township=other,
        effective_from=datetime.date(2020, 1, 1),
        parameters={"meetings": {"close_vote_margin": 5}},
    )
    assert rules_for(town, datetime.date(2026, 7, 1)) == TOWNSHIP_DEFAULTS
