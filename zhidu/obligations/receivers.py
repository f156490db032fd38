from collections.abc import Iterable

from django.dispatch import receiver

from zhidu.workdays.signals import calendar_changed


@receiver(calendar_changed)
def recompute_open_deadlines(sender: object, years: Iterable[int], **kwargs: object) -> None:
    # Rulebook, "Dates and deadlines": deadlines that depended on a provisional year are recomputed
    # when the State Council notice for it is entered.
    from zhidu.obligations.services import recompute

    recompute(set(years))
