"""`zhidu serve`: granian (WSGI), with the embedded scheduler (README "Production").

Why granian (measured on loopback with slow clients, issue 17; `python -m tests.server.bench`
repeats it): its HTTP layer is an event loop in Rust, so a slow or half-open client costs a socket,
not a Python thread nor a turn of a Python loop; a client that has started its headers and not
finished them within `--header-timeout` seconds is closed (one that sends nothing is not: nginx in
front closes those, README "Production"). waitress (the server before) stopped answering at 100
connections by default, and tuned (10,000 connections, poll()) it answered under 1,000 slow
clients but not under 3,000; gunicorn's sync and gthread workers stopped answering at 1,000.

Workers: the scheduler runs in this process, the supervisor; the application runs in `--workers`
processes started afresh ("spawn": no thread or database connection of this process is copied into
them), each with `--threads` threads for requests.

Proxy headers: granian passes X-Forwarded-* through untouched; Zhidu believes them only from
ZHIDU_TRUSTED_PROXIES (zhidu.trust.clientaddr: the client's address and the scheme)."""

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "启动 Zhidu 网站（granian）及内置定时任务。"

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--workers", type=int, default=1, help="应用进程数（默认 1）")
        parser.add_argument("--threads", type=int, default=8, help="每个进程处理请求的线程数（默认 8）")
        parser.add_argument(
            "--connection-limit", type=int, default=8000, help="同时处理的连接上限（默认 8000）"
        )
        parser.add_argument("--header-timeout", type=int, default=10, help="请求头须在几秒内收齐（默认 10）")

    def handle(
        self,
        *args,
        host="127.0.0.1",
        port=8000,
        workers=1,
        threads=8,
        connection_limit=8000,
        header_timeout=10,
        **options,
    ):
        if min(workers, threads, connection_limit, header_timeout) < 1:
            raise CommandError(
                "--workers、--threads、--connection-limit 和 --header-timeout 必须是正整数", returncode=2
            )
        import multiprocessing

        from django.db import connections
        from granian.constants import Interfaces
        from granian.http import HTTP1Settings
        from granian.server import Server

        from zhidu.core.signals import serving

        server = Server(
            "zhidu.wsgi:application",
            address=host,
            port=port,
            interface=Interfaces.WSGI,
            workers=workers,
            blocking_threads=threads,
            backlog=connection_limit,
            backpressure=connection_limit,
            websockets=False,
            http1_settings=HTTP1Settings(header_read_timeout=header_timeout * 1000),
            log_access=False,
        )
        # The embedded scheduler (zhidu.obligations.scheduler) starts on this signal, unless
        # ZHIDU_SWEEP_SECONDS is 0; core imports no app above it.
        serving.send(sender=self.__class__)
        connections.close_all()
        multiprocessing.set_start_method("spawn", force=True)
        self.stdout.write(f"Zhidu 已启动：http://{host}:{port}/ （Ctrl+C 停止）")
        self.stdout.flush()
        server.serve()
