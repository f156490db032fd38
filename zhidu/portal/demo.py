"""The demo township's public site: its identity and a few pages, so the site a visitor opens is not
empty. The passed decision of the demo's closed meeting is left for the party office to publish
(R1§7(6): its duty stays open)."""

from __future__ import annotations

import datetime

from zhidu.portal import services


def create(township, people: dict, today: datetime.date) -> None:
    clerk, secretary = people["zhangmin"], people["yangdong"]
    services.save_profile(
        clerk.user,
        township,
        address=f"{township.name}人民路1号镇政府大院",
        phone="0914-4321000",
        office_hours="工作日 上午8:30–12:00，下午14:30–17:30",
        introduction=f"欢迎访问{township.name}公开网站。这里发布镇党委的公告公示、党务公开、新闻和接访安排。",
    )
    pages = [
        (
            "news",
            "",
            "镇党委召开第四季度安全生产工作部署会",
            "会议传达了上级安全生产工作要求，部署了冬季安全生产检查。\n\n各村、各部门要压实责任，确保安全。",
            "安全生产",
        ),
        (
            "notices",
            "",
            "关于开展冬季森林防火宣传的通知",
            "各村要通过广播、标语等形式开展森林防火宣传，严禁野外用火。",
            "森林防火、通知",
        ),
        (
            "party_affairs",
            "leadership",
            "镇党委领导班子分工",
            "党委书记主持党委全面工作；党委副书记协助书记抓党建工作。\n\n其他班子成员按分工负责。",
            "领导班子",
        ),
    ]
    for category, subcategory, title, body, tags in pages:
        article = services.draft(
            clerk.user,
            township=township,
            category=category,
            subcategory=subcategory,
            title=title,
            body=body,
            tags=tags,
        )
        services.submit(clerk.user, article)
        services.approve_and_publish(secretary.user, article)
