from __future__ import annotations

import json
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Protocol

TIMEOUT_SECONDS = 10


@dataclass(frozen=True)
class Message:
    """What one channel sends to one address."""

    address: str
    subject: str
    body: str
    link: str = ""

    @property
    def text(self) -> str:
        """Subject, body and link as one plain text (SMS, robots)."""
        parts = [f"【{self.subject}】", self.body]
        if self.link:
            parts.append(self.link)
        return "\n".join(p for p in parts if p)


@dataclass(frozen=True)
class Result:
    ok: bool
    answer: str  # the provider's answer, kept on the row (cut to 500 characters)
    permanent: bool = False  # no retry helps (not configured, a refused address)


class Adapter(Protocol):
    def send(self, message: Message) -> Result: ...


def post_json(url: str, payload: object, headers: dict[str, str] | None = None) -> tuple[int, str]:
    """POST a JSON body; (status, text of the answer). A network error is status 0."""
    data = json.dumps(payload, ensure_ascii=False).encode()
    request = urllib.request.Request(
        url,
        data=data,
        method="POST",
        headers={"Content-Type": "application/json; charset=utf-8", **(headers or {})},
    )
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310 (configured URL)
            return response.status, response.read(4000).decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read(4000).decode("utf-8", "replace")
    except (urllib.error.URLError, OSError) as error:
        return 0, f"{type(error).__name__}: {error}"


def robot_result(status: int, text: str) -> Result:
    """WeCom and DingTalk robots answer HTTP 200 with {"errcode": 0, "errmsg": "ok"} on success."""
    if status != 200:
        return Result(False, f"HTTP {status} {text}"[:500], permanent=400 <= status < 500 and status != 429)
    try:
        errcode = json.loads(text).get("errcode")
    except (ValueError, AttributeError):
        return Result(False, f"unreadable answer: {text}"[:500])
    return Result(errcode == 0, text[:500])
