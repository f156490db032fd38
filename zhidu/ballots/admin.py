"""Only the township's ballot settings are in the admin. Ballots, answers and code slots are not: the
administrator has no screen that lists them (and tests/ballots/test_privacy.py keeps it so)."""

from django.contrib import admin

from zhidu.ballots.models import BallotSettings
from zhidu.core.admin_scope import TownshipScopedAdmin


@admin.register(BallotSettings)
class BallotSettingsAdmin(TownshipScopedAdmin):
    list_display = ["township", "receipts_allowed"]
