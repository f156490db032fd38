"""`zhidu serve` refuses impossible settings with exit 2 and one line, before opening any socket."""

import pytest

from tests.command_line import refusal


@pytest.mark.parametrize("option", ["--workers", "--threads", "--connection-limit", "--header-timeout"])
def test_serve_refuses_a_setting_below_one(capfd, option):
    line = refusal(capfd, "serve", "--port", "1", option, "0")
    assert option in line
