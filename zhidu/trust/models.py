"""The chain entries (append-only, guarded by database triggers) and the log-in lockout counters."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ChainEntry(models.Model):
    """One link of the tamper-evident chain (zhidu.trust.chain). Never updated or deleted: the
    database refuses it (migration 0002)."""

    class Kind(models.TextChoices):
        AUDIT = "audit", _("audit entry")
        ARCHIVE = "archive", _("archived record")

    seq = models.PositiveBigIntegerField(unique=True)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    ref = models.BigIntegerField()
    fields = models.TextField()
    payload = models.CharField(max_length=64)
    prev = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)
    seal = models.CharField(max_length=64)
    alg = models.CharField(max_length=10)

    class Meta:
        ordering = ["seq"]
        constraints = [models.UniqueConstraint(fields=["kind", "ref"], name="trust_chain_one_entry_per_row")]

    def __str__(self) -> str:
        return f"{self.seq} {self.kind}#{self.ref}"


class LoginThrottle(models.Model):
    """Failed log-ins per user name (existing or not: the lockout must not reveal which)."""

    username = models.CharField(max_length=150, unique=True)
    failures = models.PositiveIntegerField(default=0)
    last_failure_at = models.DateTimeField(null=True)
    locked_until = models.DateTimeField(null=True)

    def __str__(self) -> str:
        return self.username
