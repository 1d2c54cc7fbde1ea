"""Settings shared by the runner, the CLI and the stages (plain frozen dataclasses)."""

from __future__ import annotations

import os
from dataclasses import dataclass

DEFAULT_DB = "newsledger.duckdb"

# Bytes. A single input document larger than this is rejected as ``too_large`` rather than read:
# the largest real article page in the dev sets is under 2 MB; 20 MB leaves room for bloated HTML.
MAX_DOCUMENT_BYTES = 20 * 1024 * 1024

# Bytes. Decompressed size cap for ``.gz`` inputs (gzip bombs): a larger stream is cut and the rest
# is accounted for as one ``decompression_limit`` rejection. 1 GiB: ~5x the largest dev-set JSONL (190 MB).
# ``NEWSLEDGER_MAX_DECOMPRESSED_BYTES`` overrides it (tests use a small cap to stay fast).
MAX_DECOMPRESSED_BYTES = int(os.environ.get("NEWSLEDGER_MAX_DECOMPRESSED_BYTES", 1024 * 1024 * 1024))

# DuckDB's memory limit for an open store, when ``NEWSLEDGER_STORE_MEMORY`` sets one (DuckDB's units:
# "2GB", "512MB"); unset, DuckDB's default (80% of the machine's memory). DuckDB keeps the blocks it has
# read cached up to its limit: one scan of the cleaned documents of 100k articles left 646 MB cached, 478 MB
# under a 512MB limit. The store's indexes and ingest's and the per-document stages' writes must fit under
# it, so there is none by default; the corpus stages lower it themselves (below). When this is set, it
# stands for them too.
STORE_MEMORY_LIMIT = os.environ.get("NEWSLEDGER_STORE_MEMORY") or None

# DuckDB's memory limit while the corpus stages read the store and write their outputs
# (``Store.lean_memory``): DuckDB keeps the blocks it reads or writes cached up to its limit. On the 100k
# scaled store, after reading the cleaned documents alone the process held 1.2 GB instead of 0.7, and
# writing the corpus outputs took +1,226 MB at DuckDB's default limit against +68 MB at 256MB (+69 at
# 512MB; under 512MB the one 115 MB story-state value of schema 1 could not be written at 30k, rows can).
# ``NEWSLEDGER_STORE_LEAN_MEMORY`` overrides it.
STORE_LEAN_MEMORY = os.environ.get("NEWSLEDGER_STORE_LEAN_MEMORY") or "256MB"


def db_path(explicit: str | None = None) -> str:
    """The store path: ``--db`` wins, then ``NEWSLEDGER_DB``, then ``./newsledger.duckdb``."""
    return explicit or os.environ.get("NEWSLEDGER_DB") or DEFAULT_DB


DEFAULT_BATCH_SIZE = 16


@dataclass(frozen=True, slots=True, kw_only=True)
class RunSettings:
    workers: int = 1
    engine: str = "local"
    scheduler: str | None = None
    # Documents per worker batch. 16, not 64: a worker's memory peaks while it holds a batch (spaCy docs,
    # embedding buffers) and is trimmed after it; on 2,000 articles with 2 workers the process tree peaked at
    # 1,985 MB (RSS summed) with 16 vs 2,371 MB with 64, in the same time (168 vs 174 s).
    batch_size: int = DEFAULT_BATCH_SIZE
    device: str = "cpu"


# Characters. A cleaned body longer than this is rejected as ``body_too_long`` before annotation: the
# parser is linear but slow (a 1 MB single sentence took 167 s and 1 GB), and the longest real articles in
# the dev sets are under 100k characters. Such pages (logs, dumps, feeds) are not news articles.
MAX_BODY_CHARS = 300_000
