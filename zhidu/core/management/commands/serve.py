"""`zhidu serve`: waitress, with the embedded scheduler (README "Production").

Why waitress, and these settings (measured under 1,000 slow clients on loopback, issue 17;
`python -m tests.server.bench` repeats it): waitress reads every request in one event loop and gives
a thread only a whole request, so slow and half-open clients cost a socket, not a thread. What broke
it was its defaults: at most 100 connections (the 101st client waits for ever) and select(), which
cannot watch more than 1,024 sockets. gunicorn's sync and gthread workers stopped answering at
1,000 slow clients; granian held them but stopped accepting past its backpressure of 1,024.

Proxy headers: waitress removes X-Forwarded-* unless told which proxy to believe, and it can believe
only one address. Zhidu decides that itself, once, for any server, in zhidu.trust.clientaddr (the
client's address and the scheme, believed only from ZHIDU_TRUSTED_PROXIES), so waitress passes the
headers through untouched."""

import resource

from django.core.management.base import BaseCommand, CommandError


def allow_open_files(wanted: int) -> int:
    """Raise the soft limit of open files towards `wanted` (never above the hard limit); the limit now."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft != resource.RLIM_INFINITY and soft < wanted:
        soft = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))
    return soft


class Command(BaseCommand):
    help = "启动 Zhidu 网站（waitress）及内置定时任务。"

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--threads", type=int, default=8, help="处理请求的线程数（默认 8）")
        parser.add_argument(
            "--connection-limit", type=int, default=4000, help="同时保持的连接上限（默认 4000）"
        )
        parser.add_argument("--channel-timeout", type=int, default=60, help="空闲连接关闭前的秒数（默认 60）")

    def handle(
        self,
        *args,
        host="127.0.0.1",
        port=8000,
        threads=8,
        connection_limit=4000,
        channel_timeout=60,
        **options,
    ):
        if threads < 1 or connection_limit < 1 or channel_timeout < 1:
            raise CommandError(
                "--threads、--connection-limit 和 --channel-timeout 必须是正整数", returncode=2
            )
        from waitress import serve

        from zhidu.core.signals import serving
        from zhidu.wsgi import application

        # Each connection is a file descriptor; keep room for the database, logs and static files.
        files = allow_open_files(connection_limit + 256)
        connection_limit = max(1, min(connection_limit, files - 256))
        # The embedded scheduler (zhidu.obligations.scheduler) starts on this signal, unless
        # ZHIDU_SWEEP_SECONDS is 0; core imports no app above it.
        serving.send(sender=self.__class__)
        self.stdout.write(f"Zhidu 已启动：http://{host}:{port}/ （Ctrl+C 停止）")
        serve(
            application,
            host=host,
            port=port,
            threads=threads,
            ident="zhidu",
            connection_limit=connection_limit,
            asyncore_use_poll=True,  # select() fails past 1,024 sockets
            channel_timeout=channel_timeout,
            clear_untrusted_proxy_headers=False,  # Zhidu judges them (module docstring)
        )
