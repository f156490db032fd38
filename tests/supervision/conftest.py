import pytest

from tests.supervision.helpers import cast


@pytest.fixture
def people(town):
    return cast(town)
