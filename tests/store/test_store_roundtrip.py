"""Store: schema, inputs accounted for, records round-trip, one writer at a time."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsledger.errors import StoreError
from newsledger.pipeline import DocumentResult
from newsledger.records import (
    BodyLine,
    CleanDocument,
    DateCandidate,
    DatePrecision,
    DocumentVector,
    InputFormat,
    RawDocument,
    Rejection,
    Span,
    content_hash,
)
from newsledger.store import SCHEMA_VERSION, Store
from newsledger.textkit.codec import dumps, from_jsonable, loads, plain_dumps, to_jsonable
from newsledger.textkit.iterables import batched


def _raw(doc_id: str, text: str) -> RawDocument:
    data = text.encode()
    return RawDocument(
        id=doc_id,
        format=InputFormat.TXT,
        raw=data,
        text=text,
        encoding="utf-8",
        content_hash=content_hash(data),
        source_path=f"{doc_id}.txt",
        date_hint=Span(start=0, end=4, text=text[:4]),
    )


def _clean(doc_id: str) -> CleanDocument:
    return CleanDocument(
        doc_id=doc_id,
        body="Para one.\nPara two.",
        lines=(BodyLine(body_start=0, body_end=9, raw_start=3, raw_end=12),),
        title="T",
        published=dt.date(2024, 3, 25),
        published_precision=DatePrecision.DAY,
        published_evidence=Span(start=1, end=11, text="2024-03-25"),
        date_candidates=(
            DateCandidate(
                date=dt.date(2024, 3, 25), precision=DatePrecision.DAY, rule="stamp", score=0.9, evidence=None
            ),
        ),
    )


def test_codec_round_trips_nested_records() -> None:
    c = _clean("x")
    assert loads(CleanDocument, dumps(c)) == c


@settings(max_examples=200, deadline=None)
@given(st.text(), st.integers(min_value=0, max_value=10**6), st.dates())
def test_codec_round_trip_property(body: str, n: int, day: dt.date) -> None:
    c = CleanDocument(doc_id=str(n), body=body, lines=(), published=day, title=body or None)
    assert from_jsonable(CleanDocument, to_jsonable(c)) == c


def _scored(score: float, text: str) -> CleanDocument:
    cand = DateCandidate(
        date=dt.date(2024, 3, 25), precision=DatePrecision.DAY, rule=text, score=score, evidence=None
    )
    return CleanDocument(doc_id="s", body=text, lines=(), date_candidates=(cand,))


@settings(max_examples=300, deadline=None)
@given(st.floats(allow_nan=False, allow_infinity=False), st.text())
def test_dumps_writes_what_json_dumps_wrote_and_both_texts_load(score: float, text: str) -> None:
    """msgspec's text is json.dumps's but for a float's exponent (1e-8, 1e-08); both read back equal."""
    c = _scored(score, text)
    new, old = dumps(c), plain_dumps(c)
    assert json.loads(new) == json.loads(old)
    if "e" not in repr(score):
        assert new == old
    assert loads(CleanDocument, new) == c
    assert loads(CleanDocument, old) == c


def test_loads_falls_back_on_what_msgspec_refuses() -> None:
    """A stored NaN (json.dumps wrote it) and an int where the type says str are read as ``from_jsonable``
    reads them, not refused; an int over 64 bits reads back whole."""
    nan = loads(CleanDocument, plain_dumps(_scored(float("nan"), "x")))
    assert np.isnan(nan.date_candidates[0].score)
    assert loads(Span, '{"start":0,"end":1,"text":7}') == Span(start=0, end=1, text=7)  # type: ignore[arg-type]
    big = 2**70
    assert loads(Span, plain_dumps(Span(start=big, end=big + 1, text="x"))).start == big


def test_dumps_writes_big_ints_whole_and_non_finite_floats_as_null() -> None:
    """An int over 64 bits is written as json.dumps writes it; a non-finite float becomes null, read back
    as None."""
    big = Span(start=2**70, end=2**70 + 1, text="x")
    assert dumps(big) == plain_dumps(big)
    inf = dumps(_scored(float("inf"), "x"))
    assert '"score":null' in inf
    assert loads(CleanDocument, inf).date_candidates[0].score is None


def test_inputs_and_results_are_stored_and_counted(tmp_path: Path) -> None:
    db = str(tmp_path / "s.duckdb")
    with Store(db) as store:
        store.start_run("r1", ["x"], "test")
        store.add_inputs(
            [
                _raw("a", "2024 alpha"),
                _raw("b", "2024 beta"),
                Rejection(doc_id="c", stage="ingest", reason="binary", detail="png"),
            ],
            "r1",
        )
        assert store.pending_ids() == ["a", "b"]
        (ra, _rb) = store.raw_documents(["a", "b"])
        assert ra.raw == b"2024 alpha" and ra.date_hint == Span(start=0, end=4, text="2024")
        store.save_results(
            [
                DocumentResult("a", [("clean", "1", dumps(_clean("a")))], None),
                DocumentResult("b", [], Rejection(doc_id="b", stage="clean", reason="empty")),
            ]
        )
        store.finish_run("r1", {"n": 3})
        assert store.counts() == {"processed": 1, "rejected": 2}
        assert list(store.outputs("clean", CleanDocument)) == [_clean("a")]
    with Store(db, read_only=True) as ro:
        assert ro.known("a") == (content_hash(b"2024 alpha"), "processed")
        assert [r["run_id"] for r in ro.runs()] == ["r1"]


