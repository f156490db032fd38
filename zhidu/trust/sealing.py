"""Sealed fields (issue 6, R8): sensitive text encrypted at rest with SM4-GCM (GB/T 32907 block cipher
in GCM, RFC 8998), keys outside the database, and no plaintext without an audit entry.

Token stored in the column: `s2:<key id>:<base64url(nonce 12 bytes | ciphertext | tag 16 bytes)>`.
The associated data binds the format, the key id, the table, the column and the row's primary key
(issue 17), so a token copied into another column, table or row, a changed byte or a wrong key all
fail authentication. A value assigned before its row has a key is sealed "pending" (row "") and
bound by the field's post_save handler in the same save; a pending token is never revealed.
`s1` tokens (table and column only, before issue 17) are bound by migration and then refused.

Keys: ZHIDU_FIELD_KEYS=`k2:<base64 of 16 bytes>,k1:<base64>` (the first encrypts, every one decrypts),
or, for development only, `var/field_keys` generated once beside `var/secret_key` (never in the
database, never committed; the deploy check warns when production relies on it).

Reading: a `SealedTextField` never hands out plaintext. Its value is a `Sealed` whose `str()` is a
placeholder; `reveal(actor, reason)` (or `reveal_all` for several fields of one record) decrypts and
writes `zhidu.core.audit.record(...)` before returning, so every read leaves an audit entry.
`_open` is private to this module (key rotation uses it, and audits the run).

A queryset `.update()` has no row to bind to: pass `bound(Model, "field", pk, text)`, not
plaintext (plaintext there is refused). Limits: sealed columns cannot be searched or sorted; whoever
changes other columns of a row (its person, say) is caught by the audit chain, not by the seal."""

from __future__ import annotations

import base64
import binascii
import functools
import os
import re
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import cast

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import models, transaction
from django.db.models import signals
from django.db.models.query_utils import DeferredAttribute

from zhidu.env import env_str

FORMAT = "s2"  # bound to the row (issue 17)
LEGACY = "s1"  # table and column only: read by the binding migration, refused elsewhere
PENDING = ""  # the row of a value sealed before its row had a primary key
NONCE_BYTES = 12
TAG_BYTES = 16
KEY_ID = re.compile(r"^[A-Za-z0-9_-]{1,16}$")
PLACEHOLDER = "〔已加密〕"


class SealingError(Exception):
    """A token that cannot be opened: one Chinese line naming the column."""


class KeyMissing(SealingError):
    pass


@dataclass(frozen=True)
class KeyRing:
    current: str
    keys: dict[str, bytes]
    source: str  # "env" (ZHIDU_FIELD_KEYS) or "file" (the development key file)


@functools.lru_cache(maxsize=8)
def parse_keys(raw: str, source: str = "env") -> KeyRing:
    where = "ZHIDU_FIELD_KEYS" if source == "env" else "开发密钥文件 var/field_keys"
    keys: dict[str, bytes] = {}
    order = []
    for part in (p.strip() for p in raw.replace("\n", ",").split(",")):
        if not part:
            continue
        kid, sep, encoded = part.partition(":")
        if not sep or not KEY_ID.match(kid):
            raise ImproperlyConfigured(
                f"{where}：每项应为“密钥编号:base64密钥”，编号仅含字母数字，收到 {kid!r}"
            )
        try:
            key = base64.b64decode(encoded.strip(), validate=True)
        except (binascii.Error, ValueError):
            raise ImproperlyConfigured(f"{where}：密钥 {kid} 不是有效的 base64") from None
        if len(key) != 16:
            raise ImproperlyConfigured(f"{where}：密钥 {kid} 应为 16 字节（SM4），实为 {len(key)} 字节")
        if kid in keys:
            raise ImproperlyConfigured(f"{where}：密钥编号 {kid} 重复")
        keys[kid] = key
        order.append(kid)
    if not keys:
        raise ImproperlyConfigured(f"{where}：没有密钥")
    return KeyRing(current=order[0], keys=keys, source=source)


def configured_keys() -> str:
    value = getattr(settings, "ZHIDU_FIELD_KEYS", None)
    return value if value else env_str("ZHIDU_FIELD_KEYS", "")


def dev_key_path() -> Path:
    var_dir = getattr(settings, "VAR_DIR", None) or env_str("ZHIDU_VAR_DIR", "var")
    return Path(var_dir) / "field_keys"


def new_key_line(kid: str = "dev1") -> str:
    return f"{kid}:{base64.b64encode(secrets.token_bytes(16)).decode()}"


