"""Sealed fields (issue 6, R8): sensitive text encrypted at rest with SM4-GCM (GB/T 32907 block cipher
in GCM, RFC 8998), keys outside the database, and no plaintext without an audit entry.

Token stored in the column: `s1:<key id>:<base64url(nonce 12 bytes | ciphertext | tag 16 bytes)>`.
The associated data binds the format, the key id and the table and column, so a token copied into
another column or table, a changed byte or a wrong key all fail authentication.

Keys: ZHIDU_FIELD_KEYS=`k2:<base64 of 16 bytes>,k1:<base64>` (the first encrypts, every one decrypts),
or, for development only, `var/field_keys` generated once beside `var/secret_key` (never in the
database, never committed; the deploy check warns when production relies on it).

Reading: a `SealedTextField` never hands out plaintext. Its value is a `Sealed` whose `str()` is a
placeholder; `reveal(actor, reason)` (or `reveal_all` for several fields of one record) decrypts and
writes `zhidu.core.audit.record(...)` before returning, so every read leaves an audit entry.
`_open` is private to this module (key rotation uses it, and audits the run).

Limits, on purpose: the associated data binds table and column, not the row (a new row has no key
before it is inserted), so swapping two rows' tokens of one column in SQL decrypts; the audit chain
and the backup digest are where such tampering shows. Sealed columns cannot be searched or sorted."""

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
from django.db.models.query_utils import DeferredAttribute

from zhidu.env import env_str

FORMAT = "s1"
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


def _aad(kid: str, table: str, column: str) -> bytes:
    return f"zhidu.sealed|{FORMAT}|{kid}|{table}|{column}".encode()


def seal(plaintext: str, table: str, column: str, ring: KeyRing | None = None) -> str:
    ring = ring or key_ring()
    nonce = secrets.token_bytes(NONCE_BYTES)
    encryptor = Cipher(algorithms.SM4(ring.keys[ring.current]), modes.GCM(nonce)).encryptor()
    encryptor.authenticate_additional_data(_aad(ring.current, table, column))
    body = encryptor.update(plaintext.encode("utf-8")) + encryptor.finalize()
    blob = base64.urlsafe_b64encode(nonce + body + encryptor.tag).decode().rstrip("=")
    return f"{FORMAT}:{ring.current}:{blob}"


def split_token(token: str, table: str, column: str) -> tuple[str, bytes]:
    parts = token.split(":")
    if len(parts) != 3 or parts[0] != FORMAT or not KEY_ID.match(parts[1]):
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


def _open(token: str, table: str, column: str, ring: KeyRing | None = None) -> str:
    """Private: decrypts without an audit entry. Only `Sealed.reveal*` and key rotation call it."""
    ring = ring or key_ring()
    kid, blob = split_token(token, table, column)
    if kid not in ring.keys:
        raise KeyMissing(f"密钥 {kid} 不在密钥环中（ZHIDU_FIELD_KEYS），无法解密 {table}.{column}")
    nonce, body, tag = blob[:NONCE_BYTES], blob[NONCE_BYTES:-TAG_BYTES], blob[-TAG_BYTES:]
    decryptor = Cipher(algorithms.SM4(ring.keys[kid]), modes.GCM(nonce, tag)).decryptor()
    decryptor.authenticate_additional_data(_aad(kid, table, column))
    try:
        return (decryptor.update(body) + decryptor.finalize()).decode("utf-8")
    except (InvalidTag, UnicodeDecodeError):
        raise SealingError(
            f"{table}.{column} 的密文校验失败：密钥不符、内容被改动或密文来自其他字段"
        ) from None


class Sealed:
    """The value of a sealed column. Printing it shows a placeholder; plaintext only via reveal."""

    __slots__ = ("token", "table", "column", "action", "instance")

    def __init__(self, token: str, table: str, column: str, action: str = "sealed.read", instance=None):
        self.token, self.table, self.column = token or "", table, column
        self.action, self.instance = action, instance

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
    opened = {name: _open(v.token, v.table, v.column) if v else "" for name, v in values.items()}
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

    @property
    def place(self) -> tuple[str, str]:
        return self.model._meta.db_table, cast(str, self.column)  # set once the field is on a model

    def wrap(self, value, instance=None) -> Sealed:
        table, column = self.place
        if isinstance(value, Sealed):
            if (value.table, value.column) != (table, column):
                raise SealingError(f"不能把 {value.table}.{value.column} 的密文放入 {table}.{column}")
            return Sealed(value.token, table, column, self.audit_action, instance)
        if value is None or value == "":
            return Sealed("", table, column, self.audit_action, instance)
        if not isinstance(value, str):
            raise TypeError(f"{table}.{column}: sealed fields hold text")
        return Sealed(seal(value, table, column), table, column, self.audit_action, instance)

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
        return self.wrap(value).token

    def value_to_string(self, obj):
        return self.value_from_object(obj).token


def sealed_columns():
    from django.apps import apps

    for model in apps.get_models():
        for field in model._meta.local_concrete_fields:
            if isinstance(field, SealedTextField):
                yield model, field


def reseal_column(model, field, ring: KeyRing, batch: int = 500) -> tuple[int, int]:
    """Re-encrypt one column under the current key, a batch per transaction, each row claimed by
    a conditional UPDATE on its old token (a concurrent edit wins). Returns (rows seen, resealed)."""
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
                if not value or key_id(value.token) == ring.current:
                    continue
                fresh = seal(_open(value.token, table, column, ring), table, column, ring)
                changed += model._base_manager.filter(pk=pk, **{field.attname: value}).update(
                    **{field.attname: Sealed(fresh, table, column)}
                )
        last = chunk[-1][0]


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
