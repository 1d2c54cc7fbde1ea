"""Write the export object (CONTRACT.md) as JSON, JSONL, CSV or Parquet.

* ``json``: one object with the requested keys (``--what all``: all six), or a single table's array.
* ``jsonl``: one record per line; with several tables each line is ``{"kind": table, "record": {...}}``.
* ``csv`` and ``parquet``: one file per table in the ``--out`` directory (``<table>.csv`` /
  ``<table>.parquet``); nested values (lists, objects) are JSON-encoded strings so every cell is flat.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, TextIO

FORMATS = ("json", "jsonl", "csv", "parquet")


def to_json(ledger: Mapping[str, Sequence[Mapping[str, Any]]], single: str | None = None) -> str:
    obj: Any = ledger[single] if single else ledger
    return json.dumps(obj, ensure_ascii=False, indent=1, sort_keys=False) + "\n"


def write_jsonl(
    ledger: Mapping[str, Sequence[Mapping[str, Any]]], fh: TextIO, single: str | None = None
) -> None:
    if single:
        for rec in ledger[single]:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
        return
    for kind, rows in ledger.items():
        for rec in rows:
            fh.write(json.dumps({"kind": kind, "record": rec}, ensure_ascii=False) + "\n")


def _flat(rows: Sequence[Mapping[str, Any]]) -> tuple[list[str], list[dict[str, Any]]]:
    cols: list[str] = []
    for r in rows:
        for k in r:
            if k not in cols:
                cols.append(k)
    flat = []
    for r in rows:
        flat.append(
            {
                k: (json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v)
                for k, v in ((c, r.get(c)) for c in cols)
            }
        )
    return cols, flat


def table_csv(rows: Sequence[Mapping[str, Any]]) -> str:
    cols, flat = _flat(rows)
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=cols, lineterminator="\n")
    w.writeheader()
    for r in flat:
        w.writerow(r)
    return buf.getvalue()


def write_tables(ledger: Mapping[str, Sequence[Mapping[str, Any]]], out_dir: Path, fmt: str) -> list[Path]:
    """CSV or Parquet, one file per table; returns the paths written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for kind, rows in ledger.items():
        path = out_dir / f"{kind}.{fmt}"
        if fmt == "csv":
            path.write_text(table_csv(rows), encoding="utf-8")
        else:
            import pyarrow as pa
            import pyarrow.parquet as pq

            cols, flat = _flat(rows)
            arrays = {}
            for c in cols:
                vals = [r[c] for r in flat]
                kinds = {type(v) for v in vals if v is not None}
                if kinds <= {int}:
                    arrays[c] = pa.array(vals, type=pa.int64())
                elif kinds <= {int, float}:
                    arrays[c] = pa.array([None if v is None else float(v) for v in vals], type=pa.float64())
                elif kinds <= {bool}:
                    arrays[c] = pa.array(vals, type=pa.bool_())
                else:
                    arrays[c] = pa.array([None if v is None else str(v) for v in vals], type=pa.string())
            pq.write_table(pa.table(arrays) if arrays else pa.table({"id": pa.array([], pa.string())}), path)
        written.append(path)
    return written
