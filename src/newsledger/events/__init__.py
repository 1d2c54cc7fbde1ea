"""Events: per-document event mentions, then the corpus-level ledger and itineraries.

Entries (issue #7):
* ``extract_event_mentions(doc, clean) -> tuple[EventMention, ...]`` per document (needs the parse);
* ``build_ledger(mentions, resolution, published, derivations) -> tuple[Event, ...]`` corpus-level;
* ``build_itineraries(events) -> tuple[Itinerary, ...]``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from newsledger.records import (
    AnnotatedDocument,
    CleanDocument,
    Derivation,
    Event,
    EventMention,
    Itinerary,
    Resolution,
)

NAME = "events"
VERSION = "0"


def extract_event_mentions(doc: AnnotatedDocument, clean: CleanDocument) -> tuple[EventMention, ...]:
    raise NotImplementedError


def build_ledger(
    mentions: Sequence[EventMention],
    docs: Mapping[str, AnnotatedDocument],
    resolution: Resolution,
    published: Mapping[str, dt.date | None],
    derivations: Sequence[Derivation],
) -> tuple[Event, ...]:
    raise NotImplementedError


def build_itineraries(events: Sequence[Event]) -> tuple[Itinerary, ...]:
    raise NotImplementedError
