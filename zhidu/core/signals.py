"""Signals of the web shell. Core sits below every app and imports none of them; apps that need to
act when the shell does connect here from their own `ready()`."""

from django.dispatch import Signal

# Sent by `zhidu serve` once, before it starts answering requests (not by tests, `runserver` or other
# commands). The obligations kernel starts its scheduler thread on it (zhidu.obligations.scheduler).
serving = Signal()
