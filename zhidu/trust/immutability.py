"""The database itself refuses to change or remove audit entries, chain entries and archived records
(a correction of an archived record is a new version, R1§10).

SQLite: BEFORE UPDATE / BEFORE DELETE triggers that RAISE(ABORT). PostgreSQL: one trigger function
for row UPDATE/DELETE and for TRUNCATE (a statement trigger: TRUNCATE fires no row triggers).

The one exception is the test suite: transactional tests end with Django's flush (DELETE on SQLite,
TRUNCATE on PostgreSQL) of every table. A *per-connection* flag lets DELETE/TRUNCATE (never UPDATE)
through, set only by `allow_purge_for_tests()` (tests/conftest.py):
- PostgreSQL: the session setting `zhidu.allow_purge = 'on'`, set when a connection opens, which
  counts only for a superuser (the test suite's role). Any session can set a setting, so a role with
  nothing but a DELETE grant could purge the trail with it (issue 17); a superuser can drop the
  triggers anyway, so letting the setting work for superusers alone opens nothing new. The
  application's runtime role must not be a superuser (`check --deploy` warns).
- SQLite: triggers cannot read session variables, so the DELETE trigger asks a function,
  `zhidu_allow_purge()`, that Zhidu registers on each of its connections (returning 0 outside the
  tests). A connection that is not Zhidu's (the sqlite3 shell) has no such function, and its DELETE
  fails with "no such function" — refused as well. We chose this over a one-row flag table because
  a row is shared by every connection and survives a crash or a forgotten reset.
Honest limits: triggers stop the application, a bug, an operator's stray statement and Django's
`flush`; they do not stop whoever owns the database (they can drop a trigger or set the flag). That
is what the chain (zhidu.trust.chain) and the checkpoints kept outside are for.

SQLite drops a table's triggers when Django rebuilds the table (any later migration that alters
core_auditentry), so `install()` also runs after every `migrate` (apps.py, post_migrate).
"""

from __future__ import annotations

from django.db import connections

MESSAGE = "审计记录不可修改或删除"
# Model labels, filled by `register_guarded` from the apps' `ready()` (trust names no area): trust
# guards its chain entries and core's audit entries; meetings its archive versions (R1§10: kept forever).
GUARDED: list[str] = []
_state = {"allow_purge": False}


def register_guarded(model) -> None:
    """Let the database refuse UPDATE and DELETE on `model`'s table (installed by trust's migration
    and again after every `migrate`)."""
    label = model._meta.label
    if label not in GUARDED:
        GUARDED.append(label)


def _tables(registry) -> list[str]:
    tables = []
    for label in GUARDED:
        try:
            tables.append(registry.get_model(label)._meta.db_table)
        except LookupError:
            # A migration's registry before the model's own migration: the post_migrate
            # reinstall (apps.py) guards it once it exists.
            continue
    return tables


def sqlite_statements(table: str) -> list[str]:
    return [
        f'CREATE TRIGGER IF NOT EXISTS "zhidu_immutable_{table}_update" BEFORE UPDATE ON "{table}" '
        f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END",
        f'CREATE TRIGGER IF NOT EXISTS "zhidu_immutable_{table}_delete" BEFORE DELETE ON "{table}" '
        f"WHEN zhidu_allow_purge() IS NOT 1 BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END",
    ]


POSTGRES_FUNCTION = f"""
CREATE OR REPLACE FUNCTION zhidu_trust_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('DELETE', 'TRUNCATE') AND current_setting('zhidu.allow_purge', true) = 'on'
     AND (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION '{MESSAGE}（%，%）', TG_TABLE_NAME, TG_OP USING ERRCODE = 'integrity_constraint_violation';
END
$$
"""  # noqa: S608 — a constant: MESSAGE is ours


def postgres_statements(table: str) -> list[str]:
    return [
        f'DROP TRIGGER IF EXISTS zhidu_immutable_rows ON "{table}"',
        f'CREATE TRIGGER zhidu_immutable_rows BEFORE UPDATE OR DELETE ON "{table}" '
        "FOR EACH ROW EXECUTE FUNCTION zhidu_trust_refuse()",
        f'DROP TRIGGER IF EXISTS zhidu_immutable_truncate ON "{table}"',
        f'CREATE TRIGGER zhidu_immutable_truncate BEFORE TRUNCATE ON "{table}" '
        "FOR EACH STATEMENT EXECUTE FUNCTION zhidu_trust_refuse()",
    ]


def install(connection, registry) -> None:
    tables = _tables(registry)
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            for table in tables:
                for statement in sqlite_statements(table):
                    cursor.execute(statement)
        elif connection.vendor == "postgresql":
            cursor.execute(POSTGRES_FUNCTION)
            for table in tables:
                for statement in postgres_statements(table):
                    cursor.execute(statement)
        # Other databases are not supported by Zhidu (settings accept SQLite and PostgreSQL).


def uninstall(connection, registry) -> None:
    tables = _tables(registry)
    with connection.cursor() as cursor:
        for table in tables:
            if connection.vendor == "sqlite":
                for suffix in ("update", "delete"):
                    cursor.execute(f'DROP TRIGGER IF EXISTS "zhidu_immutable_{table}_{suffix}"')
            elif connection.vendor == "postgresql":
                cursor.execute(f'DROP TRIGGER IF EXISTS zhidu_immutable_rows ON "{table}"')
                cursor.execute(f'DROP TRIGGER IF EXISTS zhidu_immutable_truncate ON "{table}"')
        if connection.vendor == "postgresql":
            cursor.execute("DROP FUNCTION IF EXISTS zhidu_trust_refuse()")


def installed(connection, registry) -> bool:
    tables = _tables(registry)
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'zhidu_immutable_%'"
            )
            return cursor.fetchone()[0] == 2 * len(tables)
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT count(*) FROM pg_trigger WHERE tgname LIKE 'zhidu_immutable_%%' AND NOT tgisinternal "
                "AND tgenabled <> 'D' AND tgrelid::regclass::text = ANY(%s)",
                [tables],
            )
            return cursor.fetchone()[0] == 2 * len(tables)
    return False


def _allow_purge() -> int:
    return 1 if _state["allow_purge"] else 0


def on_connection_created(sender, connection, **kwargs) -> None:
    if connection.vendor == "sqlite":
        connection.connection.create_function("zhidu_allow_purge", 0, _allow_purge)
    elif connection.vendor == "postgresql" and _state["allow_purge"]:
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config('zhidu.allow_purge', 'on', false)")


def allow_purge_for_tests() -> None:
    """Test suites only: let Django's flush empty the guarded tables (see the module docstring)."""
    _state["allow_purge"] = True
    for connection in connections.all(initialized_only=True):
        if connection.connection is not None:
            on_connection_created(type(connection), connection)
