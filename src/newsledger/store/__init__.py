"""The DuckDB store: the only place with SQL.

One file (default ``./newsledger.duckdb``). Documents are keyed by id and content hash: the same content
twice is stored once; every input ends ``processed`` or ``rejected`` with a reason (``pending`` only while
a run is under way; the next run finishes pending work first). Per-document stage outputs are stored as
JSON payloads of their records (``doc_outputs``), corpus-level outputs (entities, events, stories, ...)
are replaced as a whole by each run (``corpus_outputs``), except the story state, which is incremental.
The schema carries a version; :func:`_migrate` brings older files up to date.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any, TypeVar, cast

import duckdb
import numpy as np
import pyarrow as pa

from newsledger.config import STORE_LEAN_MEMORY, STORE_MEMORY_LIMIT
from newsledger.errors import StoreError, StoreInUseError
from newsledger.pipeline import DocumentResult
from newsledger.records import DocStatus, RawDocument, Rejection, StateRow
from newsledger.textkit.codec import dumps, from_jsonable, loads, to_jsonable, type_hints
from newsledger.textkit.iterables import batched

log = logging.getLogger(__name__)

T = TypeVar("T")

SCHEMA_VERSION = 2

# The corpus outputs' columns: the schema's table, and the staging table ``replace_corpus`` swaps in for it.
_CORPUS_COLUMNS = "(kind VARCHAR, id VARCHAR, payload VARCHAR, PRIMARY KEY (kind, id))"

_SCHEMA_V1 = f"""
CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR);
CREATE TABLE IF NOT EXISTS runs (
    run_id VARCHAR PRIMARY KEY, started TIMESTAMP, finished TIMESTAMP, inputs VARCHAR,
    counts VARCHAR, code_version VARCHAR, status VARCHAR);
CREATE TABLE IF NOT EXISTS documents (
    id VARCHAR PRIMARY KEY, seq BIGINT, content_hash VARCHAR, status VARCHAR, stage VARCHAR,
    reason VARCHAR, detail VARCHAR, source_path VARCHAR, format VARCHAR, content_type VARCHAR,
    encoding VARCHAR, url VARCHAR, raw BLOB, text VARCHAR, meta VARCHAR, run_id VARCHAR);
CREATE TABLE IF NOT EXISTS doc_outputs (
    doc_id VARCHAR, stage VARCHAR, version VARCHAR, payload VARCHAR, PRIMARY KEY (doc_id, stage));
