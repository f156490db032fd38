"""An SMS gateway over HTTP, provider configurable: ZHIDU_SMS_URL (POST), ZHIDU_SMS_TEMPLATE (the
JSON body, with $phone and $text; default {"phone": "$phone", "text": "$text"}), ZHIDU_SMS_KEY sent
in the header ZHIDU_SMS_KEY_HEADER (default X-Api-Key). A 2xx answer is success."""

from __future__ import annotations

import json
from string import Template

from zhidu.env import env_str
from zhidu.notifications.channels.base import Message, Result, post_json

DEFAULT_TEMPLATE = '{"phone": "$phone", "text": "$text"}'


def body(template: str, phone: str, text: str) -> object:
    # The values are JSON-escaped before they enter the template, so a quote in a text stays text.
    def escaped(value: str) -> str:
        return json.dumps(value, ensure_ascii=False)[1:-1]

    return json.loads(Template(template).safe_substitute(phone=escaped(phone), text=escaped(text)))


class Sms:
    def send(self, message: Message) -> Result:
        url = env_str("ZHIDU_SMS_URL")
        if not url:
            return Result(False, "SMS gateway not configured (ZHIDU_SMS_URL)", permanent=True)
        headers = {}
        if key := env_str("ZHIDU_SMS_KEY"):
            headers[env_str("ZHIDU_SMS_KEY_HEADER", "X-Api-Key")] = key
        payload = body(env_str("ZHIDU_SMS_TEMPLATE", DEFAULT_TEMPLATE), message.address, message.text)
        status, text = post_json(url, payload, headers)
        if 200 <= status < 300:
            return Result(True, f"HTTP {status} {text}"[:500])
        return Result(False, f"HTTP {status} {text}"[:500], permanent=400 <= status < 500 and status != 429)