def key_ring() -> KeyRing:
    raw = configured_keys()
    if raw:
        return parse_keys(raw, "env")
    # As zhidu/settings.py does for SECRET_KEY: a fresh clone runs without configuration, the key is
    # generated once into the local state folder and never committed nor stored in the database.
    path = dev_key_path()
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as out:
            out.write(new_key_line() + "\n")
    return parse_keys(path.read_text(), "file")


def _aad(version: str, kid: str, table: str, column: str, row: str) -> bytes:
    if version == LEGACY:
        return f"zhidu.sealed|{LEGACY}|{kid}|{table}|{column}".encode()
    return f"zhidu.sealed|{version}|{kid}|{table}|{column}|{row}".encode()


def _row(row) -> str:
    return PENDING if row is None else str(row)


def seal(plaintext: str, table: str, column: str, ring: KeyRing | None = None, *, row=None) -> str:
    """Encrypt for one row (`row` = its primary key; None = pending, bound on save)."""
    ring = ring or key_ring()
    nonce = secrets.token_bytes(NONCE_BYTES)
    encryptor = Cipher(algorithms.SM4(ring.keys[ring.current]), modes.GCM(nonce)).encryptor()
    encryptor.authenticate_additional_data(_aad(FORMAT, ring.current, table, column, _row(row)))
    body = encryptor.update(plaintext.encode("utf-8")) + encryptor.finalize()
    blob = base64.urlsafe_b64encode(nonce + body + encryptor.tag).decode().rstrip("=")
    return f"{FORMAT}:{ring.current}:{blob}"


def split_token(token: str, table: str, column: str) -> tuple[str, bytes]:
    parts = token.split(":")
    if len(parts) != 3 or parts[0] not in (FORMAT, LEGACY) or not KEY_ID.match(parts[1]):
        raise SealingError(f"{table}.{column} 的密文格式无效（应为 {FORMAT}:密钥编号:密文）")
    try:
        blob = base64.urlsafe_b64decode(parts[2] + "=" * (-len(parts[2]) % 4))
    except (binascii.Error, ValueError):
        raise SealingError(f"{table}.{column} 的密文不是有效的 base64") from None
    if len(blob) < NONCE_BYTES + TAG_BYTES:
        raise SealingError(f"{table}.{column} 的密文过短")
    return parts[1], blob


def key_id(token: str) -> str:
    return token.split(":")[1] if token.count(":") == 2 else ""


def _open(
    token: str, table: str, column: str, ring: KeyRing | None = None, *, row=None, legacy: bool = False
) -> str:
    """Private: decrypts without an audit entry. Only `Sealed.reveal*`, binding and key rotation
    call it. `row` is the primary key the token must be bound to (None: a pending token)."""
    ring = ring or key_ring()
    kid, blob = split_token(token, table, column)
    version = token.split(":", 1)[0]
    if version == LEGACY and not legacy:
        raise SealingError(f"{table}.{column} 的密文是未绑定记录的旧格式（s1）：请先运行 migrate 绑定")
    if kid not in ring.keys:
        raise KeyMissing(f"密钥 {kid} 不在密钥环中（ZHIDU_FIELD_KEYS），无法解密 {table}.{column}")
    nonce, body, tag = blob[:NONCE_BYTES], blob[NONCE_BYTES:-TAG_BYTES], blob[-TAG_BYTES:]
    decryptor = Cipher(algorithms.SM4(ring.keys[kid]), modes.GCM(nonce, tag)).decryptor()
    decryptor.authenticate_additional_data(_aad(version, kid, table, column, _row(row)))
    try:
        return (decryptor.update(body) + decryptor.finalize()).decode("utf-8")
    except (InvalidTag, UnicodeDecodeError):
        where = f"{table}.{column}" + (f"（记录 {row}）" if row is not None else "")
        raise SealingError(
            f"{where} 的密文校验失败：密钥不符、内容被改动，或密文来自其他字段或其他记录"
        ) from None


