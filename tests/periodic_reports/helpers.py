"""A branch roster for the R15 tests: the organs' branch with the cadre persona as secretary, the
deputy as a member with an account, a member without one; a village branch without a secretary."""

from zhidu.org.models import Branch, Village
from zhidu.periodic_reports import services


def roster(town, people):
    office = people["organization"]
    organs = Branch.objects.create(township=town, name="机关党支部")
    village = Branch.objects.create(
        township=town, name="东沟村党支部", village=Village.objects.create(township=town, name="东沟村")
    )

    def add(branch, name, person=None, secretary=False, away=None):
        return services.add_member(township=town, branch=branch, name=name, person=person,
                                   is_secretary=secretary, away_since=away, by=office, user=office.user)  # fmt: skip

    return {
        "organs": organs,
        "village": village,
        "secretary": add(organs, "吴干部", people["cadre"], secretary=True),
        "deputy": add(organs, "邱副书记", people["deputy"]),
        "plain": add(organs, "王大明"),
        "villager": add(village, "李秀英"),
    }
