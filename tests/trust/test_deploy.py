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
    # The suite's PostgreSQL role is a superuser, which the checklist refuses (zhidu.trust.W002):
    # the settings are checked on the embedded database.
    inherited = {
        k: v for k, v in os.environ.items() if k not in ("DJANGO_ALLOW_ASYNC_UNSAFE", "DATABASE_URL")
    }
    env = {
        **inherited,
        "DJANGO_SETTINGS_MODULE": "zhidu.settings",
        "DEBUG": "false",
        "SECRET_KEY": "".join(secrets.choice(alphabet) for _ in range(50)),
        "ZHIDU_SECURE_COOKIES": "true",
        "ALLOWED_HOSTS": "zhidu.example.gov.cn",
        "ZHIDU_VAR_DIR": str(tmp_path),
        # The chain's key, kept apart from the data (zhidu.trust.W001).
        "ZHIDU_CHECKPOINT_KEY": secrets.token_urlsafe(32),
        "ZHIDU_BASE_URL": "https://zhidu.example.gov.cn",  # where notices' links point
        "ZHIDU_SMTP_HOST": "smtp.example.gov.cn",  # notices leave by e-mail
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
