"""Events: per-document event mentions, then the corpus-level ledger and itineraries.

Entries (issue #7):

* ``extract_event_mentions(doc, clean) -> tuple[EventMention, ...]`` per document (needs the parse);
* ``build_ledger(mentions, docs, resolution, published, derivations) -> tuple[Event, ...]`` corpus-level;
* ``build_itineraries(events) -> tuple[Itinerary, ...]``.

The table view for the CLI is :func:`newsledger.events.view.format_events_table`.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable, Mapping, Sequence

from newsledger.events import extract as _extract
from newsledger.events import itinerary as _itinerary
from newsledger.events import ledger as _ledger
from newsledger.records import (
    AnnotatedDocument,
    CleanDocument,
    Derivation,
    Event,
    EventMention,
    Itinerary,
    Resolution,
)

logging.getLogger(__name__).addHandler(logging.NullHandler())

NAME = "events"
VERSION = "3"

__all__ = ["NAME", "VERSION", "build_itineraries", "build_ledger", "extract_event_mentions"]


def extract_event_mentions(doc: AnnotatedDocument, clean: CleanDocument) -> tuple[EventMention, ...]:
    """Event mentions of one annotated document (tokens with their dependency parse, mentions, timexes);
    ``clean`` supplies the dateline and captions. Returns them in text order, ``index`` = position."""
    return _extract.extract(doc, clean)


def build_ledger(
    mentions: Sequence[EventMention],
    docs: Mapping[str, AnnotatedDocument] | Iterable[AnnotatedDocument],
    resolution: Resolution,
    published: Mapping[str, dt.date | None],
    derivations: Sequence[Derivation],
) -> tuple[Event, ...]:
    """All event mentions of the store -> ledger rows (one per real event), deterministic and
    order-independent. ``docs`` (by id, or a stream read once, one document at a time) is only read
    for bodies, entity mentions and tokens (tokens may be empty)."""
    return _ledger.build(mentions, docs, resolution, published, derivations)


def build_itineraries(events: Sequence[Event]) -> tuple[Itinerary, ...]:
    """Each actor's time-ordered stops (places with date ranges and the events behind them)."""
    return _itinerary.build(events)
