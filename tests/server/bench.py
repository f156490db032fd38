"""Compare application servers under 1,000 slow clients on loopback: `python -m tests.server.bench`
(from the repository root, with the project's virtual environment and requirements-dev.txt;
gunicorn, which Zhidu does not depend on, is looked for on PYTHONPATH: a server that cannot start
prints its failure).

For each server: normal GET /login/ requests (4 client threads, fresh connections, 3 s timeout)
for a few seconds with no other load, then again while 1,000 connections are held open, half of
them half-open and half dripping one header line a second. The numbers in README "Production"
came from this script. Bounded: every server is stopped after its two probes."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from tests.server.slowclients import SlowClients, free_port, probe, wait_until_serving

ROOT = Path(__file__).resolve().parents[2]
PY = sys.executable
APP = "zhidu.wsgi:application"
SLOW = int(os.environ.get("ZHIDU_BENCH_SLOW", "1000"))  # how many slow connections


def servers(port: int) -> dict[str, list[str]]:
    listen = f"127.0.0.1:{port}"
    return {
        "zhidu serve as shipped (granian, 1 worker, 8 threads)": [
            PY,
            "-m",
            "zhidu.cli",
            "serve",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
        ],
        "waitress 3.0.2 (zhidu serve before: 8 threads, defaults)": [
            PY,
            "-m",
            "waitress",
            "--listen",
            listen,
            "--threads",
            "8",
            APP,
        ],
        "waitress 3.0.2 (connection-limit 10000, poll, channel-timeout 60)": [
            PY,
            "-m",
            "waitress",
            "--listen",
            listen,
            "--threads",
            "8",
            "--connection-limit",
            "10000",
            "--asyncore-use-poll",
            "--channel-timeout",
            "60",
            APP,
        ],
        "gunicorn 27 sync (2 workers)": [PY, "-m", "gunicorn", "-b", listen, "-w", "2", APP],
        "gunicorn 27 gthread (2 workers x 8 threads)": [
            PY,
            "-m",
            "gunicorn",
            "-b",
            listen,
            "-w",
            "2",
            "-k",
            "gthread",
            "--threads",
            "8",
            APP,
        ],
        "granian 2.8 wsgi (1 worker, 8 blocking threads)": [
            PY,
            "-m",
            "granian",
            "--interface",
            "wsgi",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--workers",
            "1",
            "--blocking-threads",
            "8",
            "--no-ws",
            APP,
        ],
        "granian 2.8 wsgi (1 worker, 8 blocking threads, backpressure 8000)": [
            PY,
            "-m",
            "granian",
            "--interface",
            "wsgi",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--workers",
            "1",
            "--blocking-threads",
            "8",
            "--backpressure",
            "8000",
            "--backlog",
            "8000",
            "--no-ws",
            APP,
        ],
        "granian 2.8 wsgi (2 workers, 8 blocking threads)": [
            PY,
            "-m",
            "granian",
            "--interface",
            "wsgi",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--workers",
            "2",
            "--blocking-threads",
            "8",
            "--no-ws",
            APP,
        ],
    }


def production(env: dict, folder: Path) -> None:
    """README "Production": the shipped `zhidu serve` behind the README's nginx site; 1,000 slow
    clients at nginx, normal requests over HTTPS through it."""
    import ssl

    from tests.server import nginx

    port = free_port()
    proxied = {
        **env,
        "ZHIDU_SECURE_COOKIES": "true",
        "ZHIDU_BEHIND_PROXY": "true",
        "ZHIDU_TRUSTED_PROXIES": "127.0.0.1",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
    }
    command = [PY, "-m", "zhidu.cli", "serve", "--host", "127.0.0.1", "--port", str(port)]
    process = subprocess.Popen(
        command, env=proxied, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        wait_until_serving(port, process=process)
        with nginx.running(folder / "nginx", upstream=port, connections=4096) as (
            http_port,
            https_port,
            cert,
        ):
            context = ssl.create_default_context(cafile=str(cert))
            quiet = probe(https_port, seconds=4, context=context)
            with SlowClients(http_port, SLOW) as slow:
                loaded = probe(https_port, seconds=6, context=context)
                held = slow.alive()
        print(
            f"nginx (README site) -> zhidu serve, over HTTPS\n  quiet:     {quiet.summary()}\n"
            f"  {SLOW} slow at nginx: {loaded.summary()} (held: {held}, refused: {slow.refused})",
            flush=True,
        )
    finally:
        process.terminate()
        process.wait(10)


def main() -> None:
    only = sys.argv[1:]
    with tempfile.TemporaryDirectory() as var:
        env = {
            **os.environ,
            "ZHIDU_VAR_DIR": var,
            "DATABASE_URL": f"sqlite:///{var}/bench.sqlite3",
            "ZHIDU_SWEEP_SECONDS": "0",
            "DJANGO_SETTINGS_MODULE": "zhidu.settings",
        }
        subprocess.run([PY, "-m", "zhidu.cli", "migrate", "-v", "0"], env=env, cwd=ROOT, check=True)
        if not only or "nginx" in only:
            production(env, Path(var))
        for name in servers(0):
            if only and not any(word in name for word in only):
                continue
            port = free_port()
            command = servers(port)[name]
            process = subprocess.Popen(
                command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
            )
            try:
                wait_until_serving(port, process=process)
                quiet = probe(port, seconds=4)
                with SlowClients(port, SLOW) as slow:
                    loaded = probe(port, seconds=6)
                    held = slow.alive()
                print(
                    f"{name}\n  quiet:     {quiet.summary()}\n  {SLOW} slow: {loaded.summary()}"
                    f" (slow connections still open: {held}, refused: {slow.refused})",
                    flush=True,
                )
            except Exception as error:  # a server that cannot even start is a result too
                print(f"{name}\n  failed: {error!r}", flush=True)
            finally:
                process.terminate()
                try:
                    process.wait(10)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()


if __name__ == "__main__":
    main()
