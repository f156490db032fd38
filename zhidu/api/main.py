"""The NinjaAPI object: docs at /api/docs, schema at /api/openapi.json, both behind the same
authentication and permission as the endpoints."""

from __future__ import annotations

from ninja import NinjaAPI
from ninja.renderers import JSONRenderer

from zhidu.api import errors, items, meetings
from zhidu.api.auth import ACTION, AUTH, guard

DESCRIPTION = """\
供其他政府信息系统读取党委的决策：会议、议题、出席、表决、结果与审核发现。只读；权限与网页完全相同
（`meetings.view`：班子成员、党办、组织办、纪委、主要负责人、县级查看与管理员），只能读取本人所属乡镇的数据，
其他乡镇的编号一律返回 404。

认证：网页会话（Cookie），或 `Authorization: Bearer <令牌>`；令牌由管理员以 `zhidu.api.auth.issue_token`
为系统专用账号签发，默认 30 天有效，修改该账号密码或停用该账号即作废。

Read-only access for other government systems to the committee's decisions: meetings, items,
attendance, votes, outcomes and findings, with exactly the web's permission (`meetings.view`) and
the caller's own township only (another township's id is a 404). Authenticate with the web session
or with `Authorization: Bearer <token>` issued by `zhidu.api.auth.issue_token`.

Errors are JSON `{"detail": "<中文说明>"}`: 401 not authenticated, 403 not allowed, 404 not found,
409 record not yet judgeable, 422 a bad parameter (named in `errors`).
"""


class _Renderer(JSONRenderer):
    json_dumps_params = {"ensure_ascii": False}


class ZhiduAPI(NinjaAPI):
    def _get_urls(self):
        patterns = super()._get_urls()
        for pattern in patterns:
            if pattern.name == "api-root":
                # ninja's root only raises 404; guard it like everything else here.
                pattern.callback = guard(pattern.callback)
            # The permission matrix test (tests/core) requires every URL to declare its action.
            # Operations check it in zhidu.api.common.check; the docs and root through `guard`.
            pattern.callback.zhidu_action = ACTION
        return patterns


api = ZhiduAPI(
    title="Zhidu API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api",
    auth=AUTH,
    renderer=_Renderer(),
    docs_url="/docs",
    openapi_url="/openapi.json",
    docs_decorator=guard,
)
errors.install(api)
api.add_router("/", meetings.router)
api.add_router("/", items.router)
