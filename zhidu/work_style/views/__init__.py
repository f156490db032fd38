from zhidu.work_style.views.contacts import contact, contact_check, index, pair_end, pairs, team
from zhidu.work_style.views.reception import (
    inspection,
    inspection_check,
    inspections,
    reception,
    reception_check,
    reception_decide,
    receptions,
    village_inspect,
)

__all__ = [
    "contact",
    "contact_check",
    "index",
    "inspection",
    "inspection_check",
    "inspections",
    "pair_end",
    "pairs",
    "reception",
    "reception_check",
    "reception_decide",
    "receptions",
    "team",
    "village_inspect",
]
