"""Pages of requested talks (R19): a cadre books on the phone with the live check panel; the leader
publishes talk days, records the talk (or explains why not); follow-up cards are reviewed, handed to
a unit and answered. Content only through the services' audited reads."""

from zhidu.requested_talks.views.bookings import (
    booking_check,
    booking_decline,
    booking_detail,
    booking_list,
    booking_new,
    booking_record,
    talk_days,
)
from zhidu.requested_talks.views.cards import card_answer, card_detail, card_hand

__all__ = [
    "booking_check",
    "booking_decline",
    "booking_detail",
    "booking_list",
    "booking_new",
    "booking_record",
    "card_answer",
    "card_detail",
    "card_hand",
    "talk_days",
]
