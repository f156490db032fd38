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
def _force_login_passes_both_steps(monkeypatch):
    """`client.force_login(user)` skips the password form; let it skip the second step too (the
    session is marked verified by a confirmed authenticator, as django-otp does after a code).
    tests/trust/test_second_factor.py and the browser tests go through both steps for real."""
    from django.test import Client

    original = Client.force_login

    def force_login(self, user, backend=None):
        from django_otp import DEVICE_ID_SESSION_KEY
        from django_otp.plugins.otp_totp.models import TOTPDevice

        original(self, user, backend)
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        device = device or TOTPDevice.objects.create(user=user, name="tests", confirmed=True)
        session = self.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()

    monkeypatch.setattr(Client, "force_login", force_login)


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # PBKDF2's deliberate slowness protects real passwords; tests create many accounts.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """pytest-django's test database, and the working-day calendar `migrate` seeded in it, kept to
    put back after each flush (tests/calendar_seed.py)."""
    from tests import calendar_seed

    with django_db_blocker.unblock():
        calendar_seed.remember()


@pytest.fixture(autouse=True)
def _working_days_seeded(request):
    """Transactional tests (browser tests, races) flush every table when they end, the seeded
    working-day calendar included; put the seed back so each test meets the calendar `migrate`
    leaves. Each test also starts with no loaded calendar: the previous test's rows were rolled
    back or flushed, which no signal tells the process (zhidu.workdays.services.get_calendar)."""
    from zhidu.workdays.services import clear_cache

    clear_cache()
    if request.node.get_closest_marker("django_db") is None and "live_server" not in request.fixturenames:
        return
    request.getfixturevalue("django_db_setup")
    blocker = request.getfixturevalue("django_db_blocker")
    from tests import calendar_seed

    with blocker.unblock():
        calendar_seed.restore()


# --- zhidu.trust: begin (owned by zhidu/trust; keep this block whole) ---
def pytest_configure(config):
    """The database refuses DELETE/TRUNCATE of audit and chain entries (zhidu.trust.immutability),
    and transactional tests end with Django's flush of every table: let DELETE/TRUNCATE (never
    UPDATE) through on the test suite's connections only."""
    from zhidu.trust.immutability import allow_purge_for_tests

    allow_purge_for_tests()


# --- zhidu.trust: end ---
