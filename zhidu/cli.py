"""The `zhidu` command. `zhidu due` and `zhidu evaluate` are fixed contracts
(../shared/spec/meeting-record.md); `zhidu generate` writes synthetic data (zhidu/generate.py);
every other sub-command is a Django management command of the project (`zhidu demo`,
`zhidu sweep`, `zhidu import_holidays`, `zhidu serve`, `zhidu migrate`, …)."""

from __future__ import annotations

import importlib
import os
import sys

# The record formats of `zhidu evaluate`, each a pure module with a register_format() (the same
# functions the areas' ready() register): the command judges a file without setting Django up
# (issue 18: start in at most 300 ms). tests/core/test_cli_start.py holds this list to what the
# apps register.
PURE_FORMATS = (
    "zhidu.meetings.record_format",
    "zhidu.petitions.checks",
    "zhidu.family_events.checks",
    "zhidu.daily_logs.exchange",
)


def register_pure_formats() -> None:
    for name in PURE_FORMATS:
        importlib.import_module(name).register_format()


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zhidu.settings")
    if not argv or argv[0] in {"-h", "--help"}:
        print(__doc__)
        print("用法：zhidu due … | zhidu evaluate FILE | zhidu generate … | zhidu <管理命令> …")
        return 0
    command, rest = argv[0], argv[1:]
    try:
        if command == "due":
            from zhidu.workdays.due_command import main as due_main

            return due_main(rest)
        if command == "evaluate":
            from zhidu.rules.evaluate_command import main as evaluate_main

            register_pure_formats()
            return evaluate_main(rest)
        if command == "generate":
            from zhidu.generate import main as generate_main

            return generate_main(rest)
        from django.core.management import execute_from_command_line

        execute_from_command_line(["zhidu", command, *rest])
        return 0
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
