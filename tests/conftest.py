import os

import pytest

from tests import factories

# Playwright's sync API runs an event loop in the test thread; the ORM calls made by the test
# itself (building data) are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def town(db):
    return factories.township("柞村镇", "zhacun")


@pytest.fixture
def people(town):
    return factories.personas(town)


@pytest.fixture
def login(client):
    def _login(person_or_user):
        user = getattr(person_or_user, "user", person_or_user)
        client.force_login(user)
        return client

    return _login


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # PBKDF2's deliberate slowness protects real passwords; tests create many accounts.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
