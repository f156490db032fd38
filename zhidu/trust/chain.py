"""The tamper-evident chain, as pure functions (no database, no clock, no settings).

Every audit entry and every archived record (R1§10) gets one chain entry, appended in the
transaction that creates the row:

    payload = H(canonical JSON of the row's columns named in `fields`)
    hash    = H(canonical JSON of {seq, kind, ref, fields, payload, prev, alg})
    seal    = HMAC(key, hash)       # every entry is a signed checkpoint of the chain up to it

`prev` is the hash of the entry before (the chain's genesis for the first). `root` of a chain of n
entries is the hash of entry n. H is SM3 (GB/T 32905, the national standard) or SHA-256, recorded per
entry.

Chains (issue 18): one per township ("township:<pk>"), one for the deployment's own rows (no
township: "deployment"), so that writers of different townships never wait on one another. The
single chain written before that is kept, unchanged, as the closed segment "legacy"; every later
chain starts from its root (its first `prev` is the legacy root, GENESIS when there was none), so
the legacy segment cannot lose its tail unseen once any chain follows it. Entries of the new chains
carry their chain's name inside the hashed material; legacy entries keep the material they were
sealed with. `verify_chains` walks them all (legacy, deployment, then the townships) and names the
chain and the first bad entry; a checkpoint (format 2) holds every chain's {count, root}.

What `verify` detects, naming the first bad entry:
1. a missing entry (a gap in seq) and swapped entries (a `prev` that points elsewhere);
2. a changed byte in a chain entry (its hash no longer matches its fields);
3. a recomputed chain (hashes consistent, but the seal needs the key, which is not in the database);
4. a changed, missing or swapped row (its payload digest no longer matches);
5. a row that is not in the chain (written around the application);
6. against an exported checkpoint {count, root}: truncation, or a chain rewritten by someone who
   also held the key.
"""

from __future__ import annotations

import dataclasses
import datetime
import decimal
import json
import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence

from cryptography.hazmat.primitives import constant_time, hashes
from cryptography.hazmat.primitives import hmac as crypto_hmac

GENESIS = "0" * 64
CHECKPOINT_FORMAT = "zhidu.checkpoint/1"  # one chain: {count, root} (before the chains per township)
CHECKPOINTS_FORMAT = "zhidu.checkpoint/2"  # every chain: {chains: {name: {count, root}}, count, root}
LEGACY = "legacy"
DEPLOYMENT = "deployment"
KIND_LABELS = {"audit": "审计记录", "archive": "归档记录"}


def _algorithm(name: str) -> hashes.HashAlgorithm:
    if name == "sm3":
        return hashes.SM3()
    if name == "sha256":
        return hashes.SHA256()
    raise ValueError(f"未知的哈希算法 {name!r}（应为 sm3 或 sha256）")


def digest(data: bytes, algorithm: str) -> str:
    h = hashes.Hash(_algorithm(algorithm))
    h.update(data)
    return h.finalize().hex()


def mac(key: bytes, data: bytes, algorithm: str) -> str:
    h = crypto_hmac.HMAC(key, _algorithm(algorithm))
    h.update(data)
    return h.finalize().hex()


def mac_matches(key: bytes | Sequence[bytes], data: bytes, algorithm: str, expected: str) -> bool:
    """True when any key of the ring (the current one, then retired ones) made `expected`."""
    keys = [key] if isinstance(key, bytes) else list(key)
    return any(constant_time.bytes_eq(mac(k, data, algorithm).encode(), str(expected).encode()) for k in keys)


def plain(value):
    """A value as plain JSON, the same whichever database or driver returned it."""
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, datetime.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(datetime.timezone.utc)
        return value.isoformat()
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    if isinstance(value, (decimal.Decimal, uuid.UUID, datetime.timedelta)):
        return str(value)
    if isinstance(value, (bytes, bytearray, memoryview)):
        return bytes(value).hex()
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    return str(value)


