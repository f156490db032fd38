"""The chain as pure functions: every kind of tampering is named at its first bad entry."""

import dataclasses

import pytest

from zhidu.trust import chain

KEY = b"test-key"
MODELS = {"audit": "core.auditentry", "archive": "meetings.archiveversion"}


def build(n=5, alg="sm3", key=KEY):
    rows, entries, prev = {}, [], chain.GENESIS
    for i in range(1, n + 1):
        row = {"id": i, "action": f"act{i}", "detail": {"n": i, "名": "张三"}}
        rows[("audit", i)] = row
        entry = chain.make_entry(
            seq=i,
            kind="audit",
            ref=i,
            fields="id,action,detail",
            payload=chain.payload_digest("core.auditentry", i, row, ["id", "action", "detail"], alg),
            prev=prev,
            alg=alg,
            key=key,
        )
        entries.append(entry)
        prev = entry.hash
    return entries, rows


def check(entries, rows, key=KEY):
    return chain.verify(entries, rows, key=key, models=MODELS)


def test_sm3_is_the_national_standard_vector_and_sha256_is_a_switch():
    # GB/T 32905-2016, example 1.
    assert chain.digest(b"abc", "sm3") == "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0"
    assert chain.digest(b"abc", "sha256").startswith("ba7816bf")
    with pytest.raises(ValueError, match="sm3"):
        chain.digest(b"abc", "md5")


def test_canonical_encoding_ignores_key_order_and_keeps_chinese():
    assert (
        chain.canonical({"b": 1, "a": "中"})
        == chain.canonical({"a": "中", "b": 1})
        == '{"a":"中","b":1}'.encode()
    )


@pytest.mark.parametrize("alg", ["sm3", "sha256"])
def test_an_intact_chain_verifies(alg):
    entries, rows = build(alg=alg)
    result = check(entries, rows)
    assert result.ok and result.count == 5 and result.root == entries[-1].hash
    assert "校验通过" in result.line()


def test_empty_chain_verifies():
    assert check([], {}).ok


def test_a_changed_byte_in_a_row_names_its_entry():
    entries, rows = build()
    rows[("audit", 3)] = {**rows[("audit", 3)], "action": "act3!"}
    result = check(entries, rows)
    assert not result.ok and result.seq == 3
    assert result.message == "第 3 条链记录所指的审计记录 #3内容被改动"


def test_a_changed_byte_in_an_entry_is_named():
    entries, rows = build()
    entries[1] = dataclasses.replace(entries[1], payload="0" + entries[1].payload[1:])
    result = check(entries, rows)
    assert (result.seq, "被改动" in result.message) == (2, True)


def test_a_missing_entry_is_named():
    entries, rows = build()
    del entries[2]
    del rows[("audit", 3)]
    result = check(entries, rows)
    assert result.seq == 3 and "缺少第 3 条" in result.message


def test_a_missing_row_is_named():
    entries, rows = build()
    del rows[("audit", 4)]
    result = check(entries, rows)
    assert result.seq == 4 and "缺失" in result.message


def test_swapped_entries_are_named():
    entries, rows = build()
    a, b = entries[1], entries[2]
    entries[1], entries[2] = dataclasses.replace(b, seq=2), dataclasses.replace(a, seq=3)
    result = check(entries, rows)
    assert result.seq == 2 and "与第 3 条链记录的顺序被调换" in result.message


def test_swapped_rows_are_named():
    entries, rows = build()
    rows[("audit", 2)], rows[("audit", 4)] = (
        {**rows[("audit", 4)], "id": 2},
        {**rows[("audit", 2)], "id": 4},
    )
    # Different pks in the payload: a swap of contents reads as a change of row 2.
    result = check(entries, rows)
    assert result.seq == 2 and "#2" in result.message


def test_a_recomputed_chain_without_the_key_fails_at_the_first_recomputed_entry():
    entries, rows = build()
    rows[("audit", 3)] = {**rows[("audit", 3)], "action": "rewritten"}
    recomputed = entries[:2]
    prev = entries[1].hash
    for old in entries[2:]:
        row = rows[("audit", old.ref)]
        payload = chain.payload_digest("core.auditentry", old.ref, row, ["id", "action", "detail"], "sm3")
        new = chain.make_entry(
            seq=old.seq,
            kind="audit",
            ref=old.ref,
            fields=old.fields,
            payload=payload,
            prev=prev,
            alg="sm3",
            key=b"?",
        )
        recomputed.append(new)
        prev = new.hash
    result = check(recomputed, rows)
    assert result.seq == 3 and "签名不符" in result.message and "重新计算" in result.message


def test_a_row_outside_the_chain_is_named():
    entries, rows = build()
    rows[("archive", 9)] = {"id": 9}
    result = check(entries, rows)
    assert not result.ok and "归档记录 #9不在链中" in result.message


def test_checkpoint_detects_truncation_and_a_rewrite_with_the_key():
    entries, rows = build(5)
    cp = chain.make_checkpoint(
        count=5, root=entries[-1].hash, algorithm="sm3", signed_at="2026-10-08T00:00:00+00:00", key=KEY
    )
    assert chain.read_checkpoint(cp, KEY) == cp
    assert chain.compare_with_checkpoint(entries, cp).ok
    # Truncated: the last two rows and entries gone — the chain alone still verifies.
    assert check(entries[:3], {k: v for k, v in rows.items() if k[1] <= 3}).ok
    cut = chain.compare_with_checkpoint(entries[:3], cp)
    assert cut.seq == 4 and "第 4 条起被截断" in cut.message
    # Rewritten by someone holding the key: consistent, sealed, but not the witnessed root.
    rows[("audit", 2)] = {**rows[("audit", 2)], "action": "x"}
    rewritten, _ = build(5)
    rewritten = [dataclasses.replace(e, hash=e.hash) for e in rewritten]
    other = chain.make_checkpoint(count=5, root="f" * 64, algorithm="sm3", signed_at="s", key=KEY)
    result = chain.compare_with_checkpoint(rewritten, other)
    assert result.seq == 5 and "被重写" in result.message


@pytest.mark.parametrize(
    "change",
    [{"count": 4}, {"root": "0" * 64}, {"signature": "0" * 64}, {"count": "5"}, {"hash_algorithm": "md5"}],
)
def test_a_changed_checkpoint_file_is_refused(change):
    entries, _rows = build(5)
    cp = chain.make_checkpoint(count=5, root=entries[-1].hash, algorithm="sm3", signed_at="t", key=KEY)
    with pytest.raises(chain.BadCheckpoint):
        chain.read_checkpoint({**cp, **change}, KEY)
    with pytest.raises(chain.BadCheckpoint, match="签名无效"):
        chain.read_checkpoint(cp, b"another key")
