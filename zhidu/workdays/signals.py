"""`calendar_changed`: sent (on commit) when a holiday notice changes the working days of some years.

Receivers get `years: set[int]`; the obligations app recomputes the open deadlines that depend on
them (rulebook, "Dates and deadlines": provisional deadlines are recomputed when the notice is
entered)."""

from django.dispatch import Signal

calendar_changed = Signal()  # kwargs: years: set[int]
