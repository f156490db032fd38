"""Real local servers the channels talk to in the tests: an SMTP server (aiosmtpd) and small HTTP
servers that record what they receive and answer as the provider would. All on 127.0.0.1."""

from __future__ import annotations

import json
import socket
import threading
from email import message_from_bytes
from email.policy import default
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from aiosmtpd.controller import Controller


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _Inbox:
    def __init__(self):
        self.messages: list = []

    async def handle_DATA(self, server, session, envelope):
        mail = message_from_bytes(envelope.content, policy=default)
        self.messages.append(
            {"to": envelope.rcpt_tos, "subject": mail["subject"], "body": mail.get_content()}
        )
        return "250 Message accepted for delivery"


class SmtpServer:
    def __init__(self):
        self.inbox = _Inbox()
        self.port = free_port()
        self.controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port)

    @property
    def messages(self):
        return self.inbox.messages

    def __enter__(self):
        self.controller.start()
        return self

    def __exit__(self, *exc):
        self.controller.stop()


class HttpRecorder:
    """POSTs recorded as (path with query, headers, parsed JSON); answers `status` and `answer`."""

    def __init__(self, answer: object = None, status: int = 200):
        self.received: list[dict] = []
        self.answer = {"errcode": 0, "errmsg": "ok"} if answer is None else answer
        self.status = status
        recorder = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers.get("Content-Length", 0))
                raw = self.rfile.read(length)
                recorder.received.append(
                    {"path": self.path, "headers": dict(self.headers), "json": json.loads(raw.decode())}
                )
                body = json.dumps(recorder.answer).encode()
                self.send_response(recorder.status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"

    def __enter__(self):
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