CREATE TABLE IF NOT EXISTS corpus_outputs {_CORPUS_COLUMNS};
CREATE TABLE IF NOT EXISTS blobs (name VARCHAR PRIMARY KEY, data BLOB);
"""

# Incremental state (the story state) as rows: a kind, a position, a JSON payload and an optional float32
# vector each. One DuckDB value of 379 MB (the story state of 100k documents, schema 1's ``blobs``) cost about
# three times its size to write and could not be read under a 256MB memory limit; rows are written in
# committed batches and read back as a stream. No key: the table is replaced as a whole (see replace_corpus).
_STATE_COLUMNS = "(name VARCHAR, kind VARCHAR, pos BIGINT, payload VARCHAR, vector FLOAT[])"
_SCHEMA_V2 = f"CREATE TABLE IF NOT EXISTS state_rows {_STATE_COLUMNS};"

_MIGRATIONS: dict[int, str] = {1: _SCHEMA_V1, 2: _SCHEMA_V2}
# Corpus outputs are encoded and inserted this many rows at a time; state rows are read this many at a time.
_WRITE_ROWS = 5000
_READ_ROWS = 8192

# Raw-document fields kept in ``documents.meta`` (the rest have columns).
_META_FIELDS = ("date_hint", "meta_published", "meta_title", "meta_source", "meta_language")


class Store:
    """An open store. Use as a context manager; ``read_only`` opens without the write lock."""

    def __init__(self, path: str, *, read_only: bool = False) -> None:
        self.path = path
        self.read_only = read_only
        self._lean: str | None = None  # the limit lean_memory has set, while it is on
        self._staged: set[str] = set()  # states written to state_staging, not yet swapped in
        if read_only and path != ":memory:" and not Path(path).exists():
            raise StoreError(f"store not found: {path}", path=path)
        try:
            config: dict[str, str | bool | int | float | list[str]] = (
                {"memory_limit": STORE_MEMORY_LIMIT} if STORE_MEMORY_LIMIT else {}
            )
            self.con = duckdb.connect(path, read_only=read_only, config=config)
        except duckdb.IOException as exc:
            msg = str(exc)
            if "lock" in msg.lower():
                raise StoreInUseError(
                    f"store is in use by another process: {path} (one writer at a time)", path=path
                ) from exc
            raise StoreError(f"cannot open store {path}: {msg.splitlines()[0]}", path=path) from exc
        except duckdb.Error as exc:
            raise StoreError(f"cannot open store {path}: {str(exc).splitlines()[0]}", path=path) from exc
        if not read_only:
            self._migrate()
        else:
            self._check_version()

    # ------------------------------------------------------------------------------------- lifecycle
    @contextmanager
    def lean_memory(self, limit: str = STORE_LEAN_MEMORY) -> Iterator[None]:
        """DuckDB under a lower memory limit inside, its own after: DuckDB keeps every block it reads or
        writes cached up to its limit (80% of the machine by default), and the corpus stages scan the
        store's payloads several times and write a few GB at 100k documents. Blocks above the limit are
        evicted when it is set. A store in memory keeps its limit (its tables live under it), and so does
        one opened under ``NEWSLEDGER_STORE_MEMORY`` (the limit asked for stands)."""
        if self.path == ":memory:" or self.read_only or STORE_MEMORY_LIMIT:
            yield
            return
        try:
            self._limit(limit)
        except duckdb.Error as exc:  # what DuckDB cannot evict (indexes, pinned blocks) is over it
            log.warning("store memory limit not lowered to %s for the corpus stages: %s", limit, exc)
            yield
            return
        self._lean = limit
        try:
            yield
        finally:
            self._lean = None
            self._limit(None)

    def _limit(self, limit: str | None) -> None:
        """Set DuckDB's memory limit; None: its default."""
        if limit is None:
            self.con.execute("RESET memory_limit")
        else:
            self.con.execute(f"SET memory_limit = '{limit}'")

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.con.close()

    def _current_version(self) -> int:
        has_meta = self.con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'meta'"
        ).fetchone()
        if not has_meta or not has_meta[0]:
            return 0
        row = self.con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        return int(row[0]) if row else 0

    def _check_version(self) -> None:
        v = self._current_version()
        if v > SCHEMA_VERSION:
            raise StoreError(f"store {self.path} has schema {v}, newer than this code ({SCHEMA_VERSION})")

    def _migrate(self) -> None:
        v = self._current_version()
        if v > SCHEMA_VERSION:
            raise StoreError(f"store {self.path} has schema {v}, newer than this code ({SCHEMA_VERSION})")
        for target in range(v + 1, SCHEMA_VERSION + 1):
            log.info("migrating store %s to schema %d", self.path, target)
            self.con.execute("BEGIN")
            self.con.execute(_MIGRATIONS[target])
            self.con.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [str(target)])
            self.con.execute("COMMIT")

    # ------------------------------------------------------------------------------------------ runs
    def start_run(self, run_id: str, inputs: Sequence[str], code_version: str) -> None:
        self.con.execute(
            "INSERT INTO runs VALUES (?, ?, NULL, ?, NULL, ?, 'running')",
            [run_id, dt.datetime.now(dt.UTC).replace(tzinfo=None), json.dumps(list(inputs)), code_version],
        )

    def finish_run(self, run_id: str, counts: dict[str, int]) -> None:
        self.con.execute(
            "UPDATE runs SET finished = ?, counts = ?, status = 'done' WHERE run_id = ?",
            [dt.datetime.now(dt.UTC).replace(tzinfo=None), json.dumps(counts), run_id],
        )

    def runs(self) -> list[dict[str, Any]]:
        cur = self.con.execute("SELECT * FROM runs ORDER BY started")
        cols = [d[0] for d in cur.description]
        return [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]

    # ------------------------------------------------------------------------------------- documents
    def known(self, doc_id: str) -> tuple[str, str] | None:
        """``(content_hash, status)`` of a stored document id, or None."""
        row = self.con.execute("SELECT content_hash, status FROM documents WHERE id = ?", [doc_id]).fetchone()
        return (row[0] or "", row[1]) if row else None

    def known_many(self, doc_ids: Sequence[str]) -> dict[str, tuple[str, str]]:
        """``known`` for many ids in one query: ``{id: (content_hash, status)}`` for the stored ones."""
        if not doc_ids:
            return {}
        rows = self.con.execute(
            "SELECT id, content_hash, status FROM documents WHERE id IN (SELECT unnest(?::VARCHAR[]))",
            [list(doc_ids)],
        ).fetchall()
        return {r[0]: (r[1] or "", r[2]) for r in rows}

    def ids_for_hashes(self, content_hashes: Sequence[str]) -> dict[str, str]:
        """The earliest stored, not rejected, document id of each hash (one query for the whole block)."""
        if not content_hashes:
            return {}
        rows = self.con.execute(
            "SELECT content_hash, arg_min(id, seq) FROM documents WHERE status != 'rejected' "
            "AND content_hash IN (SELECT unnest(?::VARCHAR[])) GROUP BY content_hash",
            [list(content_hashes)],
        ).fetchall()
        return {r[0]: r[1] for r in rows}

    def _next_seq(self) -> int:
        row = self.con.execute("SELECT coalesce(max(seq), 0) FROM documents").fetchone()
        return int(row[0]) if row else 0

    def add_inputs(self, items: Sequence[RawDocument | Rejection], run_id: str) -> None:
        """Insert new documents as ``pending`` and ingest rejections as ``rejected``, in one transaction."""
        if not items:
            return
        seq = self._next_seq()
        rows: dict[str, list[Any]] = {
            k: []
            for k in (
                "id",
                "seq",
                "content_hash",
                "status",
                "stage",
                "reason",
                "detail",
                "source_path",
                "format",
                "content_type",
                "encoding",
                "url",
                "raw",
                "text",
                "meta",
                "run_id",
            )
        }
        for item in items:
            seq += 1
            if isinstance(item, RawDocument):
                meta = {k: to_jsonable(getattr(item, k)) for k in _META_FIELDS}
                vals = [
                    item.id,
                    seq,
                    item.content_hash,
                    DocStatus.PENDING.value,
                    None,
                    None,
                    None,
                    item.source_path,
                    item.format.value,
                    item.content_type,
                    item.encoding,
                    item.url,
                    item.raw,
                    item.text,
                    json.dumps(meta, ensure_ascii=False),
                    run_id,
                ]
            else:
                vals = [
                    item.doc_id,
                    seq,
                    item.content_hash or None,
                    DocStatus.REJECTED.value,
                    item.stage,
                    item.reason,
                    item.detail,
                    item.source_path,
                    None,
                    None,
                    None,
                    None,
                    item.raw or None,
                    None,
                    None,
                    run_id,
                ]
            for k, v in zip(rows, vals, strict=True):
                rows[k].append(v)
        table = pa.table(
            {
                **{k: pa.array(v, type=pa.string()) for k, v in rows.items() if k not in ("seq", "raw")},
                "seq": pa.array(rows["seq"], type=pa.int64()),
                "raw": pa.array(rows["raw"], type=pa.binary()),
            }
        )
        self.con.execute("BEGIN")
        try:
            self.con.register("_incoming", table)
            self.con.execute(
                "INSERT INTO documents SELECT id, seq, content_hash, status, stage, reason, detail,"
                " source_path,"
                " format, content_type, encoding, url, raw, text, meta, run_id FROM _incoming"
            )
            self.con.unregister("_incoming")
            self.con.execute("COMMIT")
        except Exception:
            self.con.execute("ROLLBACK")
            raise

    def requeue_internal_errors(self) -> int:
        """Put documents that failed on an internal error (a bug, not bad input) back to pending."""
        row = self.con.execute(
            "SELECT count(*) FROM documents WHERE status = 'rejected' AND reason = 'internal_error'"
            " AND text IS NOT NULL"
        ).fetchone()
        n = int(row[0]) if row else 0
        if n:
            self.con.execute(
                "UPDATE documents SET status = 'pending', stage = NULL, reason = NULL, detail = NULL"
                " WHERE status = 'rejected' AND reason = 'internal_error' AND text IS NOT NULL"
            )
        return n

    def pending_ids(self) -> list[str]:
        return [
            r[0]
            for r in self.con.execute(
                "SELECT id FROM documents WHERE status = 'pending' ORDER BY seq"
            ).fetchall()
        ]

    def raw_documents(self, ids: Sequence[str]) -> list[RawDocument]:
        if not ids:
            return []
        cur = self.con.execute(
            "SELECT id, format, raw, text, encoding, content_hash, source_path, content_type, url, meta"
            " FROM documents WHERE id IN (SELECT unnest(?::VARCHAR[])) ORDER BY seq",
            [list(ids)],
        )
        out = []
        hints = type_hints(RawDocument)
        for doc_id, fmt, raw, text, enc, chash, src, ctype, url, meta in cur.fetchall():
            m = json.loads(meta) if meta else {}
            kwargs = {k: from_jsonable(hints[k], m.get(k)) for k in _META_FIELDS}
            out.append(
                RawDocument(
                    id=doc_id,
                    format=fmt,
                    raw=bytes(raw or b""),
                    text=text or "",
                    encoding=enc or "",
                    content_hash=chash or "",
                    source_path=src or "",
                    content_type=ctype or "text",
                    url=url,
                    **kwargs,
                )
            )
        return out

    def save_results(self, results: Sequence[DocumentResult]) -> None:
        """Store per-document outputs and final statuses for a batch, in one transaction."""
        if not results:
            return
        self.con.execute("BEGIN")
        try:
            out_rows: list[tuple[str, str, str, str]] = []
            processed: list[str] = []
            for r in results:
                if r.rejection is not None:
                    rej = r.rejection
                    self.con.execute(
                        "UPDATE documents SET status = 'rejected', stage = ?, reason = ?, detail = ?"
                        " WHERE id = ?",
                        [rej.stage, rej.reason, rej.detail[:2000], r.doc_id],
                    )
                else:
                    processed.append(r.doc_id)
                for stage, version, payload in r.outputs:
                    out_rows.append((r.doc_id, stage, version, payload))
            if processed:  # one statement for the batch, not one round trip per document
                self.con.execute(
                    "UPDATE documents SET status = 'processed', stage = NULL, reason = NULL, detail = NULL"
                    " WHERE id IN (SELECT unnest(?::VARCHAR[]))",
                    [processed],
                )
            if out_rows:
                ids = sorted({row[0] for row in out_rows})
                self.con.execute(
                    "DELETE FROM doc_outputs WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))", [ids]
                )
                table = pa.table(
                    {
                        "doc_id": [x[0] for x in out_rows],
                        "stage": [x[1] for x in out_rows],
                        "version": [x[2] for x in out_rows],
                        "payload": [x[3] for x in out_rows],
                    }
                )
                self.con.register("_outputs", table)
                self.con.execute("INSERT INTO doc_outputs SELECT * FROM _outputs")
                self.con.unregister("_outputs")
            self.con.execute("COMMIT")
        except Exception:
            self.con.execute("ROLLBACK")
            raise

    def outputs(
        self,
        stage: str,
        cls: type[T],
        ids: Sequence[str] | None = None,
        *,
        ordered: bool = True,
        blank: Mapping[str, Any] | None = None,
    ) -> Iterator[T]:
        """Stored records of one per-document stage, in document order; ``ordered=False``: in the order
        the scan finds them, which may differ between calls, without sorting the whole stage's payloads
        first (DuckDB holds a sort's rows in memory: ~200 MB for the cleaned documents of 10k articles).
        ``blank``: fields given these (JSON) values instead of the stored ones, which are dropped as each
        record is read."""
        params: list[Any]
        if ids is None:
            docs, params = "documents", [stage]
        else:
            # the wanted ids select documents, which are joined to the outputs. ``o.doc_id IN (ids)`` made
            # DuckDB build its join on the outputs' payloads: out of memory under ``lean_memory`` for 47k
            # of 98k annotated documents
            docs = "(SELECT id, seq, status FROM documents WHERE id IN (SELECT unnest(?::VARCHAR[])))"
            params = [list(ids), stage]
        sql = (
            f"SELECT o.payload FROM doc_outputs o JOIN {docs} d ON d.id = o.doc_id"
            " WHERE o.stage = ? AND d.status = 'processed'"
        )
        if ordered:
            sql += " ORDER BY d.seq"
        cur = self.con.execute(sql, params)
        hints = type_hints(cast(Any, cls))
        given = {k: from_jsonable(hints[k], v) for k, v in (blank or {}).items()}
        while True:
            chunk = cur.fetchmany(1000)
            if not chunk:
                return
            for (payload,) in chunk:
                rec = loads(cls, payload)
                yield replace(cast(Any, rec), **given) if given else rec

    def processed_ids(self) -> list[str]:
        """Ids of the processed documents, in document order."""
        rows = self.con.execute("SELECT id FROM documents WHERE status = 'processed' ORDER BY seq")
        return [d for (d,) in rows.fetchall()]

    def output_payloads(self, stage: str) -> dict[str, Any]:
        return {
            doc_id: json.loads(p)
            for doc_id, p in self.con.execute(
                "SELECT doc_id, payload FROM doc_outputs WHERE stage = ?", [stage]
            ).fetchall()
        }

    def counts(self) -> dict[str, int]:
        rows = self.con.execute("SELECT status, count(*) FROM documents GROUP BY status").fetchall()
        return {s: int(n) for s, n in rows}

    def document_rows(self) -> list[dict[str, Any]]:
        cur = self.con.execute(
            "SELECT id, content_hash, status, stage, reason, detail, source_path, format, content_type,"
            " encoding, url, meta FROM documents ORDER BY id"
        )
        cols = [d[0] for d in cur.description]
        return [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]

    def raw_text(self, doc_id: str) -> str | None:
        row = self.con.execute("SELECT text FROM documents WHERE id = ?", [doc_id]).fetchone()
        return row[0] if row else None

    # ---------------------------------------------------------------------------------- corpus level
    def replace_corpus(
        self,
        outputs: dict[str, Iterable[tuple[str, Any]]],
        blobs: dict[str, bytes] | None = None,
        states: Mapping[str, Iterable[StateRow]] | None = None,
    ) -> None:
        """Replace corpus-level outputs per kind (``{"entities": [(id, record), ...], ...}``), the named
        blobs and the named states (incremental state as rows, see :meth:`state_rows`; given here or
        staged before by :meth:`stage_state`) at once: a crash leaves the old outputs and state or the new,
        never a mix.

        The new tables are written beside the old ones (``corpus_staging``, ``state_staging``: the kinds
        and states kept, then the new rows, ``_WRITE_ROWS`` at a time, each insert committed) and take their
        place in one short transaction with the blobs. Inserting everything inside that transaction held all
        of it in DuckDB's transaction memory: on the outputs of 10k articles +191 MB against +118 MB this
        way, ten times that at 100k. Staging tables left by a crash are dropped by the next write.
        """
        con = self.con
        try:
            for name, rows in (states or {}).items():
                self.stage_state(name, rows)
            if not self._staged:
                con.execute("DROP TABLE IF EXISTS state_staging")
            _stage(con, "corpus_staging", _CORPUS_COLUMNS, "corpus_outputs", "kind", list(outputs))
            for kind, items in outputs.items():
                for part in batched(items, _WRITE_ROWS):
                    _insert(
                        con,
                        "corpus_staging",
                        pa.table(
                            {
                                "kind": [kind] * len(part),
                                "id": [i for i, _ in part],
                                "payload": [dumps(rec) for _, rec in part],
                            }
                        ),
                    )
        except Exception:
            self._drop_staging()
            raise
        con.execute("BEGIN")
        try:
            for name, data in (blobs or {}).items():
                _put_blob(con, name, data)
            if self._staged:  # a state kept as rows replaces the same name's schema-1 blob
                con.execute(
                    "DELETE FROM blobs WHERE name IN (SELECT unnest(?::VARCHAR[]))", [sorted(self._staged)]
                )
                con.execute("DROP TABLE state_rows")
                con.execute("ALTER TABLE state_staging RENAME TO state_rows")
            con.execute("DROP TABLE corpus_outputs")
            con.execute("ALTER TABLE corpus_staging RENAME TO corpus_outputs")
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            self._drop_staging()
            raise
        self._staged.clear()

    def stage_state(self, name: str, rows: Iterable[StateRow]) -> None:
        """Write a state's new rows now, beside the stored ones; the next :meth:`replace_corpus` puts them
        in place with the outputs, in its one transaction. The caller need not hold the state until then
        (the story state of 100k documents is ~600 MB in memory). Until then, and after a crash, the stored
        state is the old one."""
        con = self.con
        try:
            if not self._staged:
                _stage(con, "state_staging", _STATE_COLUMNS, "state_rows", "name", [name])
            else:
                con.execute("DELETE FROM state_staging WHERE name = ?", [name])
            self._staged.add(name)
            for chunk in batched(rows, _WRITE_ROWS):
                _insert(con, "state_staging", _state_table(name, chunk))
        except Exception:
            self._drop_staging()
            raise

    def _drop_staging(self) -> None:
        self._staged.clear()
        self.con.execute("DROP TABLE IF EXISTS corpus_staging")
        self.con.execute("DROP TABLE IF EXISTS state_staging")

    def state_rows(self, name: str) -> Iterator[StateRow]:
        """The rows of a state stored by :meth:`replace_corpus`: ``(kind, pos, payload, vector)``, the rows
        with a negative ``pos`` (headers) first, the others in the order the scan finds them. A vector is a
        read-only float32 view valid as long as the caller keeps it."""
        with self.con.cursor() as cur:  # its own connection: the caller may query between the rows
            for cond in ("pos < 0", "pos >= 0"):
                yield from _state_batches(
                    cur.sql(
                        f"SELECT kind, pos, payload, vector FROM state_rows WHERE name = $name AND {cond}",
                        params={"name": name},
                    ).to_arrow_reader(_READ_ROWS)
                )

    def has_state(self, name: str) -> bool:
        row = self.con.execute("SELECT count(*) FROM state_rows WHERE name = ?", [name]).fetchone()
        return bool(row and row[0])

    def drop_state(self, name: str) -> None:
        """Forget a state (rows, and a schema-1 blob of the same name)."""
        self.con.execute("BEGIN")
        self.con.execute("DELETE FROM state_rows WHERE name = ?", [name])
        self.con.execute("DELETE FROM blobs WHERE name = ?", [name])
        self.con.execute("COMMIT")

    def corpus(self, kind: str, cls: type[T]) -> list[T]:
        return [
            loads(cls, p)
            for (p,) in self.con.execute(
                "SELECT payload FROM corpus_outputs WHERE kind = ? ORDER BY id", [kind]
            ).fetchall()
        ]

    def corpus_payloads(self, kind: str) -> list[Any]:
        return [
            json.loads(p)
            for (p,) in self.con.execute(
                "SELECT payload FROM corpus_outputs WHERE kind = ? ORDER BY id", [kind]
            ).fetchall()
        ]

    def get_blob(self, name: str) -> bytes | None:
        """A blob; read under DuckDB's default memory limit (one large value cannot be read under
        :meth:`lean_memory`' limit: the 379 MB story state of schema 1 needed a 512 MB allocation)."""
        lean = self._lean
        if lean is not None:
            self._limit(None)
        try:
            row = self.con.execute("SELECT data FROM blobs WHERE name = ?", [name]).fetchall()
        finally:
            if lean is not None:
                self._limit(lean)
        return bytes(row[0][0]) if row and row[0][0] is not None else None

    def put_blob(self, name: str, data: bytes) -> None:
        self.con.execute("BEGIN")
        try:
            _put_blob(self.con, name, data)
            self.con.execute("COMMIT")
        except Exception:
            self.con.execute("ROLLBACK")
            raise


