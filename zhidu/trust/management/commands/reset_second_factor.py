"""`zhidu reset_second_factor USER --reason TEXT`: a user lost the phone with the authenticator;
remove their devices so the next log-in enrols a new one. The county administrator runs it (or
deletes the device in the admin); either way an audit entry names the user and the reason."""

from __future__ import annotations

import os

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError

from zhidu.trust import twofactor
from zhidu.trust.commandline import TrustCommand


class Command(TrustCommand):
    help = "重置用户的动态验证码（手机丢失时），下次登录重新绑定"

    def add_arguments(self, parser):
        parser.add_argument("username", help="用户名")
        parser.add_argument("--reason", required=True, help="原因（写入审计记录）")

    def handle(self, *args, username, reason, **options):
        if not reason.strip():
            raise CommandError("参数错误：--reason 不能为空", returncode=2)
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"参数错误：用户 {username} 不存在", returncode=2)
        person = getattr(user, "person", None)
        actor = f"zhidu reset_second_factor（{os.environ.get('USER', '?')}）"
        count = twofactor.reset(
            user, actor, reason=reason.strip(), township=person.township if person else None
        )
        self.stdout.write(f"已重置 {username} 的动态验证码（{count} 个设备）；下次登录时重新绑定。")
