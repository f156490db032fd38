#!/usr/bin/env python3
"""Zhidu's two commands, for a fresh machine with only Python 3.10+:

    python3 dev.py run     set up (virtual environment, dependencies, database, demo township)
                           and start the application at http://127.0.0.1:8000/
    python3 dev.py test    set up and run the whole quality gate: format, lint, migrations check,
                           the test suite (browser tests included) on SQLite, or on PostgreSQL when
                           DATABASE_URL is set

Extra arguments after `test` go to pytest (e.g. `python3 dev.py test -k calendar`).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PY = BIN / "python"


def say(text: str) -> None:
    print(f"[zhidu] {text}", flush=True)


def fail(text: str) -> None:
    print(f"[zhidu] 错误：{text}", file=sys.stderr, flush=True)
    sys.exit(1)


def run(*args: str | Path, env: dict | None = None) -> None:
    result = subprocess.run([str(a) for a in args], cwd=ROOT, env=env)
    if result.returncode != 0:
        fail(f"命令失败（{result.returncode}）：{' '.join(str(a) for a in args)}")


def ensure_venv(requirements: str) -> None:
    if sys.version_info < (3, 10):  # noqa: UP036 - dev.py must explain itself on an old Python
        fail("需要 Python 3.10 或更高版本")
    if not PY.exists():
        say("创建虚拟环境 .venv")
        try:
            venv.EnvBuilder(with_pip=True).create(VENV)
        except Exception as error:  # e.g. Debian's Python without ensurepip
            shutil.rmtree(VENV, ignore_errors=True)
            fail(f"无法创建虚拟环境（{error}）：Debian/Ubuntu 请先安装 python3-venv")
    wanted = hashlib.sha256(
        b"".join((ROOT / name).read_bytes() for name in ("requirements.txt", requirements, "pyproject.toml"))
    ).hexdigest()
    stamp = VENV / f".installed-{requirements}"
    if stamp.exists() and stamp.read_text() == wanted:
        return
    say(f"安装依赖（{requirements}）")
    run(PY, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-r", requirements)
    run(PY, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--no-deps", "-e", ".")
    stamp.write_text(wanted)


def ensure_chromium() -> str:
    """Browser tests drive Debian's Chromium; install it when missing, fail loudly when impossible."""
    for candidate in (os.environ.get("ZHIDU_CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium")):
        if candidate and Path(candidate).exists():
            return candidate
    apt = shutil.which("apt-get")
    if apt is None:
        fail("未找到 Chromium，且本机没有 apt-get：请安装 chromium 或设置 ZHIDU_CHROMIUM")
    say("安装 Chromium（浏览器测试需要）")
    sudo = [] if os.geteuid() == 0 else ["sudo", "-n"]
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run([*sudo, apt, "update", "-qq"], env=env)
    result = subprocess.run([*sudo, apt, "install", "-y", "-qq", "chromium"], env=env)
    if result.returncode != 0 or not Path("/usr/bin/chromium").exists():
        fail("无法安装 Chromium（apt-get install chromium 失败）：浏览器测试不能跳过")
    return "/usr/bin/chromium"


def ensure_cjk_font() -> None:
    """Screenshots of Chinese pages need a CJK font; without one they show boxes (tests still pass)."""
    if (
        shutil.which("fc-list")
        and subprocess.run(["fc-list", ":lang=zh"], capture_output=True, text=True).stdout
    ):
        return
    apt = shutil.which("apt-get")
    if apt:
        sudo = [] if os.geteuid() == 0 else ["sudo", "-n"]
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run([*sudo, apt, "install", "-y", "-qq", "fonts-wqy-zenhei"], env=env, capture_output=True)


def cmd_run() -> None:
    ensure_venv("requirements.txt")
    zhidu = BIN / "zhidu"
    run(zhidu, "migrate", "--noinput", "-v", "0")
    run(zhidu, "demo")
    host = os.environ.get("ZHIDU_HOST", "127.0.0.1")
    port = os.environ.get("ZHIDU_PORT", "8000")
    say(f"打开 http://{host}:{port}/ 用上面的演示账号登录")
    os.execv(str(zhidu), [str(zhidu), "serve", "--host", host, "--port", port])


def cmd_test(pytest_args: list[str]) -> None:
    ensure_venv("requirements-dev.txt")
    env = {**os.environ, "ZHIDU_CHROMIUM": ensure_chromium(), "DJANGO_SETTINGS_MODULE": "zhidu.settings"}
    ensure_cjk_font()
    db = "PostgreSQL" if env.get("DATABASE_URL", "").startswith("postgres") else "SQLite"
    say("检查代码格式与规范（ruff）")
    run(BIN / "ruff", "format", "--check", ".", env=env)
    run(BIN / "ruff", "check", ".", env=env)
    say("检查迁移文件是否齐全")
    run(PY, "manage.py", "makemigrations", "--check", "--dry-run", "-v", "1", env=env)
    run(PY, "manage.py", "check", "--fail-level", "WARNING", env=env)
    say(f"运行测试（{db}）")
    run(PY, "-m", "pytest", *pytest_args, env=env)


def main(argv: list[str]) -> None:
    if not argv or argv[0] not in {"run", "test"}:
        print(__doc__)
        sys.exit(2)
    if argv[0] == "run":
        cmd_run()
    else:
        cmd_test(argv[1:])


if __name__ == "__main__":
    main(sys.argv[1:])
