"""E-mail through Django's mail framework. ZHIDU_SMTP_HOST set → SMTP (ZHIDU_SMTP_PORT, _USER,
_PASSWORD, _TLS, _SSL); else ZHIDU_EMAIL_BACKEND, by default the console: a fresh machine needs no
mail server and sends nothing outward."""

from __future__ import annotations

import smtplib

from django.core.mail import EmailMessage, get_connection

from zhidu.env import env_bool, env_int, env_str
from zhidu.notifications.channels.base import Message, Result

SMTP = "django.core.mail.backends.smtp.EmailBackend"
CONSOLE = "django.core.mail.backends.console.EmailBackend"


def connection():
    host = env_str("ZHIDU_SMTP_HOST")
    if not host:
        return get_connection(backend=env_str("ZHIDU_EMAIL_BACKEND", CONSOLE))
    return get_connection(
        backend=SMTP,
        host=host,
        port=env_int("ZHIDU_SMTP_PORT", 25, minimum=1),
        username=env_str("ZHIDU_SMTP_USER") or None,
        password=env_str("ZHIDU_SMTP_PASSWORD") or None,
        use_tls=env_bool("ZHIDU_SMTP_TLS"),
        use_ssl=env_bool("ZHIDU_SMTP_SSL"),
        timeout=10,
    )


class Email:
    def send(self, message: Message) -> Result:
        body = message.body + (f"\n\n{message.link}" if message.link else "")
        mail = EmailMessage(
            subject=message.subject,
            body=body,
            from_email=env_str("ZHIDU_EMAIL_FROM", "zhidu@localhost"),
            to=[message.address],
            connection=connection(),
        )
        try:
            sent = mail.send()
        except smtplib.SMTPRecipientsRefused as error:
            return Result(False, f"refused: {error.recipients}"[:500], permanent=True)
        except (smtplib.SMTPException, OSError) as error:
            return Result(False, f"{type(error).__name__}: {error}"[:500])
        return Result(bool(sent), "250 accepted" if sent else "not sent")
