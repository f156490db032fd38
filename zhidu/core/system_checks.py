"""Django system checks of the object storage settings (README "Object storage"), run at every start."""

from __future__ import annotations

from django.core import checks

from zhidu.env import env_str


def check_object_storage(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    if not env_str("ZHIDU_S3_BUCKET"):
        return []  # uploads on local disk (MEDIA_ROOT)
    found: list[checks.CheckMessage] = []
    key = env_str("ZHIDU_S3_ACCESS_KEY") or env_str("AWS_ACCESS_KEY_ID")
    secret = env_str("ZHIDU_S3_SECRET_KEY") or env_str("AWS_SECRET_ACCESS_KEY")
    if not (key and secret):
        found.append(
            checks.Warning(
                "已设置 ZHIDU_S3_BUCKET，但缺少对象存储的访问密钥（ZHIDU_S3_ACCESS_KEY 和 ZHIDU_S3_SECRET_KEY，"
                "或 AWS_ACCESS_KEY_ID 和 AWS_SECRET_ACCESS_KEY）：除非本机另有凭据，上传和下载都会失败",
                id="zhidu.core.W001",
            )
        )
    if not env_str("ZHIDU_S3_ENDPOINT_URL"):
        found.append(
            checks.Warning(
                "已设置 ZHIDU_S3_BUCKET，但未设置 ZHIDU_S3_ENDPOINT_URL：文件将存往亚马逊 AWS S3，"
                "而不是本省政务云的对象存储（MinIO、Ceph、OSS、COS 的 S3 兼容地址）",
                id="zhidu.core.W002",
            )
        )
    # Every download goes through Zhidu's permission check and audit: an object anyone may read
    # would bypass both.
    if env_str("ZHIDU_S3_ACL", "private").lower().startswith("public"):
        found.append(
            checks.Error(
                "ZHIDU_S3_ACL 不得为公开读写：上传的文件只能经制度系统的权限检查和审计下载",
                id="zhidu.core.E001",
            )
        )
    return found
