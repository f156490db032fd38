"""WeCom (企业微信) group robot: POST ZHIDU_WECOM_WEBHOOK (…/cgi-bin/webhook/send?key=…) with
{"msgtype": "text", "text": {"content": …, "mentioned_mobile_list": [mobile]}}; the person's
address is the mobile number the robot @-mentions in the group."""

from __future__ import annotations

from zhidu.env import env_str
from zhidu.notifications.channels.base import Message, Result, post_json, robot_result


class WeCom:
    def send(self, message: Message) -> Result:
        url = env_str("ZHIDU_WECOM_WEBHOOK")
        if not url:
            return Result(False, "WeCom robot not configured (ZHIDU_WECOM_WEBHOOK)", permanent=True)
        payload = {
            "msgtype": "text",
            "text": {"content": message.text, "mentioned_mobile_list": [message.address]},
        }
        return robot_result(*post_json(url, payload))
