"""Pages of heart-to-heart talks (R20): a cadre's talks and must-talks, the talk record with its live
check panel, the 七必谈 entry, and the quota overview of the party office and the principal."""

from zhidu.heart_talks.views.quotas import quota_detail, quotas
from zhidu.heart_talks.views.talks import talk_check, talk_detail, talk_list, talk_new
from zhidu.heart_talks.views.triggers import trigger_detail, trigger_new

__all__ = [
    "quota_detail",
    "quotas",
    "talk_check",
    "talk_detail",
    "talk_list",
    "talk_new",
    "trigger_detail",
    "trigger_new",
]
