"""nginx from Debian's package, started by a test on loopback with the README's own site block
(between `<!-- nginx-site -->` and `<!-- /nginx-site -->`): only its ports, server name,
certificate and upstream are swapped for the test's. `python3 dev.py test` installs nginx."""

from __future__ import annotations

import datetime
import ipaddress
import re
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.server.slowclients import LOOPBACK, free_port

ROOT = Path(__file__).resolve().parents[2]


def binary() -> str:
    found = shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx",) if Path(p).exists()), None)
    if found is None:  # never a skip: the documented set-up must be tested (dev.py installs it)
        raise AssertionError("nginx is not installed: run `python3 dev.py test` or `apt-get install nginx`")
    return found


def readme_site() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    found = re.search(r"<!-- nginx-site -->\s*```nginx\n(.*?)```\s*<!-- /nginx-site -->", text, re.S)
    assert found, "README.md has no nginx site block between <!-- nginx-site --> markers"
    return found.group(1)


def certificate(folder: Path) -> tuple[Path, Path]:
    """A self-signed certificate for localhost and 127.0.0.1 (made here: nothing fetched)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = datetime.datetime.now(datetime.timezone.utc)
    names = [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address(LOOPBACK))]
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName(names), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    return cert_path, key_path


def site_for_test(site: str, *, http_port: int, https_port: int, upstream: int, cert: Path, key: Path) -> str:
    swaps = [
        (r"listen 80;", f"listen {LOOPBACK}:{http_port};"),
        (r"listen 443 ssl;", f"listen {LOOPBACK}:{https_port} ssl;"),
        (r"server_name [^;]+;", "server_name localhost;"),
        (r"ssl_certificate [^;]+;", f"ssl_certificate {cert};"),
        (r"ssl_certificate_key [^;]+;", f"ssl_certificate_key {key};"),
        (r"proxy_pass http://127\.0\.0\.1:8000;", f"proxy_pass http://{LOOPBACK}:{upstream};"),
    ]
    for pattern, replacement in swaps:
        site, count = re.subn(pattern, replacement, site)
        assert count, f"the README's nginx block no longer has {pattern!r}"
    return site


@contextmanager
def running(folder: Path, *, upstream: int, connections: int = 256) -> Iterator[tuple[int, int, Path]]:
    """nginx in front of `upstream`; yields (http port, https port, certificate)."""
    folder.mkdir(parents=True, exist_ok=True)
    cert, key = certificate(folder)
    http_port, https_port = free_port(), free_port()
    site = site_for_test(
        readme_site(), http_port=http_port, https_port=https_port, upstream=upstream, cert=cert, key=key
    )
    # One process, in the foreground, everything under `folder`: no root paths, no workers.
    conf = folder / "nginx.conf"
    conf.write_text(
        f"daemon off;\nmaster_process off;\npid {folder}/nginx.pid;\nerror_log {folder}/error.log warn;\n"
        f"events {{ worker_connections {connections}; }}\n"
        "http {\n"
        f"  access_log off;\n  client_body_temp_path {folder}/body;\n  proxy_temp_path {folder}/proxy;\n"
        f"  fastcgi_temp_path {folder}/fastcgi;\n  uwsgi_temp_path {folder}/uwsgi;\n  scgi_temp_path {folder}/scgi;\n"
        f"{site}\n}}\n"
    )
    process = subprocess.Popen(
        [binary(), "-p", str(folder), "-c", str(conf), "-e", str(folder / "error.log")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 10
        while True:
            if process.poll() is not None:
                raise AssertionError(
                    f"nginx exited: {process.stderr.read().decode() if process.stderr else ''}"
                )
            try:
                socket.create_connection((LOOPBACK, https_port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise AssertionError("nginx did not listen within 10 s") from None
                time.sleep(0.05)
        yield http_port, https_port, cert
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