def canonical(value) -> bytes:
    """Sorted keys, no spaces, UTF-8: one byte string per value."""
    return json.dumps(plain(value), sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def payload_digest(model: str, pk, row: Mapping, fields: Sequence[str], algorithm: str) -> str:
    missing = [f for f in fields if f not in row]
    if missing:
        raise KeyError(missing[0])
    return digest(canonical({"model": model, "pk": pk, "fields": {f: row[f] for f in fields}}), algorithm)


@dataclasses.dataclass(frozen=True)
class Entry:
    seq: int
    kind: str
    ref: int
    fields: str  # comma-separated column names covered by the payload
    payload: str
    prev: str
    hash: str
    seal: str
    alg: str
    chain: str = LEGACY

    def material(self) -> bytes:
        material = {
            "seq": self.seq,
            "kind": self.kind,
            "ref": self.ref,
            "fields": self.fields,
            "payload": self.payload,
            "prev": self.prev,
            "alg": self.alg,
        }
        if self.chain != LEGACY:  # legacy entries keep the material they were sealed with
            material["chain"] = self.chain
        return canonical(material)


def make_entry(
    *,
    seq: int,
    kind: str,
    ref: int,
    fields: str,
    payload: str,
    prev: str,
    alg: str,
    key: bytes,
    chain: str = LEGACY,
) -> Entry:
    draft = Entry(seq, kind, ref, fields, payload, prev, "", "", alg, chain)
    entry_hash = digest(draft.material(), alg)
    return dataclasses.replace(draft, hash=entry_hash, seal=mac(key, entry_hash.encode(), alg))


@dataclasses.dataclass(frozen=True)
class Result:
    ok: bool
    count: int
    root: str
    seq: int | None = None
    message: str = "链完整"
    chain: str = ""  # the chain of the first bad entry
    chains: int = 1

    def line(self) -> str:
        if self.ok:
            return f"校验通过：共 {self.count} 条链记录（{self.chains} 条链），根哈希 {self.root}"
        return f"校验失败：{self.message}"


def _label(kind: str, ref) -> str:
    return f"{KIND_LABELS.get(kind, kind)} #{ref}"


def _walk(
    entries: list[Entry],
    rows: Mapping[tuple[str, int], Mapping],
    *,
    key: bytes | Sequence[bytes],
    models: Mapping[str, str],
    genesis: str,
    seen: set[tuple[str, int]],
    belongs: Callable[[Mapping], bool] | None = None,
) -> Result:
    """Checks 1–4 on one chain, in seq order; the rows it stands for are added to `seen`."""
    by_hash = {e.hash: e for e in entries}
    by_payload = {(e.kind, e.payload): e for e in entries}
    prev = genesis
    for position, entry in enumerate(entries, start=1):
        where = f"第 {entry.seq} 条链记录"
        # 1. Order: no gap, no repeat, and each entry names the one before it.
        if entry.seq != position:
            if entry.seq > position:
                return Result(False, len(entries), "", position, f"缺少第 {position} 条链记录（被删除）")
            return Result(False, len(entries), "", entry.seq, f"{where}序号重复或倒序")
        if entry.prev != prev:
            other = by_hash.get(entry.prev)
            if other is not None and other.seq > entry.seq:
                message = f"{where}与第 {other.seq} 条链记录的顺序被调换"
            elif position == 1:
                message = f"{where}的前序哈希与链的起点不符（此前的链被截断、改写，或本条被替换）"
            else:
                message = f"{where}的前序哈希与第 {position - 1} 条不符（链记录被替换、插入或删除）"
            return Result(False, len(entries), "", entry.seq, message)
        # 2. A changed byte in the entry itself.
        if entry.alg not in ("sm3", "sha256") or digest(entry.material(), entry.alg) != entry.hash:
            return Result(
                False, len(entries), "", entry.seq, f"{where}（{_label(entry.kind, entry.ref)}）被改动"
            )
        # 3. A chain recomputed without the key.
        if not mac_matches(key, entry.hash.encode(), entry.alg, entry.seal):
            return Result(
                False,
                len(entries),
                "",
                entry.seq,
                f"{where}（{_label(entry.kind, entry.ref)}）签名不符：自此处起链被重新计算"
                "（或签名密钥 ZHIDU_CHECKPOINT_KEY 已更换）",
            )
        # 4. The row it stands for.
        row = rows.get((entry.kind, entry.ref))
        if row is None:
            return Result(
                False,
                len(entries),
                "",
                entry.seq,
                f"{where}所指的{_label(entry.kind, entry.ref)}缺失（被删除）",
            )
        fields = [f for f in entry.fields.split(",") if f]
        try:
            actual = payload_digest(models[entry.kind], entry.ref, row, fields, entry.alg)
        except KeyError as missing:
            return Result(
                False,
                len(entries),
                "",
                entry.seq,
                f"{where}所指的{_label(entry.kind, entry.ref)}缺少字段 {missing}",
            )
        if actual != entry.payload:
            twin = by_payload.get((entry.kind, actual))
            if twin is not None and twin.seq != entry.seq:
                message = (
                    f"{where}所指的{_label(entry.kind, entry.ref)}与第 {twin.seq} 条所指的记录内容被调换"
                )
            else:
                message = f"{where}所指的{_label(entry.kind, entry.ref)}内容被改动"
            return Result(False, len(entries), "", entry.seq, message)
        # 4b. A row of another township (or of none) in this township's chain.
        if belongs is not None and not belongs(row):
            return Result(
                False,
                len(entries),
                "",
                entry.seq,
                f"{where}所指的{_label(entry.kind, entry.ref)}不属于这条链（乡镇不符）",
            )
        seen.add((entry.kind, entry.ref))
        prev = entry.hash
    return Result(True, len(entries), prev)


def _outside(rows: Mapping[tuple[str, int], Mapping], seen: set[tuple[str, int]]) -> str | None:
    """5. Rows written around the chain."""
    outside = sorted(k for k in rows if k not in seen)
    if not outside:
        return None
    kind, ref = outside[0]
    return f"{_label(kind, ref)}不在链中（绕过应用写入，或其链记录被删除）"


def verify(
    entries: Iterable[Entry],
    rows: Mapping[tuple[str, int], Mapping],
    *,
    key: bytes | Sequence[bytes],
    models: Mapping[str, str],
    genesis: str = GENESIS,
) -> Result:
    """Walk one chain in seq order; return the first bad entry and why (in Chinese).

    `rows` maps (kind, pk) to the row's columns; `models` maps kind to the model label."""
    entries = list(entries)
    seen: set[tuple[str, int]] = set()
    result = _walk(entries, rows, key=key, models=models, genesis=genesis, seen=seen)
    if not result.ok:
        return result
    outside = _outside(rows, seen)
    if outside:
        return Result(False, len(entries), result.root, None, outside)
    return result


def chain_order(name: str) -> tuple[int, int, str]:
    """Legacy first, then the deployment's chain, then the townships' by their key."""
    if name == LEGACY:
        return (0, 0, name)
    if name == DEPLOYMENT:
        return (1, 0, name)
    _, _, number = name.partition(":")
    return (2, int(number), name) if number.isdigit() else (3, 0, name)


def township_of(name: str) -> int | None:
    """The township key of a chain named "township:<pk>"; None for the others."""
    prefix, _, number = name.partition(":")
    return int(number) if prefix == "township" and number.isdigit() else None


def combined_root(tips: Mapping[str, tuple[int, str]], algorithm: str) -> str:
    """One hash over every chain's (count, root): what a checkpoint's `root` is."""
    return digest(canonical({name: [count, root] for name, (count, root) in tips.items()}), algorithm)


def verify_chains(
    chains: Mapping[str, Sequence[Entry]],
    rows: Mapping[tuple[str, int], Mapping],
    *,
    key: bytes | Sequence[bytes],
    models: Mapping[str, str],
    labels: Mapping[str, str],
    algorithm: str,
) -> Result:
    """Every chain (legacy, deployment, townships), each from its genesis: the legacy segment from
    GENESIS, every other from the legacy root. The first bad entry is named with its chain; a
    township's chain holds only that township's rows, the deployment's only rows of none."""
    legacy = list(chains.get(LEGACY, ()))
    legacy_root = legacy[-1].hash if legacy else GENESIS
    seen: set[tuple[str, int]] = set()
    tips: dict[str, tuple[int, str]] = {}
    total = 0
    for name in sorted(chains, key=chain_order):
        entries = list(chains[name])
        label = labels.get(name, name)
        belongs: Callable[[Mapping], bool] | None = None
        if name == DEPLOYMENT:
            belongs = _of_township(None)
        elif township_of(name) is not None:
            belongs = _of_township(township_of(name))
        genesis = GENESIS if name == LEGACY else legacy_root
        result = _walk(entries, rows, key=key, models=models, genesis=genesis, seen=seen, belongs=belongs)
        if not result.ok:
            return dataclasses.replace(result, message=f"{label}：{result.message}", chain=name)
        if entries:
            tips[name] = (len(entries), result.root)
        total += len(entries)
    root = combined_root(tips, algorithm)
    outside = _outside(rows, seen)
    if outside:
        return Result(False, total, root, None, outside, chains=len(tips))
    return Result(True, total, root, chains=len(tips))


def _of_township(township_id: int | None) -> Callable[[Mapping], bool]:
    def belongs(row: Mapping) -> bool:
        return row.get("township_id") == township_id

    return belongs


# Checkpoints: what an outside witness keeps (printed, e-mailed to the county, stored offline).


def checkpoint_material(checkpoint: Mapping) -> bytes:
    names = ["format", "count", "root", "hash_algorithm", "signed_at"]
    if checkpoint.get("format") == CHECKPOINTS_FORMAT:
        names.append("chains")
    return canonical({k: checkpoint[k] for k in names})


def make_checkpoint(
    *,
    count: int = 0,
    root: str = GENESIS,
    algorithm: str,
    signed_at: str,
    key: bytes,
    chains: Mapping[str, tuple[int, str]] | None = None,
) -> dict:
    """Format 2 when `chains` ({name: (count, root)}) is given: count and root are then the total and
    the combined root; format 1 (count, root of the one chain) is what was signed before."""
    checkpoint: dict = {"format": CHECKPOINT_FORMAT, "count": count, "root": root}
    if chains is not None:
        checkpoint = {
            "format": CHECKPOINTS_FORMAT,
            "count": sum(n for n, _ in chains.values()),
            "root": combined_root(chains, algorithm),
            "chains": {name: {"count": n, "root": r} for name, (n, r) in sorted(chains.items())},
        }
    checkpoint.update({"hash_algorithm": algorithm, "signed_at": signed_at})
    checkpoint["signature"] = mac(key, checkpoint_material(checkpoint), algorithm)
    return checkpoint


class BadCheckpoint(ValueError):
    pass


def read_checkpoint(data: object, key: bytes | Sequence[bytes]) -> dict:
    """A checkpoint parsed and its signature checked, or BadCheckpoint with a Chinese reason."""
    if not isinstance(data, dict):
        raise BadCheckpoint("检查点应为 JSON 对象")
    data = {"format": CHECKPOINT_FORMAT, **data}
    for name, kind in (
        ("count", int),
        ("root", str),
        ("hash_algorithm", str),
        ("signed_at", str),
        ("signature", str),
    ):
        if not isinstance(data.get(name), kind) or isinstance(data.get(name), bool):
            raise BadCheckpoint(f"检查点缺少字段 {name} 或类型不对")
    if data["count"] < 0 or data["hash_algorithm"] not in ("sm3", "sha256"):
        raise BadCheckpoint("检查点的条数或哈希算法无效")
    if data["format"] == CHECKPOINTS_FORMAT:
        chains = data.get("chains")
        if not isinstance(chains, dict) or not all(
            isinstance(v, dict)
            and isinstance(v.get("count"), int)
            and not isinstance(v.get("count"), bool)
            and v["count"] >= 0
            and isinstance(v.get("root"), str)
            for v in chains.values()
        ):
            raise BadCheckpoint("检查点缺少字段 chains 或类型不对")
    elif data["format"] != CHECKPOINT_FORMAT:
        raise BadCheckpoint(f"检查点格式 {data['format']} 无法识别")
    if not mac_matches(key, checkpoint_material(data), data["hash_algorithm"], data["signature"]):
        raise BadCheckpoint("检查点签名无效（文件被改动，或签名密钥不同）")
    return data


def compare_with_checkpoint(entries: Sequence[Entry], checkpoint: Mapping, label: str = "") -> Result:
    """One chain against the {count, root} a witness kept of it."""
    count = checkpoint["count"]
    root = entries[-1].hash if entries else GENESIS
    prefix = f"{label}：" if label else ""
    if len(entries) < count:
        return Result(
            False,
            len(entries),
            root,
            len(entries) + 1,
            f"{prefix}链只有 {len(entries)} 条，检查点（{checkpoint['signed_at']}）记录了 {count} 条："
            f"第 {len(entries) + 1} 条起被截断",
        )
    at = entries[count - 1].hash if count else GENESIS
    if at != checkpoint["root"]:
        return Result(
            False,
            len(entries),
            root,
            count,
            f"{prefix}第 {count} 条链记录的哈希与检查点（{checkpoint['signed_at']}）不符：此前的链被重写",
        )
    return Result(True, len(entries), root)


def compare_chains(
    chains: Mapping[str, Sequence[Entry]], checkpoint: Mapping, labels: Mapping[str, str], verified: Result
) -> Result:
    """Every chain the checkpoint names, against its {count, root}: a chain that lost its tail, or
    vanished, or was rewritten before the witnessed point, is named. A format-1 checkpoint was signed
    when there was one chain: it is the legacy segment's."""
    if checkpoint.get("format") != CHECKPOINTS_FORMAT:
        witnessed = {LEGACY: {"count": checkpoint["count"], "root": checkpoint["root"]}}
    else:
        witnessed = checkpoint["chains"]
    for name in sorted(witnessed, key=chain_order):
        kept = {**witnessed[name], "signed_at": checkpoint["signed_at"]}
        result = compare_with_checkpoint(list(chains.get(name, ())), kept, labels.get(name, name))
        if not result.ok:
            return dataclasses.replace(result, chain=name)
    return verified