def test_schema_version_is_recorded(tmp_path: Path) -> None:
    with Store(str(tmp_path / "v.duckdb")) as store:
        row = store.con.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
        assert row is not None and int(row[0]) == SCHEMA_VERSION


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    db = str(tmp_path / "n.duckdb")
    with Store(db) as store:
        store.con.execute("UPDATE meta SET value = '999' WHERE key = 'schema_version'")
    with pytest.raises(StoreError, match="newer"):
        Store(db)


def test_missing_store_read_only_is_a_store_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError):
        Store(str(tmp_path / "absent.duckdb"), read_only=True)


def test_second_writer_gets_store_in_use(tmp_path: Path) -> None:
    db = str(tmp_path / "lock.duckdb")
    with Store(db):
        code = (
            "import sys\n"
            "from newsledger.store import Store\n"
            "from newsledger.errors import StoreInUseError\n"
            f"try:\n    Store({db!r})\nexcept StoreInUseError as e:\n    print('IN_USE', e); sys.exit(3)\n"
        )
        proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
        assert proc.returncode == 3, proc.stdout + proc.stderr
        assert "in use" in proc.stdout


def test_replace_corpus_keeps_other_kinds_and_a_failed_write_changes_nothing(tmp_path: Path) -> None:
    store = Store(tmp_path / "c.duckdb")
    try:
        rows = [(f"s{i:05d}", Span(start=i, end=i + 1, text="x")) for i in range(12_000)]  # several batches
        store.replace_corpus({"spans": rows, "other": [("o1", Span(start=0, end=1, text="o"))]}, {"b": b"1"})
        store.replace_corpus({"spans": rows[:3]}, {"b": b"2"})
        assert [s.start for s in store.corpus("spans", Span)] == [0, 1, 2]
        assert [s.text for s in store.corpus("other", Span)] == ["o"]  # a kind not written is kept
        assert store.get_blob("b") == b"2"
        with pytest.raises(duckdb.ConstraintException):  # two rows with one id
            store.replace_corpus({"spans": [rows[5], rows[5]], "other": []}, {"b": b"3"})
        assert [s.start for s in store.corpus("spans", Span)] == [0, 1, 2]
        assert [s.text for s in store.corpus("other", Span)] == ["o"]
        assert store.get_blob("b") == b"2"
        tables = {t for (t,) in store.con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
        assert "corpus_staging" not in tables
    finally:
        store.close()


def _state(n: int, seed: int) -> list[tuple[str, int, str, np.ndarray | None]]:
    rng = np.random.default_rng(seed)
    rows: list[tuple[str, int, str, np.ndarray | None]] = [("head", -1, f'{{"n":{n}}}', None)]
    rows += [("doc", i, f'["d{i}"]', rng.normal(size=384).astype(np.float32)) for i in range(n)]
    rows += [("terms", 0, '[["a",1]]', None)]
    return rows


def _read(store: Store, name: str) -> list[tuple[str, int, str, list[float] | None]]:
    return [(k, p, x, None if v is None else v.tolist()) for k, p, x, v in store.state_rows(name)]


def _plain(rows: list[tuple[str, int, str, np.ndarray | None]]) -> list[tuple[str, int, str, Any]]:
    return [(k, p, x, None if v is None else v.tolist()) for k, p, x, v in rows]


def test_states_are_rows_replaced_with_the_outputs_and_a_failed_write_keeps_the_old(tmp_path: Path) -> None:
    store = Store(tmp_path / "s.duckdb")
    try:
        big, small, other = _state(12_000, 1), _state(3, 2), _state(2, 3)  # 12,002 rows: several batches
        store.put_blob("s", b"schema-1 form")
        store.replace_corpus({"spans": []}, states={"s": big, "t": other})
        assert store.get_blob("s") is None  # rows replace the same name's blob
        got = _read(store, "s")
        assert got[0] == ("head", -1, '{"n":12000}', None)  # the header first, then any order
        assert sorted(got[1:], key=lambda r: (r[0], r[1])) == sorted(
            _plain(big[1:]), key=lambda r: (r[0], r[1])
        )
        store.replace_corpus({"spans": []}, states={"s": small})
        assert sorted(_read(store, "s"), key=lambda r: (r[0], r[1])) == sorted(_plain(small))
        assert sorted(_read(store, "t"), key=lambda r: (r[0], r[1])) == sorted(
            _plain(other)
        )  # not written: kept

        def failing() -> Iterator[tuple[str, int, str, np.ndarray | None]]:
            yield from big[:6000]
            raise RuntimeError("encoder died")

        with pytest.raises(RuntimeError):
            store.replace_corpus({"spans": [("x", Span(start=0, end=1, text="x"))]}, states={"s": failing()})
        assert sorted(_read(store, "s"), key=lambda r: (r[0], r[1])) == sorted(_plain(small))
        assert store.corpus("spans", Span) == []
        tables = {t for (t,) in store.con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
        assert not tables & {"corpus_staging", "state_staging"}
        assert store.has_state("t")
        store.drop_state("t")
        assert not store.has_state("t") and _read(store, "t") == []
        assert store.has_state("s")
    finally:
        store.close()


def test_a_schema_1_store_is_migrated_and_keeps_its_blobs(tmp_path: Path) -> None:
    path = str(tmp_path / "v1.duckdb")
    with Store(path) as store:  # made as schema 1 had it: no state_rows table
        store.put_blob("story_state", b"old state")
        store.con.execute("DROP TABLE state_rows")
        store.con.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")
    with Store(path) as store:
        assert store.get_blob("story_state") == b"old state"
        assert not store.has_state("story_state")
        row = store.con.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
        assert row is not None and int(row[0]) == SCHEMA_VERSION == 2


def test_lean_memory_lowers_the_limit_inside_and_restores_it_and_blobs_still_read(tmp_path: Path) -> None:
    with Store(str(tmp_path / "l.duckdb")) as store:
        big = bytes(range(256)) * (48 * 4096)  # 48 MiB: one value over the lean limit
        store.put_blob("big", big)

        def limit() -> str:
            row = store.con.execute("SELECT current_setting('memory_limit')").fetchone()
            assert row is not None
            return str(row[0])

        before = limit()
        with store.lean_memory("32MB"):
            assert limit() != before
            inside = limit()
            assert store.get_blob("big") == big
            assert limit() == inside  # lowered again after the blob
        assert limit() == before
    with Store(":memory:") as mem, mem.lean_memory("32MB"):  # its tables live under its limit: untouched
        row = mem.con.execute("SELECT current_setting('memory_limit')").fetchone()
        assert row is not None and "32" not in str(row[0])


def test_outputs_of_half_the_documents_by_id_stream_under_the_lean_limit(tmp_path: Path) -> None:
    # the corpus stages read the ledger's documents (47k of 98k at 100k articles) by id under lean_memory;
    # selecting them with ``doc_id IN (ids)`` made DuckDB build its join on the payloads: out of memory
    n = 8000
    with Store(str(tmp_path / "ids.duckdb")) as store:
        store.con.execute(
            "INSERT INTO documents (id, seq, status) SELECT 'd' || lpad(i::VARCHAR, 5, '0'), i, 'processed'"
            " FROM range(?) t(i)",
            [n],
        )
        payload = json.dumps({"doc_id": "ID", "vector": [i / 384 + 1e-9 for i in range(384)], "model": "m"})
        store.con.execute(  # 8,000 payloads of ~8 KB: 64 MB, over the 48 MB limit below
            "INSERT INTO doc_outputs SELECT id, 'embed', '1', replace(?, 'ID', id) FROM documents", [payload]
        )
        wanted = [f"d{i:05d}" for i in range(0, n, 2)]
        with store.lean_memory("48MB"):
            got = [v.doc_id for v in store.outputs("embed", DocumentVector, wanted, ordered=False)]
        assert sorted(got) == wanted
        assert [v.doc_id for v in store.outputs("embed", DocumentVector, wanted[:3])] == wanted[:3]


def test_a_staged_state_is_swapped_in_by_the_next_write_and_a_crash_before_it_keeps_the_old(
    tmp_path: Path,
) -> None:
    path = str(tmp_path / "g.duckdb")
    old, new = _state(3, 1), _state(5, 2)
    with Store(path) as store:
        store.replace_corpus({"spans": []}, states={"s": old})
        store.stage_state("s", new)
        assert sorted(_read(store, "s"), key=lambda r: (r[0], r[1])) == sorted(_plain(old))  # not yet
    with Store(path) as store:  # that process ended before its write: the old state stands
        assert sorted(_read(store, "s"), key=lambda r: (r[0], r[1])) == sorted(_plain(old))
        store.replace_corpus({"spans": []})
        tables = {t for (t,) in store.con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
        assert "state_staging" not in tables  # the leftover staging table is dropped by the next write
        store.stage_state("s", new)
        store.replace_corpus({"spans": [("x", Span(start=0, end=1, text="x"))]})
        assert sorted(_read(store, "s"), key=lambda r: (r[0], r[1])) == sorted(_plain(new))
        assert [s.text for s in store.corpus("spans", Span)] == ["x"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers()), st.integers(min_value=1, max_value=9))
def test_batched_cuts_in_order_into_full_lists_and_a_shorter_last(items: list[int], n: int) -> None:
    parts = list(batched(iter(items), n))
    assert [x for p in parts for x in p] == items
    assert all(len(p) == n for p in parts[:-1]) and all(0 < len(p) <= n for p in parts)
