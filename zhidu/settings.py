"""Django settings. Every value that differs between machines comes from the environment through
zhidu.env; the list of variables is in README.md."""

from __future__ import annotations

import secrets
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from zhidu.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent
# Local state (SQLite file, generated secret key, uploads) lives outside the package, never committed.
VAR_DIR = Path(env_str("ZHIDU_VAR_DIR", str(BASE_DIR.parent / "var")))


def _secret_key() -> str:
    key = env_str("SECRET_KEY")
    if key:
        return key
    # A fresh clone must run without configuration, but a secret must never be committed:
    # generate one on first start and keep it in the local state folder.
    path = VAR_DIR / "secret_key"
    if path.exists():
        return path.read_text().strip()
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    path.write_text(key)
    path.chmod(0o600)
    return key


SECRET_KEY = _secret_key()
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "ninja",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "captcha",  # django-simple-captcha: self-hosted log-in captcha (zhidu.trust.captchas)
    "zhidu.core",
    "zhidu.org",
    "zhidu.workdays",
    "zhidu.obligations",
    "zhidu.rules",
    "zhidu.meetings",
    "zhidu.supervision",
    "zhidu.trust",
    "zhidu.ballots",
    "zhidu.personal",
    "zhidu.daily_logs",
    "zhidu.coordination",
    "zhidu.periodic_reports",
    "zhidu.work_style",
    "zhidu.family_events",
    "zhidu.self_reports",
    "zhidu.requested_talks",
    "zhidu.heart_talks",
    "zhidu.petitions",
    "zhidu.openness",
    "zhidu.central_study",
    "zhidu.life_meetings",
    "zhidu.notifications",
    "zhidu.search",
    "django.contrib.sitemaps",
    "zhidu.portal",
    "zhidu.opinions",
    "zhidu.drafts",
    "zhidu.county",
]

MIDDLEWARE = [
    "zhidu.trust.clientaddr.ProxySchemeMiddleware",  # X-Forwarded-Proto from trusted proxies only
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "zhidu.core.request_context.RequestContextMiddleware",  # every audit entry gets its address
    "django.contrib.messages.middleware.MessageMiddleware",
    "zhidu.trust.idle.IdleTimeoutMiddleware",
    "zhidu.trust.ratelimit.RateLimitMiddleware",  # RateLimited from a form -> HTTP 429
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",  # CONTENT_SECURITY_POLICY below
    "django_htmx.middleware.HtmxMiddleware",
    "zhidu.core.middleware.TownshipMiddleware",
    "zhidu.trust.twofactor.SecondFactorMiddleware",  # after the roles are known
    "zhidu.meetings.confidential.RedactConfidentialTitles",  # R1§9: one policy for every answer
    "zhidu.drafts.middleware.DiscardSentDrafts",  # a form accepted forgets its draft (issue 11)
]

ROOT_URLCONF = "zhidu.urls"
WSGI_APPLICATION = "zhidu.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "zhidu.core.context.navigation",
            ],
        },
    },
]

_default_db = f"sqlite:///{VAR_DIR / 'zhidu.sqlite3'}"
DATABASES = {"default": dj_database_url.parse(env_str("DATABASE_URL", _default_db), conn_max_age=60)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and a busy timeout let the embedded scheduler and the web server share the file. Deleted
    # rows are overwritten with zeros (secure_delete): an anonymous ballot rewritten at closing
    # leaves no copy of its cast-time row in a free page (ballots/THREATS.md).
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA secure_delete=ON;",
        "transaction_mode": "IMMEDIATE",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    # 等保 2.0 level 2: at least three of upper case, lower case, digits and symbols.
    {"NAME": "zhidu.trust.passwords.CharacterClassesValidator", "OPTIONS": {"min_classes": 3}},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
SESSION_COOKIE_AGE = env_int("ZHIDU_SESSION_SECONDS", 8 * 3600, minimum=300)
# Several application servers (README): sessions are database rows every server reads. With Redis
# configured, the cache is Redis and sessions are the rows with a copy in it (zhidu.trust.sessions:
# pages keep working on the rows when Redis stops answering); without it, nothing needs Redis.
ZHIDU_REDIS_URL = env_str("ZHIDU_REDIS_URL", "")
if ZHIDU_REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": ZHIDU_REDIS_URL,
            "KEY_PREFIX": "zhidu",
            # A Redis that stops answering costs a request at most this long, never a hung worker.
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    SESSION_ENGINE = "zhidu.trust.sessions"
# Second factor (zhidu.trust.twofactor): TOTP codes from any authenticator app (RFC 6238).
OTP_TOTP_ISSUER = env_str("ZHIDU_TOTP_ISSUER", "Zhidu")
OTP_TOTP_THROTTLE_FACTOR = 1  # seconds, doubled after each wrong code (django-otp)

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("简体中文")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise serves from the finders; avoid its warning
STORAGES: dict[str, dict] = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
MEDIA_ROOT = VAR_DIR / "media"
# Uploads in S3-compatible object storage (README "Object storage"): MinIO, Ceph, or a provincial
# cloud's OSS/COS through its S3 endpoint. Private objects only; every download still streams through
# Zhidu's permission-checked, audited views (the bucket's URLs are never handed out), and a name
# already taken gets a new one rather than replacing another upload. Static files stay on whitenoise.
ZHIDU_S3_BUCKET = env_str("ZHIDU_S3_BUCKET")
if ZHIDU_S3_BUCKET:
    _acl = env_str("ZHIDU_S3_ACL", "private")  # "none": send no ACL (a bucket whose ACLs are disabled)
    _s3 = {
        "bucket_name": ZHIDU_S3_BUCKET,
        "endpoint_url": env_str("ZHIDU_S3_ENDPOINT_URL"),
        "region_name": env_str("ZHIDU_S3_REGION"),
        # Unset: django-storages reads AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY itself.
        "access_key": env_str("ZHIDU_S3_ACCESS_KEY"),
        "secret_key": env_str("ZHIDU_S3_SECRET_KEY"),
        "addressing_style": env_str("ZHIDU_S3_ADDRESSING_STYLE"),  # "path" for MinIO without DNS names
    }
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            **{name: value for name, value in _s3.items() if value},
            "default_acl": None if _acl.lower() == "none" else _acl,
            "querystring_auth": True,
            "file_overwrite": False,
            # A download is read into a temporary file: past 2 MB on disk, not in the worker's memory.
            "max_memory_size": 2 * 1024 * 1024,
        },
    }
