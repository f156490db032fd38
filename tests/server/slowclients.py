"""Slow and half-open clients (slowloris) and a timed probe of normal requests, on loopback only.

Used by tests/server/test_slow_clients.py and by `python -m tests.server.bench`, which compares
application servers with the same load. Every socket goes to 127.0.0.1; every loop is bounded in
count and time."""

from __future__ import annotations

import http.client
import resource
import socket
import statistics
import threading
import time
from dataclasses import dataclass, field

LOOPBACK = "127.0.0.1"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((LOOPBACK, 0))
        return probe.getsockname()[1]


def allow_open_files(wanted: int) -> None:
    """Raise this process's soft limit of open files up to `wanted` (never above the hard limit)."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < wanted:
        ceiling = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
        resource.setrlimit(resource.RLIMIT_NOFILE, (ceiling, hard))


def wait_until_serving(port: int, path: str = "/login/", *, seconds: float = 60.0, process=None) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise AssertionError(f"the server exited with {process.returncode} before serving")
        try:
            connection = http.client.HTTPConnection(LOOPBACK, port, timeout=2)
            connection.request("GET", path)
            connection.getresponse().read()
            connection.close()
            return
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"nothing answered on {LOOPBACK}:{port} within {seconds} s")


class SlowClients:
    """`count` connections that never finish a request: half send nothing at all (half-open), half
    send a request line and then one header line every `drip` seconds (slowloris). A context
    manager: the drip thread and every socket end on exit."""

    def __init__(self, port: int, count: int = 1000, *, drip: float = 1.0):
        self.port, self.count, self.drip = port, count, drip
        self.sockets: list[socket.socket] = []
        self.refused = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._drip, daemon=True)

    def __enter__(self) -> SlowClients:
        allow_open_files(self.count + 512)
        for index in range(self.count):
            client = socket.socket()
            client.settimeout(2)
            try:
                client.connect((LOOPBACK, self.port))
                if index % 2:
                    client.sendall(b"GET /login/ HTTP/1.1\r\nHost: localhost\r\n")
            except OSError:
                self.refused += 1
                client.close()
                continue
            client.setblocking(False)
            self.sockets.append(client)
        self._thread.start()
        return self

    def _drip(self) -> None:
        while not self._stop.wait(self.drip):
            for index, client in enumerate(self.sockets):
                if index % 2:
                    try:
                        client.send(b"X-Slow: 1\r\n")
                    except OSError:
                        pass  # the server closed it or its buffer is full: still a slow client

    def alive(self, *, dripping_only: bool = False) -> int:
        """How many of the slow connections the server still holds open, waiting for the rest of
        the request: neither closed nor answered (an answer is a refusal such as 408)."""
        held = 0
        for index, client in enumerate(self.sockets):
            if dripping_only and not index % 2:
                continue
            try:
                client.recv(1, socket.MSG_PEEK)  # b"": closed; bytes: answered
            except BlockingIOError:
                held += 1  # nothing to read: still waiting for us
            except OSError:
                pass  # reset by the server
        return held

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join(5)
        for client in self.sockets:
            client.close()


@dataclass
class Probe:
    """Normal requests sent by `workers` threads for `seconds`: latencies of the answered ones."""

    latencies: list[float] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def answered(self) -> int:
        return len(self.latencies)

    def per_second(self) -> float:
        return self.answered / self.seconds if self.seconds else 0.0

    def percentile(self, p: float) -> float:
        if not self.latencies:
            return float("inf")
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))]

    def summary(self) -> str:
        if not self.latencies:
            return f"0 answered, {len(self.failures)} failed ({self.failures[:1]})"
        return (
            f"{self.answered} answered, {len(self.failures)} failed, {self.per_second():.1f} req/s, "
            f"p50 {statistics.median(self.latencies) * 1000:.0f} ms, p95 {self.percentile(95) * 1000:.0f} ms, "
            f"max {max(self.latencies) * 1000:.0f} ms"
        )


def probe(
    port: int,
    path: str = "/login/",
    *,
    seconds: float = 3.0,
    workers: int = 4,
    timeout: float = 3.0,
    limit: int = 10_000,
    context=None,
) -> Probe:
    """GET `path` on fresh connections from `workers` threads until `seconds` pass (or `limit`
    requests); each request must be answered 200 within `timeout`. With an SSL `context`: HTTPS."""
    result = Probe()
    lock = threading.Lock()
    start = time.monotonic()
    deadline = start + seconds

    def worker() -> None:
        while time.monotonic() < deadline:
            with lock:
                if result.answered + len(result.failures) >= limit:
                    return
            began = time.monotonic()
            try:
                connection = (
                    http.client.HTTPSConnection(LOOPBACK, port, timeout=timeout, context=context)
                    if context
                    else http.client.HTTPConnection(LOOPBACK, port, timeout=timeout)
                )
                connection.request("GET", path)
                response = connection.getresponse()
                response.read()
                connection.close()
                outcome = None if response.status == 200 else f"HTTP {response.status}"
            except OSError as error:
                outcome = repr(error)
            with lock:
                if outcome is None:
                    result.latencies.append(time.monotonic() - began)
                else:
                    result.failures.append(outcome)

    threads = [threading.Thread(target=worker, daemon=True) for _ in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(seconds + timeout + 5)
    result.seconds = time.monotonic() - start
    return result
