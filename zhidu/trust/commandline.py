"""What the trust commands share: one Chinese line on failure, never a traceback.

Exit status: 0 done; 1 the data is not what it should be (tampered chain, restored data differing);
2 the command could not run (bad arguments, unreadable or changed files, wrong database)."""

from __future__ import annotations

import sys

from django.core.management.base import BaseCommand, CommandError

_ARGPARSE = {
    "the following arguments are required: ": "缺少参数：",
    "unrecognized arguments: ": "无法识别的参数：",
    "expected one argument": "需要一个值",
}


def _chinese(message: str) -> str:
    for english, chinese in _ARGPARSE.items():
        message = message.replace(english, chinese)
    return message


class TrustCommand(BaseCommand):
    def create_parser(self, prog_name, subcommand, **kwargs):
        parser = super().create_parser(prog_name, subcommand, **kwargs)

        def error(message):
            raise CommandError(
                f"参数错误：{_chinese(message)}（zhidu {subcommand} --help 查看用法）", returncode=2
            )

        parser.error = error
        return parser

    def run_from_argv(self, argv):
        self._called_from_command_line = True
        try:
            super().run_from_argv(argv)
        except CommandError as error:
            self._fail(str(error), error.returncode)

    def execute(self, *args, **options):
        try:
            return super().execute(*args, **options)
        except CommandError as error:
            if getattr(self, "_called_from_command_line", False):
                self._fail(str(error), error.returncode)
            raise
        except Exception as error:  # never a traceback on the command line
            if getattr(self, "_called_from_command_line", False) and not options.get("traceback"):
                self._fail(f"无法完成：{error.__class__.__name__}: {error}", 2)
            raise

    def _fail(self, line: str, code: int):
        first = line.splitlines()[0] if line.strip() else "失败"
        sys.stderr.write(first + "\n")
        sys.stderr.flush()
        sys.exit(code)