# The largest attachment of a portal article (zhidu.portal.services.attachments), in MB: nginx's
# client_max_body_size (README) must stay above it.
ZHIDU_PORTAL_ATTACHMENT_MAX_MB = env_int("ZHIDU_PORTAL_ATTACHMENT_MAX_MB", 20, minimum=1)

# Lifetime of API bearer tokens (zhidu.api.auth.issue_token).
ZHIDU_API_TOKEN_SECONDS = env_int("ZHIDU_API_TOKEN_SECONDS", 30 * 86400, minimum=300)

# How often the embedded scheduler runs the obligations sweep; 0 turns it off (e.g. when cron runs
# `zhidu sweep` instead).
ZHIDU_SWEEP_SECONDS = env_int("ZHIDU_SWEEP_SECONDS", 300, minimum=0)
# How long a server may hold the job before another may take it over (a crashed holder).
ZHIDU_JOB_LEASE_SECONDS = env_int("ZHIDU_JOB_LEASE_SECONDS", 900, minimum=30)
# How long a process trusts its loaded working-day calendar before checking for another server's notice.
ZHIDU_CALENDAR_RECHECK_SECONDS = env_int("ZHIDU_CALENDAR_RECHECK_SECONDS", 5, minimum=0)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("ZHIDU_LOG_LEVEL", "WARNING")},
}

if not DEBUG:
    SESSION_COOKIE_HTTPONLY = True
    SECURE_CONTENT_TYPE_NOSNIFF = True
    X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_SECURE = env_bool("ZHIDU_SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE

# zhidu.trust (README "Configuration")
ZHIDU_HASH = env_str("ZHIDU_HASH", "sm3")  # sm3 | sha256, for new chain entries
# The admin never shows a TOTP key or its QR code (issue 17: any administrator could read every
# user's second factor there, without a trace); a lost phone is reset, never read.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True
ZHIDU_CHECKPOINT_KEY = env_str("ZHIDU_CHECKPOINT_KEY", "")  # HMAC key; empty: derived from SECRET_KEY
# SM4-GCM keys of sealed fields, "k2:<base64>,k1:<base64>"; empty: var/field_keys (development only)
ZHIDU_FIELD_KEYS = env_str("ZHIDU_FIELD_KEYS", "")
ZHIDU_LOGIN_MAX_FAILURES = env_int("ZHIDU_LOGIN_MAX_FAILURES", 5, minimum=1)
ZHIDU_LOGIN_COOLOFF_SECONDS = env_int("ZHIDU_LOGIN_COOLOFF_SECONDS", 900, minimum=60)
ZHIDU_IDLE_SECONDS = env_int("ZHIDU_IDLE_SECONDS", 1800, minimum=60)
# Client address and public forms (zhidu.trust.clientaddr, ratelimit, captchas)
ZHIDU_TRUSTED_PROXIES = env_list("ZHIDU_TRUSTED_PROXIES", [])  # our proxies: their X-Forwarded-For counts
ZHIDU_CAPTCHA_AFTER_FAILURES = env_int("ZHIDU_CAPTCHA_AFTER_FAILURES", 3, minimum=0)  # 0: no captcha
ZHIDU_LOGIN_RATE_LIMIT = env_int("ZHIDU_LOGIN_RATE_LIMIT", 100, minimum=1)  # log-in posts per address
ZHIDU_CAST_RATE_LIMIT = env_int("ZHIDU_CAST_RATE_LIMIT", 20, minimum=1)  # refused casts per address
ZHIDU_RATE_WINDOW_SECONDS = env_int("ZHIDU_RATE_WINDOW_SECONDS", 600, minimum=60)
CAPTCHA_FONT_SIZE = 30  # the package's own Vera font: drawn offline
CAPTCHA_LENGTH = 4
AUTHENTICATION_BACKENDS = ["zhidu.trust.lockout.LockoutBackend"]  # ModelBackend with lockout by user name

# HTTPS in production: ZHIDU_SECURE_COOKIES=true turns on the redirect and HSTS too.
SECURE_SSL_REDIRECT = env_bool("ZHIDU_SSL_REDIRECT", SESSION_COOKIE_SECURE)
# Behind a TLS-terminating proxy that sets X-Forwarded-Proto: without this the redirect loops.
if env_bool("ZHIDU_BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env_int("ZHIDU_HSTS_SECONDS", 31536000 if SESSION_COOKIE_SECURE else 0, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("ZHIDU_HSTS_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("ZHIDU_HSTS_PRELOAD", False)
SECURE_REFERRER_POLICY = "same-origin"
# Content-Security-Policy (issue 17): scripts only from Zhidu's own static files (htmx and app.js;
# behaviours are wired by data-* attributes, never inline handlers), no plugins, no framing, forms
# posted only here. Inline style attributes stay allowed: they carry no script, and the admin and
# htmx's indicator styles use them.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}
# Browser preload lists are for public domains; an intranet or gov.cn sub-host should not ask for it.
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
