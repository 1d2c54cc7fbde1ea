"""The ``newsledger events`` table: ledger rows filtered by actor, type and date range (pure function)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from newsledger.records import Event


def _matches_actor(e: Event, actor: str) -> bool:
    needle = " ".join(actor.lower().split())
    return any(needle in " ".join(a.lower().split()) for a in e.actors) or actor in e.actor_ids


def format_events_table(
    events: Sequence[Event],
    *,
    actor: str | None = None,
    type: str | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
) -> list[dict[str, Any]]:
    """Rows for the events table, sorted by date (undated last) then id.

    ``actor`` matches a substring of any actor's canonical name (case-insensitive) or an exact actor id;
    ``type`` a PLOVER type (case-insensitive); an event overlaps [date_from, date_to] when any day of its
    range does (undated events are dropped when a date filter is given).
    """
    rows: list[dict[str, Any]] = []
    for e in sorted(events, key=lambda e: (e.date or dt.date.max, e.id)):
        if actor and not _matches_actor(e, actor):
            continue
        if type and e.type.upper() != type.upper():
            continue
        if date_from or date_to:
            if e.date is None:
                continue
            end = e.date_to or e.date
            if date_from and end < date_from:
                continue
            if date_to and e.date > date_to:
                continue
        rows.append(
            {
                "date": e.date.isoformat() if e.date else "",
                "date_to": e.date_to.isoformat() if e.date_to else "",
                "type": e.type,
                "mode": e.mode,
                "actors": list(e.actors),
                "place": e.place or "",
                "sources": len(e.sources),
                "independent_sources": e.independent_sources,
                "confidence": e.confidence,
                "id": e.id,
            }
        )
    return rows
