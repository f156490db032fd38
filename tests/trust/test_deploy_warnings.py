"""`check --deploy` warns about what makes the trust layer's promises hollow (issue 17): a chain key
derived from the SECRET_KEY kept beside the data, and a PostgreSQL superuser as the runtime role."""

import pytest
from django.db import connection

from zhidu.trust import checks


def test_a_chain_key_derived_from_the_secret_key_is_a_warning(settings, monkeypatch):
    settings.DEBUG = False
    monkeypatch.delenv("ZHIDU_CHECKPOINT_KEY", raising=False)
    settings.ZHIDU_CHECKPOINT_KEY = ""
    (warning,) = checks.checkpoint_key()
    assert warning.id == "zhidu.trust.W001" and "var/secret_key" in warning.msg
    settings.ZHIDU_CHECKPOINT_KEY = "a-key-kept-apart"
    assert checks.checkpoint_key() == []


@pytest.mark.django_db
def test_a_superuser_role_is_a_warning_on_postgresql():
    found = checks.database_role()
    if connection.vendor != "postgresql":
        assert found == []
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
        superuser = cursor.fetchone()[0]
    assert [w.id for w in found] == (["zhidu.trust.W002"] if superuser else [])