class Sealed:
    """The value of a sealed column. Printing it shows a placeholder; plaintext only via reveal."""

    __slots__ = ("token", "table", "column", "action", "instance", "pk", "pending")

    def __init__(
        self,
        token: str,
        table: str,
        column: str,
        action: str = "sealed.read",
        instance=None,
        *,
        pk=None,
        pending: bool = False,
    ):
        self.token, self.table, self.column = token or "", table, column
        self.action, self.instance, self.pk = action, instance, pk
        self.pending = pending and bool(token)  # sealed before its row had a primary key

    @property
    def row(self):
        """The primary key the token is bound to: its record's, or the one it was read with."""
        return self.instance.pk if self.instance is not None and self.instance.pk is not None else self.pk

    def __bool__(self) -> bool:
        return bool(self.token)

    def __str__(self) -> str:
        return PLACEHOLDER if self.token else ""

    def __repr__(self) -> str:
        return f"<Sealed {self.table}.{self.column}{'' if self.token else ' (empty)'}>"

    def reveal(self, actor, reason: str, *, request=None) -> str:
        return reveal_all(actor, reason, {self.column: self}, request=request)[self.column]


def reveal_all(actor, reason: str, values: dict[str, Sealed], *, target=None, request=None) -> dict[str, str]:
    """Open several sealed values of one record and write ONE audit entry naming the fields read.
    The entry is written before any plaintext is returned; empty values are not reads."""
    from zhidu.core import audit

    if not (reason or "").strip():
        raise ValueError("reveal: a reason is required for the audit entry")
    for v in values.values():
        if v and (v.pending or v.row is None):  # sealed for no row yet: nothing may open it
            raise SealingError(f"{v.table}.{v.column}：记录尚未保存，不能读取密文")
    opened = {name: _open(v.token, v.table, v.column, row=v.row) if v else "" for name, v in values.items()}
    read = [name for name, v in values.items() if v]
    if read:
        first = next(v for v in values.values() if v)
        target = target if target is not None else first.instance
        audit.record(
            actor,
            first.action,
            target,
            summary=reason,
            request=request,
            fields=[f"{values[n].table}.{values[n].column}" for n in read],
        )
    return opened


def bound(model, field_name: str, pk, plaintext: str) -> Sealed:
    """A value for a queryset `.update()` of one row: sealed for that row's primary key."""
    field = model._meta.get_field(field_name)
    table, column = field.place
    token = seal(plaintext, table, column, row=pk) if plaintext else ""
    return Sealed(token, table, column, field.audit_action, pk=pk)


class SealedDescriptor(DeferredAttribute):
    """Assigning plaintext encrypts at once: a model instance never holds plaintext."""

    def __set__(self, instance, value):
        instance.__dict__[self.field.attname] = self.field.wrap(value, instance)

    def __get__(self, instance, cls=None):
        if instance is None:
            return self
        value = super().__get__(instance, cls)
        if isinstance(value, Sealed) and value.instance is None:
            value.instance = instance
        return value


class SealedTextField(models.TextField):
    descriptor_class = SealedDescriptor

    def __init__(self, *args, audit_action: str = "sealed.read", **kwargs):
        self.audit_action = audit_action
        kwargs.setdefault("blank", True)
        kwargs.setdefault("default", "")
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["audit_action"] = self.audit_action
        return name, path, args, kwargs

    def contribute_to_class(self, cls, name, private_only=False):
        super().contribute_to_class(cls, name, private_only)
        if not cls._meta.abstract:
            # A row inserted with values sealed "pending" gets them bound to its new primary key in
            # the same save (issue 17): from then on a token moved to another row fails to open.
            signals.post_save.connect(
                _bind_pending, sender=cls, weak=False, dispatch_uid=f"zhidu.sealed.{cls._meta.label}"
            )

    @property
    def place(self) -> tuple[str, str]:
        return self.model._meta.db_table, cast(str, self.column)  # set once the field is on a model

    def wrap(self, value, instance=None) -> Sealed:
        table, column = self.place
        row = instance.pk if instance is not None else None
        if isinstance(value, Sealed):
            if (value.table, value.column) != (table, column):
                raise SealingError(f"不能把 {value.table}.{value.column} 的密文放入 {table}.{column}")
            moved = instance is not None and value.instance not in (None, instance) and value.row != row
            if value and moved:  # copied from another record: seal again for this one
                token = seal(_open(value.token, table, column, row=value.row), table, column, row=row)
                return Sealed(token, table, column, self.audit_action, instance, pending=row is None)
            return Sealed(
                value.token, table, column, self.audit_action, instance, pk=value.pk, pending=value.pending
            )
        if value is None or value == "":
            return Sealed("", table, column, self.audit_action, instance)
        if not isinstance(value, str):
            raise TypeError(f"{table}.{column}: sealed fields hold text")
        token = seal(value, table, column, row=row)
        return Sealed(token, table, column, self.audit_action, instance, pending=row is None)

    def from_db_value(self, value, expression, connection):
        table, column = self.place
        return Sealed(value or "", table, column, self.audit_action)

    def to_python(self, value):
        # Deserialization (loaddata of a dumpdata backup) hands the stored token back.
        if isinstance(value, Sealed) or value in (None, ""):
            return self.wrap(value)
        table, column = self.place
        try:
            split_token(str(value), table, column)
        except SealingError as error:
            raise ValidationError(str(error)) from None
        return Sealed(str(value), table, column, self.audit_action)

    def get_prep_value(self, value):
        if isinstance(value, str) and value:
            table, column = self.place  # plaintext outside a record: a queryset update or a filter
            raise SealingError(f"{table}.{column}：按记录加密，请用 sealing.bound(…) 传入，不能直接写明文")
        return self.wrap(value).token

    def value_to_string(self, obj):
        return self.value_from_object(obj).token