def _stage(
    con: duckdb.DuckDBPyConnection, staging: str, columns: str, table: str, key: str, replaced: list[str]
) -> None:
    """A fresh ``staging`` table holding the rows of ``table`` whose ``key`` is not being replaced."""
    con.execute(f"DROP TABLE IF EXISTS {staging}")
    con.execute(f"CREATE TABLE {staging} {columns}")
    con.execute(
        f"INSERT INTO {staging} SELECT * FROM {table} WHERE {key} NOT IN (SELECT unnest(?::VARCHAR[]))",
        [replaced],
    )


def _insert(con: duckdb.DuckDBPyConnection, table: str, rows: pa.Table) -> None:
    con.register("_rows", rows)
    try:
        con.execute(f"INSERT INTO {table} SELECT * FROM _rows")
    finally:
        con.unregister("_rows")


def _state_table(name: str, rows: Sequence[StateRow]) -> pa.Table:
    """State rows as an Arrow table; the vectors as one list column built from their concatenation."""
    vectors = [np.asarray(v, dtype=np.float32).reshape(-1) if v is not None else None for *_, v in rows]
    lengths = np.array([0 if v is None else len(v) for v in vectors], dtype=np.int32)
    offsets = np.zeros(len(rows) + 1, dtype=np.int32)
    np.cumsum(lengths, out=offsets[1:])
    present = [v for v in vectors if v is not None]
    values = np.concatenate(present) if present else np.zeros(0, dtype=np.float32)
    mask = pa.array([v is None for v in vectors], type=pa.bool_())
    vector = pa.ListArray.from_arrays(pa.array(offsets), pa.array(values, type=pa.float32()), mask=mask)
    return pa.table(
        {
            "name": [name] * len(rows),
            "kind": [r[0] for r in rows],
            "pos": pa.array([r[1] for r in rows], type=pa.int64()),
            "payload": [r[2] for r in rows],
            "vector": vector,
        }
    )


def _state_batches(reader: pa.RecordBatchReader) -> Iterator[StateRow]:
    for batch in reader:
        kinds = batch.column(0).to_pylist()
        poss = batch.column(1).to_pylist()
        payloads = batch.column(2).to_pylist()
        vec = batch.column(3)
        offsets = vec.offsets.to_numpy()
        values = vec.values.to_numpy(zero_copy_only=False)
        nulls = vec.is_null().to_numpy(zero_copy_only=False)
        for i in range(len(kinds)):
            v = None if nulls[i] else values[offsets[i] : offsets[i + 1]]
            yield kinds[i], poss[i], payloads[i], v


def _put_blob(con: duckdb.DuckDBPyConnection, name: str, data: bytes) -> None:
    """Store ``data`` under ``name`` (inside the caller's transaction). Delete then insert: DuckDB's
    ``INSERT OR REPLACE`` of a large value held about twice as much memory (the 115 MB story state of the
    30k scaled store: +638-845 MB against +342 MB)."""
    con.execute("DELETE FROM blobs WHERE name = ?", [name])
    con.execute("INSERT INTO blobs VALUES (?, ?)", [name, data])
