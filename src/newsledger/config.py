"""Settings shared by the runner, the CLI and the stages (plain frozen dataclasses)."""

from __future__ import annotations

import os
from dataclasses import dataclass

DEFAULT_DB = "newsledger.duckdb"

# Bytes. A single input document larger than this is rejected as ``too_large`` rather than read:
# the largest real article page in the dev sets is under 2 MB; 20 MB leaves room for bloated HTML.
MAX_DOCUMENT_BYTES = 20 * 1024 * 1024

# Bytes. Decompressed size cap for ``.gz`` inputs (gzip bombs): a larger stream is cut and the
# documents past the cap are rejected as ``decompression_limit``.
MAX_DECOMPRESSED_BYTES = 2 * 1024 * 1024 * 1024


def db_path(explicit: str | None = None) -> str:
    """The store path: ``--db`` wins, then ``NEWSLEDGER_DB``, then ``./newsledger.duckdb``."""
    return explicit or os.environ.get("NEWSLEDGER_DB") or DEFAULT_DB


@dataclass(frozen=True, slots=True, kw_only=True)
class RunSettings:
    workers: int = 1
    engine: str = "local"
    scheduler: str | None = None
    batch_size: int = 64
    device: str = "cpu"
