"""The web UI and JSON API: a read-only FastAPI app over a ``LedgerReader``.

``create_app(reader)`` builds the app; ``LedgerReader`` is the protocol of read queries it needs (the
store implements it over DuckDB); ``JsonLedgerReader`` reads one export-shaped JSON object.
"""

from __future__ import annotations

from newsledger.web.app import create_app
from newsledger.web.reader import JsonLedgerReader, LedgerReader

__all__ = ["JsonLedgerReader", "LedgerReader", "create_app"]
