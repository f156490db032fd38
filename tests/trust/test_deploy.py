"""Production settings pass Django's deployment checklist with no warning."""

import base64
import os
import secrets
import string
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    alphabet = string.ascii_letters + string.digits + "!@#%^&*(-_=+)"
    # The suite's conftest allows async-unsafe calls for Playwright; production never does.
    inherited = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {
        **inherited,
        "DJANGO_SETTINGS_MODULE": "zhidu.settings",
        "DEBUG": "false",
        "SECRET_KEY": "".join(secrets.choice(alphabet) for _ in range(50)),
        "ZHIDU_SECURE_COOKIES": "true",
        "ALLOWED_HOSTS": "zhidu.example.gov.cn",
        "ZHIDU_VAR_DIR": str(tmp_path),
        # Sealed fields' SM4 key kept outside the database (zhidu.trust.sealing).
        "ZHIDU_FIELD_KEYS": "k1:" + base64.b64encode(secrets.token_bytes(16)).decode(),
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
