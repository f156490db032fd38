"""The README's production set-up end to end (issue 17, "The server in front"): nginx terminating
TLS on loopback in front of the real `zhidu serve`, configured as README "Production" says.

Attack reproduced: waitress dropped X-Forwarded-Proto and X-Forwarded-For, so every HTTPS request
was redirected to itself (a loop) and every client shared nginx's address for the captcha and the
rate limits. Clients here come from different loopback addresses (127.0.0.2, 127.0.0.3): nginx
sees each one's own address, as it would see each cadre's."""

from __future__ import annotations

import http.client
import re
import ssl
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

import pytest

from tests.server import nginx

pytestmark = pytest.mark.django_db(transaction=True)

PRODUCTION = {
    "ZHIDU_SECURE_COOKIES": "true",
    "ZHIDU_BEHIND_PROXY": "true",
    "ZHIDU_TRUSTED_PROXIES": "127.0.0.1",
    "ALLOWED_HOSTS": "localhost",
    "ZHIDU_CAPTCHA_AFTER_FAILURES": "1",
}


class Browser:
    """One client at one loopback address, keeping its cookies, over HTTPS (or plain HTTP)."""

    def __init__(self, port: int, source: str, *, cert: Path | None = None):
        self.port, self.source, self.cookies = port, source, SimpleCookie()
        self.context = ssl.create_default_context(cafile=str(cert)) if cert else None

    def request(self, method: str, path: str, *, form: dict | None = None, headers: dict | None = None):
        if self.context:
            connection: http.client.HTTPConnection = http.client.HTTPSConnection(
                "127.0.0.1", self.port, timeout=10, source_address=(self.source, 0), context=self.context
            )
        else:
            connection = http.client.HTTPConnection(
                "127.0.0.1", self.port, timeout=10, source_address=(self.source, 0)
            )
        sent = {"Host": f"localhost:{self.port}", **(headers or {})}
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={m.value}" for k, m in self.cookies.items())
        body = None
        if form is not None:
            body = urlencode(form)
            sent["Content-Type"] = "application/x-www-form-urlencoded"
            sent["Origin"] = f"https://localhost:{self.port}"
        connection.request(method, path, body=body, headers=sent)
        response = connection.getresponse()
        text = response.read().decode("utf-8", "replace")
        for value in response.headers.get_all("Set-Cookie") or []:
            self.cookies.load(value)
        connection.close()
        return response, text

    def login_page(self) -> str:
        response, text = self.request("GET", "/login/")
        assert response.status == 200, (response.status, response.headers.get("Location"))
        return text

    def fail_login(self, *, forwarded_for: str) -> None:
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', self.login_page()).group(1)
        response, _ = self.request(
            "POST",
            "/login/",
            form={"csrfmiddlewaretoken": token, "username": "no-such-cadre", "password": "wrong-password"},
            headers={"X-Forwarded-For": forwarded_for},
        )
        assert response.status == 200, response.status  # the form again, with its error


def test_https_through_nginx_answers_with_hsts_and_tells_clients_apart(serve, tmp_path):
    app = serve(**PRODUCTION)
    with nginx.running(tmp_path / "nginx", upstream=app) as (http_port, https_port, cert):
        plain, _ = Browser(http_port, "127.0.0.2").request("GET", "/login/")
        assert plain.status == 301 and plain.headers["Location"].startswith("https://localhost"), plain.status

        first, second = (
            Browser(https_port, "127.0.0.2", cert=cert),
            Browser(https_port, "127.0.0.3", cert=cert),
        )
        response, text = first.request("GET", "/login/")
        # Before the fix: 301 to this very URL, for ever.
        assert response.status == 200, (response.status, response.headers.get("Location"))
        assert response.headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
        assert "Secure" in (response.headers.get("Set-Cookie") or ""), response.headers.get("Set-Cookie")
        assert 'name="captcha_1"' not in text

        # One failed log-in from 127.0.0.2, which claims to be 127.0.0.3: the captcha is asked of
        # 127.0.0.2 only (before the fix: of everyone, all being nginx's 127.0.0.1).
        first.fail_login(forwarded_for="127.0.0.3")
        assert 'name="captcha_1"' in first.login_page()
        assert 'name="captcha_1"' not in second.login_page()


def test_a_client_reaching_the_server_directly_cannot_claim_https(serve):
    """Behind the proxy, only the proxy may say the request came over HTTPS: a client at another
    address that reaches `zhidu serve` itself is redirected, whatever X-Forwarded-Proto it sends."""
    app = serve(**PRODUCTION)
    response, _ = Browser(app, "127.0.0.2").request("GET", "/login/", headers={"X-Forwarded-Proto": "https"})
    assert response.status == 301, response.status
    assert response.headers["Location"] == f"https://localhost:{app}/login/"
    assert "Strict-Transport-Security" not in response.headers
