from django.core.management.base import BaseCommand

from zhidu.org.demo import create_demo, demo_logins, demo_password


class Command(BaseCommand):
    help = "创建演示乡镇 柞村镇（已存在则不变）并列出演示账号。"

    def handle(self, *args, **options):
        township = create_demo()
        self.stdout.write(f"演示乡镇：{township.name}")
        self.stdout.write(f"演示账号（密码均为 {demo_password()}）：")
        for username, name, title in demo_logins():
            self.stdout.write(f"  {username:<12} {name}  {title}")
        self.stdout.write(
            "班子成员、党政办、组织办、纪委和管理员登录时还需动态验证码：首次登录按页面提示，"
            "用手机上的身份验证器应用（TOTP）扫码绑定；其他干部（如 zhouqiang）只需密码。"
        )
