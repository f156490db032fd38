"""The client's address, for the audit trail ("from which address", issue 6) and the rate limits.

`X-Forwarded-For` is written by whoever sends the request: a client can put any address in it.
Only a proxy we run may be believed, and only about the hop it saw. So:

1. REMOTE_ADDR is the address that opened the TCP connection. Unless it is one of the trusted
   proxies (ZHIDU_TRUSTED_PROXIES: addresses or CIDR networks, comma-separated, default none),
   it is the answer and X-Forwarded-For is ignored.
2. When it is a trusted proxy, X-Forwarded-For is read from the right (each proxy appends the
   address it saw): skip trusted proxies, and the first untrusted address is the client.
   Everything left of it was written by the client (or by proxies we do not run): never used.
3. An entry that is not an address (garbage, "unknown", a host name) stops the walk: the answer is
   the last trusted hop, the best address we can vouch for. If every entry is trusted, the
   left-most one is the answer.

Addresses come back normalized (`::ffff:10.0.0.1` is `10.0.0.1`); None when there is no request or
REMOTE_ADDR itself is not an address (a Unix socket without a proxy).

The scheme follows the same trust: `ProxySchemeMiddleware` drops X-Forwarded-Proto from any sender
that is not a trusted proxy, so a client that reaches the application server directly cannot claim
HTTPS (ZHIDU_BEHIND_PROXY believes the header).
With no trusted proxy configured the header is left to ZHIDU_BEHIND_PROXY alone, as before."""

from __future__ import annotations

import ipaddress
from functools import lru_cache

from django.core.exceptions import ImproperlyConfigured

from zhidu.trust import conf

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def parse(text) -> Address | None:
    """An address, tolerating a port ("10.0.0.1:5120", "[2001:db8::1]:443"); None when not one."""
    text = str(text or "").strip().strip('"')
    if not text:
        return None
    if text.startswith("["):  # [v6] or [v6]:port
        text = text[1:].split("]", 1)[0]
    elif text.count(":") == 1:  # v4:port (a bare v6 address has at least two colons)
        text = text.split(":", 1)[0]
    try:
        address = ipaddress.ip_address(text.split("%", 1)[0])  # drop a v6 zone id
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


@lru_cache(maxsize=8)
def _networks(raw: tuple[str, ...]) -> tuple[Network, ...]:
    networks = []
    for item in raw:
        try:
            networks.append(ipaddress.ip_network(item.strip(), strict=False))
        except ValueError:
            raise ImproperlyConfigured(
                f"ZHIDU_TRUSTED_PROXIES 应为逗号分隔的地址或网段（如 10.0.0.1,192.168.0.0/24），收到 {item!r}"
            ) from None
    return tuple(networks)


def trusted_proxies() -> tuple[Network, ...]:
    return _networks(tuple(conf.trusted_proxies()))


def is_trusted(address: Address | None, networks=None) -> bool:
    if address is None:
        return False
    networks = trusted_proxies() if networks is None else networks
    return any(address.version == n.version and address in n for n in networks)


def resolve(remote_addr, forwarded_for, networks) -> str | None:
    """The pure rule above: REMOTE_ADDR, the X-Forwarded-For header text, the trusted networks."""
    hop = parse(remote_addr)
    if hop is None:
        return None
    if not is_trusted(hop, networks):
        return str(hop)
    for entry in reversed(str(forwarded_for or "").split(",")):
        address = parse(entry)
        if address is None:
            return str(hop)  # not an address: stop at the last hop we can vouch for
        if not is_trusted(address, networks):
            return str(address)
        hop = address
    return str(hop)


def client_address(request) -> str | None:
    if request is None:
        return None
    meta = request.META
    return resolve(meta.get("REMOTE_ADDR"), meta.get("HTTP_X_FORWARDED_FOR"), trusted_proxies())


class ProxySchemeMiddleware:
    """X-Forwarded-Proto only from a trusted proxy (module docstring). First in MIDDLEWARE: before
    SecurityMiddleware asks `request.is_secure()` for the HTTPS redirect and HSTS."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        meta = request.META
        if "HTTP_X_FORWARDED_PROTO" in meta:
            networks = trusted_proxies()
            if networks and not is_trusted(parse(meta.get("REMOTE_ADDR")), networks):
                del meta["HTTP_X_FORWARDED_PROTO"]
        return self.get_response(request)
