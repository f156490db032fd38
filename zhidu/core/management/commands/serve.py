from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "启动 Zhidu 网站（waitress）及内置定时任务。"

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)

    def handle(self, *args, host="127.0.0.1", port=8000, **options):
        from waitress import serve

        from zhidu.core.signals import serving
        from zhidu.wsgi import application

        # The embedded scheduler (zhidu.obligations.scheduler) starts on this signal, unless
        # ZHIDU_SWEEP_SECONDS is 0; core imports no app above it.
        serving.send(sender=self.__class__)
        self.stdout.write(f"Zhidu 已启动：http://{host}:{port}/ （Ctrl+C 停止）")
        serve(application, host=host, port=port, threads=8, ident="zhidu")
