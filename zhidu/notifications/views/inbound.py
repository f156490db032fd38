"""The channels' inbound webhooks (issue 16, R18 第三) and the administrator's page of what came in.

A webhook is public (no log-in, no CSRF: the provider calls it) and carries its own credential,
the channel's shared secret from the environment (zhidu.notifications.inbound.authenticated,
constant-time); without the secret configured it refuses everything. Rate limited per calling
address and per sender (zhidu.trust.ratelimit). Bad input is a 400 with a Chinese message; a
message already received (the provider retrying) is answered as before and done nothing with."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from zhidu.core.access import public, requires, scoped
from zhidu.notifications import services
from zhidu.notifications.inbound import PARSERS, BadInput, authenticated
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
    # Aliyun's push expects {"code": 0, "msg": "成功"}; the results are for the relay and the tests.
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
