"""DingTalk custom robot: POST ZHIDU_DINGTALK_WEBHOOK (…/robot/send?access_token=…) with
{"msgtype": "text", "text": {"content": …}, "at": {"atMobiles": [mobile], "isAtAll": false}}.
With ZHIDU_DINGTALK_SECRET (the robot's 加签 secret) the URL gets &timestamp=…&sign=…, the sign
being base64(HMAC-SHA256(key=secret, "timestamp\\nsecret")), URL-encoded."""

from __future__ import annotations

import base64
import hashlib
import hmac
import time
import urllib.parse

from zhidu.env import env_str
from zhidu.notifications.channels.base import Message, Result, post_json, robot_result


def sign(secret: str, timestamp_ms: int) -> str:
    digest = hmac.new(secret.encode(), f"{timestamp_ms}\n{secret}".encode(), hashlib.sha256).digest()
    return urllib.parse.quote_plus(base64.b64encode(digest))


def signed_url(url: str, secret: str, timestamp_ms: int | None = None) -> str:
    if not secret:
        return url
    timestamp_ms = timestamp_ms if timestamp_ms is not None else int(time.time() * 1000)
    joiner = "&" if "?" in url else "?"
    return f"{url}{joiner}timestamp={timestamp_ms}&sign={sign(secret, timestamp_ms)}"


class DingTalk:
    def send(self, message: Message) -> Result:
        url = env_str("ZHIDU_DINGTALK_WEBHOOK")
        if not url:
            return Result(False, "DingTalk robot not configured (ZHIDU_DINGTALK_WEBHOOK)", permanent=True)
        payload = {
            "msgtype": "text",
            "text": {"content": message.text},
            "at": {"atMobiles": [message.address], "isAtAll": False},
        }
        return robot_result(*post_json(signed_url(url, env_str("ZHIDU_DINGTALK_SECRET")), payload))
