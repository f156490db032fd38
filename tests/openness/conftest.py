"""R11 personas of one township: the organization office (the leading group's office), the party
office, the principal, two branches and the cadres who file their self-checks."""

import pytest

from tests import factories
from zhidu.org.models import Branch


@pytest.fixture
def p(town):
    people = factories.personas(town)
    people["reporter"] = factories.person(town, "王支书", username="reporter")
    people["reporter2"] = factories.person(town, "李支书", username="reporter2")
    people["b1"] = Branch.objects.create(township=town, name="东沟村党支部")
    people["b2"] = Branch.objects.create(township=town, name="西岭村党支部")
    return people
