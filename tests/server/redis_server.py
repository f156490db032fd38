"""A Redis server of the test's own, from Debian's package, on a free loopback port and with nothing
written to disk (`--save ''`, no append-only file): never a shared Redis. `python3 dev.py test`
installs redis-server."""

from __future__ import annotations

import shutil
import signal
import subprocess
import time
from pathlib import Path

from tests.server.slowclients import LOOPBACK, free_port


def binary() -> str:
    found = shutil.which("redis-server") or next(
        (p for p in ("/usr/bin/redis-server",) if Path(p).exists()), None
    )
    if found is None:  # never a skip: the Redis set-up must be tested (dev.py installs it)
        raise AssertionError(
            "redis-server is not installed: run `python3 dev.py test` or `apt-get install redis-server`"
        )
    return found


class RedisServer:
    """`start()`, `stop()` (the process ends: connections are refused, its data is gone), `pause()`
    and `resume()` (SIGSTOP/SIGCONT: a network cut, the data kept but no answer meanwhile)."""

    def __init__(self, folder: Path):
        self.folder, self.port = folder, free_port()
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://{LOOPBACK}:{self.port}/0"

    def start(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        command = [binary(), "--port", str(self.port), "--bind", LOOPBACK, "--save", "", "--appendonly", "no"]
        self.process = subprocess.Popen(  # noqa: S603 - Debian's redis-server
            [*command, "--dir", str(self.folder), "--logfile", str(self.folder / "redis.log")],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"redis-server exited with {self.process.returncode}")
            try:
                if self.client().ping():
                    return
            except OSError:
                pass
            except Exception:  # redis.ConnectionError before it listens
                pass
            time.sleep(0.05)
        raise AssertionError(f"redis-server did not answer on {self.url}")

    def client(self):
        import redis

        return redis.Redis.from_url(self.url, socket_timeout=2, socket_connect_timeout=2)

    def pause(self) -> None:
        assert self.process is not None
        self.process.send_signal(signal.SIGSTOP)

    def resume(self) -> None:
        assert self.process is not None
        self.process.send_signal(signal.SIGCONT)

    def stop(self) -> None:
        if self.process is None:
            return
        self.process.send_signal(signal.SIGCONT)  # a paused server cannot end
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.process = None
