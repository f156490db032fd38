"""The channels' inbound webhooks (issue 16, R18 第三) and the administrator's page of what came in.

A webhook is public (no log-in, no CSRF: the provider calls it) and carries its own credential,
the channel's shared secret from the environment (zhidu.notifications.inbound.authenticated,
constant-time); without the secret configured it refuses everything. Rate limited per calling
address and per sender (zhidu.trust.ratelimit). Bad input is a 400 with a Chinese message; a
message already received (the provider retrying) is answered as before and done nothing with.

The providers' own callbacks carry the provider's credential instead: WeCom's encrypted mode
(`wecom_callback`: the GET that checks the URL is answered with the decrypted echostr, a POSTed
message with an empty 200, WeCom's "no passive reply"), DingTalk's outgoing robot
(`dingtalk_webhook`: its signed timestamp). A bad signature, a stale timestamp or another corp's
message is a 403; the answer to the sender goes through the outbox either way."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from zhidu.core.access import public, requires, scoped
from zhidu.notifications import services
from zhidu.notifications.inbound import (
    PARSERS,
    BadInput,
    Incoming,
    Refused,
    authenticated,
    dingtalk_messages,
    dingtalk_verified,
    wecom_envelope,
    wecom_keys,
    wecom_message,
    wecom_open,
)
from zhidu.notifications.models import Channel, InboundMessage
from zhidu.org.models import Township
from zhidu.trust import ratelimit

CALLS_PER_MINUTE = 300  # per calling address: a gateway pushing a batch, not a flood
PER_SENDER_PER_HOUR = 30  # per number: a member sends a log and a confirmation or two


def _refuse(status: int, message: str) -> JsonResponse:
    return JsonResponse(
        {"code": status, "msg": message}, status=status, json_dumps_params={"ensure_ascii": False}
    )


def _webhook(request, township: str, channel: str):
    offered = request.headers.get("X-Zhidu-Token") or request.GET.get("token", "")
    verdict = authenticated(channel, offered)
    if verdict is None:
        return _refuse(403, "未配置接收密钥，拒绝接收")
    if not verdict:
        return _refuse(403, "接收密钥不正确")
    town = Township.objects.filter(code=township).first()
    if town is None:
        return _refuse(404, "没有这个乡镇")
    try:
        incoming = PARSERS[channel](request.body, request.content_type or "", request.POST)
    except BadInput as error:
        return _refuse(400, str(error))
    return _answer(_deliver(town, channel, incoming))


def _deliver(town: Township, channel: str, incoming: list[Incoming]) -> list[dict]:
    """Each message to services.receive, unless its sender is over the hour's limit."""
    results = []
    for message in incoming:
        if not ratelimit.hit(
            f"inbound-{channel}", message.sender, limit=PER_SENDER_PER_HOUR, window=3600
        ).allowed:
            results.append(
                {"id": message.message_id, "outcome": "rate_limited", "reply": "", "duplicate": False}
            )
            continue
        row, fresh = services.receive(
            township=town, channel=channel, message_id=message.message_id, sender=message.sender,
            text=message.text, received_at=message.received_at,
        )  # fmt: skip
        results.append(
            {"id": row.message_id, "outcome": row.outcome, "reply": row.reply, "duplicate": not fresh}
        )
    return results


def _answer(results: list[dict]) -> JsonResponse:
    # Aliyun's push expects {"code": 0, "msg": "成功"}; the results are for the relay and the tests.
    # DingTalk's robot reads no "msgtype" in it, so posts nothing back in the chat.
    return JsonResponse(
        {"code": 0, "msg": "成功", "results": results}, json_dumps_params={"ensure_ascii": False}
    )


@public
@csrf_exempt
@require_POST
@ratelimit.rate_limited("inbound-sms-calls", limit=CALLS_PER_MINUTE, window=60)
def sms_webhook(request, township: str):
    return _webhook(request, township, Channel.SMS)


@public
@csrf_exempt
@require_POST
@ratelimit.rate_limited("inbound-wecom-calls", limit=CALLS_PER_MINUTE, window=60)
def wecom_webhook(request, township: str):
    return _webhook(request, township, Channel.WECOM)


@public
@csrf_exempt
@require_http_methods(["GET", "POST"])
@ratelimit.rate_limited("inbound-wecom-calls", limit=CALLS_PER_MINUTE, window=60, methods=("GET", "POST"))
def wecom_callback(request, township: str):
    """WeCom's app callback in its encrypted mode: the URL check (GET with echostr) and messages
    (POST of <xml><ToUserName/><Encrypt/><AgentID/></xml>), signed in the query string."""
    keys = wecom_keys()
    if keys is None:
        return _refuse(403, "未配置企业微信回调的 Token、EncodingAESKey 和 CorpID，拒绝接收")
    town = Township.objects.filter(code=township).first()
    if town is None:
        return _refuse(404, "没有这个乡镇")
    query = request.GET
    signed = (query.get("msg_signature", ""), query.get("timestamp", ""), query.get("nonce", ""))
    try:
        if request.method == "GET":
            # A "+" of the base64 that a proxy failed to escape arrives as a space.
            echo = wecom_open(keys, *signed, query.get("echostr", "").replace(" ", "+"))
            return HttpResponse(echo, content_type="text/plain; charset=utf-8")
        message = wecom_message(wecom_open(keys, *signed, wecom_envelope(request.body)))
    except Refused as error:
        return _refuse(403, str(error))
    except BadInput as error:
        return _refuse(400, str(error))
    if message is not None:  # an event (entering the app): nothing to keep
        _deliver(town, Channel.WECOM, [message])
    return HttpResponse("", content_type="text/plain; charset=utf-8")


@public
@csrf_exempt
@require_POST
@ratelimit.rate_limited("inbound-dingtalk-calls", limit=CALLS_PER_MINUTE, window=60)
def dingtalk_webhook(request, township: str):
    """DingTalk's outgoing robot (企业内部机器人 消息接收, HTTP mode): JSON, with the headers
    `timestamp` and `sign` made with the app's AppSecret."""
    try:
        verdict = dingtalk_verified(
            request.headers.get("timestamp", ""), request.headers.get("sign", ""), timezone.now()
        )
    except Refused as error:
        return _refuse(403, str(error))
    if verdict is None:
        return _refuse(403, "未配置钉钉机器人的 AppSecret，拒绝接收")
    town = Township.objects.filter(code=township).first()
    if town is None:
        return _refuse(404, "没有这个乡镇")
    try:
        incoming = dingtalk_messages(request.body)
    except BadInput as error:
        return _refuse(400, str(error))
    return _answer(_deliver(town, Channel.DINGTALK, incoming))


@never_cache
@requires("notifications.inbound")
def inbound(request):
    rows = scoped(InboundMessage.objects, request).select_related("person")
    outcome = request.GET.get("outcome", "")
    if outcome in InboundMessage.Outcome.values:
        rows = rows.filter(outcome=outcome)
    page = Paginator(rows.order_by("-received_at", "-pk"), 50).get_page(request.GET.get("page"))
    context = {"page": page, "outcome": outcome, "outcomes": InboundMessage.Outcome.choices}
    return render(request, "notifications/inbound.html", context)
