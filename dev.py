#!/usr/bin/env python3
"""Zhidu's two commands, for a fresh machine with only Python 3.10+:

    python3 dev.py run     set up (virtual environment, dependencies, database, demo township)
                           and start the application at http://127.0.0.1:8000/
    python3 dev.py test    set up and run the whole quality gate: format, lint, import contract,
                           types (mypy), migrations check, the test suite (browser tests included)
                           on SQLite, or on PostgreSQL when DATABASE_URL is set

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


def apt_install(packages: list[str], present, why: str, required: bool = True, lean: bool = False) -> None:
    """Install Debian packages when `present()` says they are missing: one apt-get install, and on
    failure (an old package list) one `apt-get update` and a second try. A required tool that stays
    missing fails loudly (`why` says which tests need it: they never skip); `lean` leaves out the
    recommended packages (LibreOffice's would pull in the whole office suite)."""
    if present():
        return
    names = " ".join(packages)
    apt = shutil.which("apt-get")
    if apt is None:
        if required:
            fail(f"未找到 {names}，且本机没有 apt-get：请安装 {names}（{why}不能跳过）")
        return
    if required:
        say(f"安装 {names}（{why}需要）")
    sudo = [] if os.geteuid() == 0 else ["sudo", "-n"]
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    quiet = not required
    command = [*sudo, apt, "install", "-y", "-qq", *(["--no-install-recommends"] if lean else []), *packages]
    if subprocess.run(command, env=env, capture_output=quiet).returncode != 0:
        subprocess.run([*sudo, apt, "update", "-qq"], env=env, capture_output=quiet)
        subprocess.run(command, env=env, capture_output=quiet)
    if required and not present():
        fail(f"无法安装 {names}（apt-get install {names} 失败）：{why}不能跳过")


def ensure_chromium() -> str:
    """Browser tests drive Debian's Chromium; install it when missing, fail loudly when impossible."""
    for candidate in (os.environ.get("ZHIDU_CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium")):
        if candidate and Path(candidate).exists():
            return candidate
    apt_install(["chromium"], Path("/usr/bin/chromium").exists, "浏览器测试（或设置 ZHIDU_CHROMIUM）")
    return "/usr/bin/chromium"


def ensure_nginx() -> None:
    """tests/server runs the README's nginx site in front of `zhidu serve`: Debian's nginx, installed
    when missing (the package's own service is not started), failing loudly when impossible."""
    apt_install(
        ["nginx"], lambda: bool(shutil.which("nginx")) or Path("/usr/sbin/nginx").exists(), "反向代理测试"
    )


def ensure_redis() -> None:
    """tests/server/test_several_servers.py runs two `zhidu serve` over a Redis of its own (the
    optional ZHIDU_REDIS_URL): Debian's redis-server, installed when missing (the package's own
    service is not used: the test starts its own on a free port), failing loudly when impossible."""
    apt_install(
        ["redis-server"],
        lambda: bool(shutil.which("redis-server")) or Path("/usr/bin/redis-server").exists(),
        "多应用服务器（Redis）测试",
    )


def ensure_cjk_font() -> None:
    """Screenshots of Chinese pages need a CJK font; without one they show boxes (tests still pass)."""

    def present() -> bool:
        if not shutil.which("fc-list"):
            return False
        return bool(subprocess.run(["fc-list", ":lang=zh"], capture_output=True, text=True).stdout)

    apt_install(["fonts-wqy-zenhei"], present, "中文截图", required=False)


def ensure_libreoffice() -> None:
    """The documents' tests render every Word document to PDF with LibreOffice (GB/T 9704 layout
    checks: page count, page numbers, text positions): Debian's libreoffice-writer, installed when
    missing, failing loudly when impossible (the tests never skip)."""
    apt_install(
        ["libreoffice-writer"],
        lambda: bool(shutil.which("soffice")) or Path("/usr/bin/soffice").exists(),
        "公文版式测试与 PDF 下载",
        lean=True,
    )


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
    # The suite starts the `zhidu` command in fresh processes; let them reuse compiled bytecode
    # (__pycache__ is ignored by git) instead of recompiling the package every time.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    ensure_cjk_font()
    ensure_nginx()
    ensure_redis()
    ensure_libreoffice()
    db = "PostgreSQL" if env.get("DATABASE_URL", "").startswith("postgres") else "SQLite"
    say("检查代码格式与规范（ruff）")
    run(BIN / "ruff", "format", "--check", ".", env=env)
    run(BIN / "ruff", "check", ".", env=env)
    say("检查分层依赖（import-linter）与类型（mypy）")
    run(BIN / "lint-imports", env=env)
    run(BIN / "mypy", env=env)  # what and how strictly: [tool.mypy] in pyproject.toml
    say("检查迁移文件是否齐全")
    run(PY, "manage.py", "makemigrations", "--check", "--dry-run", "-v", "1", env=env)
    run(PY, "manage.py", "check", "--fail-level", "WARNING", env=env)
    say(f"运行测试（{db}）")
    run(PY, "-m", "pytest", *(pytest_args or parallel()), env=env)
    if not pytest_args:  # the whole gate: also what an operator does with a real installation
        deploy_check(env)
        backup_round_trip(env, db)


def parallel() -> list[str]:
    """The whole suite on every core (pytest-xdist): one worker per core, each with its own test
    database and browser; a test file stays on one worker so its module-scoped worlds are built once.
    ZHIDU_TEST_WORKERS=0 runs it in one process."""
    workers = os.environ.get("ZHIDU_TEST_WORKERS", "auto")
    return [] if workers == "0" else ["-n", workers, "--dist", "loadfile"]


def deploy_check(env: dict) -> None:
    """Django's deployment checklist with production settings: no warning allowed."""
    import base64
    import secrets
    import tempfile

    say("部署检查（生产配置：manage.py check --deploy）")
    with tempfile.TemporaryDirectory() as var:
        # The settings' checklist, on the embedded database: the suite's PostgreSQL role is a
        # superuser, which check --deploy rightly refuses for a deployment (zhidu.trust.W002).
        production = {
            **{k: v for k, v in env.items() if k not in ("DJANGO_ALLOW_ASYNC_UNSAFE", "DATABASE_URL")},
            "DEBUG": "false",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ZHIDU_SECURE_COOKIES": "true",
            "ALLOWED_HOSTS": "zhidu.example.gov.cn",
            "ZHIDU_VAR_DIR": var,
            "ZHIDU_CHECKPOINT_KEY": secrets.token_urlsafe(32),
            "ZHIDU_BASE_URL": "https://zhidu.example.gov.cn",  # where notices' links point
            "ZHIDU_SMTP_HOST": "smtp.example.gov.cn",  # notices leave by e-mail
            "ZHIDU_FIELD_KEYS": "k1:" + base64.b64encode(secrets.token_bytes(16)).decode(),
        }
        run(PY, "manage.py", "check", "--deploy", "--fail-level", "WARNING", env=production)


def backup_round_trip(env: dict, db: str) -> None:
    """A demo township backed up, restored into an empty database, and verified there (issue 6):
    `zhidu restore` itself refuses files that changed, then compares the logical digest and
    verifies the chain; `zhidu verify` runs once more on the restored database."""
    import tempfile

    say(f"备份 → 恢复 → 校验（{db}）")
    zhidu = BIN / "zhidu"
    with tempfile.TemporaryDirectory() as work:
        base = {**env, "ZHIDU_VAR_DIR": work, "ZHIDU_SWEEP_SECONDS": "0"}
        base.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        if db == "PostgreSQL":
            source_url = scratch_postgres(env["DATABASE_URL"], "zhidu_ci_source")
            target_url = scratch_postgres(env["DATABASE_URL"], "zhidu_ci_target")
        else:
            source_url, target_url = f"sqlite:///{work}/source.sqlite3", f"sqlite:///{work}/target.sqlite3"
        source = {**base, "DATABASE_URL": source_url}
        target = {**base, "DATABASE_URL": target_url}
        run(zhidu, "migrate", "--noinput", "-v", "0", env=source)
        run(zhidu, "demo", env=source)
        run(zhidu, "backup", "--out", f"{work}/backup", env=source)
        run(zhidu, "restore", f"{work}/backup", env=target)
        run(zhidu, "verify", env=target)


def scratch_postgres(url: str, name: str) -> str:
    """An empty database beside the one in `url` (dropped first when left by an earlier run)."""
    script = (
        "import sys, psycopg\n"
        "from urllib.parse import urlsplit\n"
        "u = urlsplit(sys.argv[1])\n"
        "dsn = u._replace(path='/postgres').geturl()\n"
        "with psycopg.connect(dsn, autocommit=True) as c:\n"
        "    c.execute(f'DROP DATABASE IF EXISTS {sys.argv[2]} WITH (FORCE)')\n"
        "    c.execute(f'CREATE DATABASE {sys.argv[2]}')\n"
    )
    run(PY, "-c", script, url, name)
    from urllib.parse import urlsplit

    return urlsplit(url)._replace(path=f"/{name}").geturl()


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