def _bind_pending(sender, instance, created, raw=False, **kwargs):
    if raw:
        return  # loaddata: the stored tokens are already bound to the rows they come with
    changes = {}
    for field in instance._meta.concrete_fields:
        if not isinstance(field, SealedTextField):
            continue
        value = instance.__dict__.get(field.attname)
        if isinstance(value, Sealed) and value.pending:
            table, column = field.place
            token = seal(_open(value.token, table, column), table, column, row=instance.pk)
            changes[field.attname] = Sealed(token, table, column, field.audit_action, instance)
    if changes:
        sender._base_manager.filter(pk=instance.pk).update(**changes)
        instance.__dict__.update(changes)


def sealed_columns():
    from django.apps import apps

    for model in apps.get_models():
        for field in model._meta.local_concrete_fields:
            if isinstance(field, SealedTextField):
                yield model, field


def reseal_column(
    model, field, ring: KeyRing | None, batch: int = 500, *, legacy: bool = False
) -> tuple[int, int]:
    """Re-encrypt one column under the current key, bound to each row, a batch per transaction, each
    row claimed by a conditional UPDATE on its old token (a concurrent edit wins). `legacy` binds
    only the `s1` tokens of before issue 17 (the migrations' run; the ring is read at the first one,
    so an empty table needs no key). Returns (rows seen, resealed)."""
    table, column = field.place
    seen = changed = 0
    last = None
    rows = model._base_manager.order_by("pk")
    while True:
        page = rows.filter(pk__gt=last) if last is not None else rows
        chunk = list(page.values_list("pk", field.attname)[:batch])
        if not chunk:
            return seen, changed
        with transaction.atomic():
            for pk, value in chunk:
                seen += 1
                old = value.token if isinstance(value, Sealed) else (value or "")
                version = old.split(":", 1)[0]
                if legacy and version != LEGACY:
                    continue
                ring = ring or key_ring()
                if not old or (key_id(old) == ring.current and version == FORMAT):
                    continue
                plain = _open(old, table, column, ring, row=pk, legacy=legacy)
                fresh = Sealed(seal(plain, table, column, ring, row=pk), table, column, pk=pk)
                claim = model._base_manager.filter(pk=pk, **{field.attname: Sealed(old, table, column)})
                changed += claim.update(**{field.attname: fresh})
        last = chunk[-1][0]


def bind_legacy_tokens(app_label: str):
    """A data migration's function (issue 17): every `s1` token of the app's sealed columns is
    sealed again bound to its row. Runs with the historical models and the configured keys."""

    def bind(apps, schema_editor) -> None:
        for model in apps.get_app_config(app_label).get_models():
            for field in model._meta.local_concrete_fields:
                if isinstance(field, SealedTextField):
                    reseal_column(model, field, None, legacy=True)

    return bind


# --- system checks (registered in zhidu.trust.checks) ---------------------------------------------


def check_keys(app_configs=None, **kwargs):
    raw = configured_keys()
    if not raw:
        return []
    try:
        parse_keys(raw, "env")
    except ImproperlyConfigured as error:
        return [checks.Error(str(error), id="zhidu.sealing.E001")]
    return []


def check_deploy_keys(app_configs=None, **kwargs):
    if configured_keys() or settings.DEBUG:
        return []
    return [
        checks.Warning(
            "未设置 ZHIDU_FIELD_KEYS：敏感字段使用自动生成的开发密钥文件 var/field_keys 加密；"
            "生产环境应把 SM4 密钥放在数据库与备份之外并设置该变量",
            id="zhidu.sealing.W001",
        )
    ]
