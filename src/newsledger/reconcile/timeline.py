"""Timeline per story: its events in time order, each with sources, confidence and contradictions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from newsledger.records import CleanDocument, Event

from .claims import event_label
from .model import TimelineEntry, TimelineSource

__all__ = ["build_timeline", "timeline_export"]


def build_timeline(
    events: Sequence[Event],
    cleans: Mapping[str, CleanDocument],
    derived_from: Mapping[str, str],
    contradictions_by_event: Mapping[str, Sequence[str]],
) -> tuple[TimelineEntry, ...]:
    """Dated events by their date; an undated event is placed at the earliest publication date of its
    sources and flagged (``dated=False``); events with no date at all come last, in source order."""
    entries: list[TimelineEntry] = []
    for ev in events:
        sources = tuple(
            TimelineSource(
                doc=s.doc, start=s.sentence[0], end=s.sentence[1], derived_from=derived_from.get(s.doc)
            )
            for s in sorted(ev.sources, key=lambda s: (s.doc, s.sentence[0]))
        )
        if ev.date is not None:
            date: dt.date | None = ev.date
            placed_by = "event"
        else:
            pubs = [c.published for s in ev.sources if (c := cleans.get(s.doc)) is not None and c.published]
            date = min(pubs) if pubs else None
            placed_by = "document" if date is not None else "none"
        entries.append(
            TimelineEntry(
                event_id=ev.id,
                label=event_label(ev),
                type=ev.type,
                mode=ev.mode,
                actors=ev.actors,
                place=ev.place,
                date=date,
                date_to=ev.date_to if ev.date is not None else None,
                precision=ev.date_precision if ev.date is not None else None,
                dated=ev.date is not None,
                placed_by=placed_by,
                sources=sources,
                independent_sources=ev.independent_sources,
                confidence=ev.confidence,
                contradiction_ids=tuple(sorted(contradictions_by_event.get(ev.id, ()))),
            )
        )
    entries.sort(
        key=lambda e: (
            e.date is None,
            e.date or dt.date.max,
            not e.dated,
            e.sources[0].doc if e.sources else "",
            e.event_id,
        )
    )
    return tuple(entries)


def timeline_export(entries: Sequence[TimelineEntry]) -> list[dict[str, Any]]:
    """A timeline as plain export rows (ISO dates), the shape ``render_report`` reads from
    ``ledger["timelines"][story_id]``."""
    rows: list[dict[str, Any]] = []
    for e in entries:
        rows.append(
            {
                "event_id": e.event_id,
                "label": e.label,
                "type": e.type,
                "mode": e.mode,
                "actors": list(e.actors),
                "place": e.place,
                "date": e.date.isoformat() if e.date else None,
                "date_to": e.date_to.isoformat() if e.date_to else None,
                "date_precision": str(e.precision) if e.precision else None,
                "dated": e.dated,
                "placed_by": e.placed_by,
                "sources": [
                    {"doc": s.doc, "start": s.start, "end": s.end, "derived_from": s.derived_from}
                    for s in e.sources
                ],
                "independent_sources": e.independent_sources,
                "confidence": e.confidence,
                "contradiction_ids": list(e.contradiction_ids),
            }
        )
    return rows
