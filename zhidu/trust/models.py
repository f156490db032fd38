"""The chain entries (append-only, guarded by database triggers), the log-in lockout counters and the
rate-limit counters."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ChainHead(models.Model):
    """One chain (zhidu.trust.chain: "legacy", "deployment", "township:<pk>"), the row its writers
    lock (SELECT … FOR UPDATE) before appending, so that only writers of the same chain wait on one
    another. Not evidence: `verify` recomputes every chain from its entries; `genesis` is the `prev`
    its first entry was given (the legacy segment's root), kept to spare every append that query."""

    name = models.CharField(max_length=40, unique=True)
    township = models.ForeignKey(
        "org.Township", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    genesis = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.name


class ChainEntry(models.Model):
    """One link of the tamper-evident chain (zhidu.trust.chain). Never updated or deleted: the
    database refuses it (migration 0002)."""

    class Kind(models.TextChoices):
        AUDIT = "audit", _("audit entry")
        ARCHIVE = "archive", _("archived record")

    # The chain it belongs to: "legacy" (the one chain before issue 18), "deployment" (rows of no
    # township), "township:<pk>"; seq counts from 1 in each.
    chain = models.CharField(max_length=40)
    seq = models.PositiveBigIntegerField()
    kind = models.CharField(max_length=10, choices=Kind.choices)
    ref = models.BigIntegerField()
    fields = models.TextField()
    payload = models.CharField(max_length=64)
    prev = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)
    seal = models.CharField(max_length=64)
    alg = models.CharField(max_length=10)

    class Meta:
        ordering = ["chain", "seq"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "ref"], name="trust_chain_one_entry_per_row"),
            # Also the index of each append's "last entry of this chain".
            models.UniqueConstraint(fields=["chain", "seq"], name="trust_chain_seq_per_chain"),
        ]

    def __str__(self) -> str:
        return f"{self.chain} {self.seq} {self.kind}#{self.ref}"


class LoginThrottle(models.Model):
    """Failed log-ins per user name (existing or not: the lockout must not reveal which)."""

    username = models.CharField(max_length=150, unique=True)
    failures = models.PositiveIntegerField(default=0)
    last_failure_at = models.DateTimeField(null=True)
    locked_until = models.DateTimeField(null=True)

    def __str__(self) -> str:
        return self.username


class RateCounter(models.Model):
    """Hits of one rate-limit key in one fixed window (zhidu.trust.ratelimit). `key` is an HMAC of
    the scope and the subject (a client address...), never the address itself; rows of windows
    that ended are deleted lazily when a new window starts."""

    key = models.CharField(max_length=64)
    scope = models.CharField(max_length=40)
    window_start = models.BigIntegerField()  # Unix seconds: a plain integer makes one SQL for both databases
    window_end = models.BigIntegerField(db_index=True)
    hits = models.PositiveIntegerField(default=0)

    class Meta:
        db_table = "trust_rate_counter"
        constraints = [
            # The conflict target of the atomic upsert (INSERT ... ON CONFLICT (key, window_start)).
            models.UniqueConstraint(fields=["key", "window_start"], name="trust_rate_one_row_per_window")
        ]

    def __str__(self) -> str:
        return f"{self.scope} {self.window_start}: {self.hits}"
