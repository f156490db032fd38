"""`zhidu …` run in the test process: the entry point the installed command runs
(`sys.exit(zhidu.cli.main(argv))`), without paying ~1 s to start Python and import Django for each
variant. The tests that prove the process boundary itself (the spec examples, one refusal per
command, anything needing a fresh process or other settings) still start the real command.

Use with pytest's `capfd`, which sees both what Python writes to sys.stdout/sys.stderr and what
reaches file descriptors 1 and 2."""

from __future__ import annotations

import io
import sys


def zhidu(*argv: str) -> int:
    """The exit status `zhidu ARGV…` would end with. A management command leaves through
    SystemExit (Django's run_from_argv, zhidu.trust.commandline); it is turned into the status the
    interpreter would give it. Any other exception is not caught: on the command line it would be a
    traceback, so the test fails. Django's run_from_argv closes the database connections when a
    management command ends: run those outside a `django_db` test (PostgreSQL would lose the test's
    transaction), or through call_command."""
    from zhidu.cli import main

    try:
        status = main(list(argv))
    except SystemExit as leaving:
        code = leaving.code
        if code is None:
            return 0
        if isinstance(code, int):
            return code
        sys.stderr.write(f"{code}\n")  # what the interpreter does with sys.exit("message")
        return 1
    assert isinstance(status, int), status
    return status


def feed_stdin(monkeypatch, data: bytes) -> None:
    """Standard input holding `data` (text and `.buffer`, like the real one)."""
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


def refusal(capfd, *argv: str) -> str:
    """Run `zhidu ARGV…` expecting a refusal: exit status 2, nothing on stdout, exactly one line on
    stderr and no traceback. Returns that line."""
    capfd.readouterr()  # only what this run writes
    status = zhidu(*argv)
    out, err = capfd.readouterr()
    assert status == 2, (status, out, err)
    assert out == "", out
    assert "Traceback" not in err, err
    assert err.endswith("\n") and err.count("\n") == 1, err
    return err
