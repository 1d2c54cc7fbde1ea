"""A processed store of k times the documents of another, for the corpus stages at 100k scale.

The per-document stages (clean, annotate, events, embed) take ~100 minutes for 100k articles on the
2-core machine, and their cost per document does not depend on the size of the corpus (documents go
through in batches; no corpus state). The corpus stages (resolve, stories and derivations, ledger,
reconcile, the corpus write) do depend on it. ``scale_store`` builds a store of ``copies`` times the
documents of a processed store (e.g. the 10k-article store of ``make bench``), each copy *k* (k = 0 is the
original) with:

* ids ``<id>~k`` (and the same in every record that names the document);
* every date (publication date and candidates, the annotation's reference date, time expressions,
  event dates) and every year written in the texts moved by ``k * YEARS`` years;
* the capitalised words of four letters or more (names of people, places, companies: ``_CAP`` of
  ``bench/corpus.py``) replaced in every text (body, title, mention and evidence texts, raw page) by a
  pseudo-word of the same length drawn from a hash of (k, word), so every offset stays valid, a name
  is one pseudo-name throughout a copy, and copies share no names;
* the document vector of the original.

What it tests: time and memory of the corpus stages with ``copies`` times the documents, mentions,
entities, events and stories, each copy a plausible corpus of its own in its own years. What it does
not test: new vocabulary or syntax, vectors of different texts (a copy keeps the original's vector;
its years keep it out of the original's stories), or the quality of anything.

Run: ``python bench/scale_store.py SOURCE.duckdb TARGET.duckdb [COPIES]`` (default 10).
"""

from __future__ import annotations

import calendar
import hashlib
import json
import re
import sys
import zlib
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.corpus import _CAP
from newsledger.store import Store

# years between copies: the 10k bench articles are Reuters 1987 wires and three time-shifted copies of
# them (1987-1990), so copies of that store four years apart do not overlap
YEARS = 4
TEXT_KEYS = frozenset({"body", "title", "text", "dateline_place", "place_text"})
DATE_KEYS = frozenset({"published", "date", "dct", "value", "date_from", "date_to"})
ID_KEYS = frozenset({"doc_id", "doc"})
_DATE = re.compile(r"(\d{4})(-\d\d)?(-\d\d)?(.*)", re.S)
_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")
_LOWER = "abcdefghijklmnopqrstuvwxyz"
_ROWS = 2000


class _Copy:
    """The transformation of copy ``k``."""

    def __init__(self, k: int) -> None:
        self.k = k
        self.shift = k * YEARS
        self.names: dict[str, str] = {}

    def name(self, m: re.Match[str]) -> str:
        w = m.group(0)
        out = self.names.get(w)
        if out is None:
            h = zlib.crc32(f"{self.k}:{w}".encode())
            letters = []
            for _ in range(len(w)):
                letters.append(_LOWER[h % 26])
                h = (h * 1103515245 + 12345) & 0xFFFFFFFF
            out = "".join(letters).capitalize()
            self.names[w] = out
        return out

    def year(self, m: re.Match[str]) -> str:
        return str(int(m.group(0)) + self.shift)

    def text(self, s: str) -> str:
        return _YEAR.sub(self.year, _CAP.sub(self.name, s)) if self.k else s

    def date(self, s: str) -> str:
        m = _DATE.fullmatch(s)
        if m is None or not self.k:
            return s
        y = int(m.group(1)) + self.shift
        month, day, rest = m.group(2) or "", m.group(3) or "", m.group(4)
        if month == "-02" and day == "-29" and not calendar.isleap(y):
            day = "-28"
        return f"{y:04d}{month}{day}{rest}"

    def doc_id(self, s: str) -> str:
        return f"{s}~{self.k}" if self.k else s

    def walk(self, o: Any, key: str = "") -> Any:
        if isinstance(o, dict):
            return {k: self.walk(v, k) for k, v in o.items()}
        if isinstance(o, list):
            return [self.walk(x, key) for x in o]
        if isinstance(o, str):
            if key in ID_KEYS:
                return self.doc_id(o)
            if key in TEXT_KEYS:
                return self.text(o)
            if key in DATE_KEYS:
                return self.date(o)
        return o


def scale_store(source: Path, target: Path, copies: int = 10) -> dict[str, int]:
    """Write ``target``: the processed store ``source`` and ``copies - 1`` transformed copies of it."""
    if target.exists():
        raise SystemExit(f"{target} exists")
    Store(str(target)).close()  # the schema
    src = duckdb.connect(str(source), read_only=True)
    dst = duckdb.connect(str(target))
    cols = [d[0] for d in src.execute("SELECT * FROM documents LIMIT 0").description]
    n_docs = n_out = 0
    for k in range(copies):
        cp = _Copy(k)
        seq0 = k * 10**9
        cur = src.execute("SELECT * FROM documents ORDER BY seq")
        while rows := cur.fetchmany(_ROWS):
            recs = [dict(zip(cols, r, strict=True)) for r in rows]
            for r in recs:
                r["id"] = cp.doc_id(r["id"])
                r["seq"] = seq0 + r["seq"]
                if r["text"] is not None:
                    r["text"] = cp.text(r["text"])
                    r["raw"] = r["text"].encode("utf-8")
                    r["content_hash"] = hashlib.sha256(r["raw"]).hexdigest()
                if r["meta"]:
                    r["meta"] = json.dumps(cp.walk(json.loads(r["meta"])))
                if r["source_path"]:
                    r["source_path"] = f"{r['source_path']}~{k}" if k else r["source_path"]
            table = pa.table({c: [r[c] for r in recs] for c in cols})
            dst.register("_rows", table)
            dst.execute("INSERT INTO documents SELECT * FROM _rows")
            dst.unregister("_rows")
            n_docs += len(recs)
        cur = src.execute("SELECT doc_id, stage, version, payload FROM doc_outputs")
        while rows := cur.fetchmany(_ROWS):
            table = pa.table(
                {
                    "doc_id": [cp.doc_id(r[0]) for r in rows],
                    "stage": [r[1] for r in rows],
                    "version": [r[2] for r in rows],
                    "payload": [json.dumps(cp.walk(json.loads(r[3]))) for r in rows],
                }
            )
            dst.register("_rows", table)
            dst.execute("INSERT INTO doc_outputs SELECT * FROM _rows")
            dst.unregister("_rows")
            n_out += len(rows)
        print(f"copy {k}: {n_docs} documents, {n_out} outputs", flush=True)
    dst.close()
    src.close()
    return {"documents": n_docs, "outputs": n_out}


if __name__ == "__main__":
    scale_store(Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3]) if len(sys.argv) > 3 else 10)
