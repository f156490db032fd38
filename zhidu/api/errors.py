"""Every refusal of the API as JSON with a Chinese message (the users' language): 401, 403, 404, 409,
and 422 naming the parameter. Nothing a caller sends may end in a 500."""

from __future__ import annotations

from django.http import Http404
from ninja.errors import AuthenticationError, HttpError, ValidationError

from zhidu.api.auth import MESSAGES

NOT_FOUND = "未找到：本镇没有该编号的会议或议题（Not found）"
WHERE = {"path": "路径参数", "query": "查询参数", "header": "请求头", "cookie": "Cookie", "body": "请求体"}


def install(api) -> None:
    def unauthorized(request, exc):
        response = api.create_response(request, {"detail": MESSAGES[401]}, status=401)
        response["WWW-Authenticate"] = 'Bearer realm="zhidu"'
        return response

    def http_error(request, exc: HttpError):
        return api.create_response(request, {"detail": exc.message}, status=exc.status_code)

    def not_found(request, exc):
        return api.create_response(request, {"detail": NOT_FOUND}, status=404)

    def invalid(request, exc: ValidationError):
        errors = [_error(e) for e in exc.errors]
        detail = "；".join(f"{WHERE.get(e['in'], e['in'])} {e['field']}：{e['message']}" for e in errors)
        return api.create_response(request, {"detail": detail, "errors": errors}, status=422)

    api.add_exception_handler(AuthenticationError, unauthorized)
    api.add_exception_handler(HttpError, http_error)
    api.add_exception_handler(Http404, not_found)
    api.add_exception_handler(ValidationError, invalid)


def _error(error: dict) -> dict:
    loc = [str(part) for part in error.get("loc", ())]
    source = loc[0] if loc else ""
    field = ".".join(loc[1:]) or source
    return {"field": field, "in": source, "message": _message(error)}


def _message(error: dict) -> str:
    kind = error.get("type", "")
    ctx = error.get("ctx") or {}
    if kind == "missing":
        return "缺少此参数"
    if kind in {"int_parsing", "int_type", "int_from_float"}:
        return "须为整数"
    if kind == "greater_than_equal":
        return f"不能小于 {ctx.get('ge')}"
    if kind == "less_than_equal":
        return f"不能大于 {ctx.get('le')}"
    if kind in {"enum", "literal_error"}:
        return f"须为以下之一：{ctx.get('expected', '')}"
    return f"无效（{error.get('msg', kind)}）"
