"""Records private to the reconcile stage: its input, its result, timeline entries and claim facts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from newsledger.records import (
    AnnotatedDocument,
    Claim,
    CleanDocument,
    Contradiction,
    DatePrecision,
    Derivation,
    Entity,
    Event,
    Story,
    SummarySentence,
)

__all__ = ["ClaimFact", "ReconcileInput", "ReconcileResult", "TimelineEntry", "TimelineSource"]


@dataclass(frozen=True, slots=True, kw_only=True)
class ReconcileInput:
    """Everything known about one story: its documents (cleaned, and annotated when annotation worked),
    the ledger events whose sources are in the story, derivations between its documents, and resolved
    entities (canonical names, countries)."""

    story: Story
    docs: tuple[tuple[CleanDocument, AnnotatedDocument | None], ...]
    events: tuple[Event, ...] = ()
    derivations: tuple[Derivation, ...] = ()
    entities: tuple[Entity, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class TimelineSource:
    doc: str
    start: int  # the sentence reporting the event, offsets into the document body
    end: int
    derived_from: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class TimelineEntry:
    """One event on a story's timeline.

    ``dated`` is False when the event has no date of its own: ``date`` is then the earliest publication
    date of its sources (``placed_by == "document"``), or None when that is unknown too.
    """

    event_id: str
    label: str
    type: str
    mode: str
    actors: tuple[str, ...]
    place: str | None
    date: dt.date | None
    date_to: dt.date | None
    precision: DatePrecision | None
    dated: bool
    placed_by: str  # "event" | "document" | "none"
    sources: tuple[TimelineSource, ...]
    independent_sources: int
    confidence: float
    contradiction_ids: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class ReconcileResult:
    story_id: str
    claims: tuple[Claim, ...]
    contradictions: tuple[Contradiction, ...]  # every finding; ``kind`` says which (see FindingKind)
    summary: tuple[SummarySentence, ...]
    timeline: tuple[TimelineEntry, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class ClaimFact:
    """A claim with what is needed to compare it: a date range, a weekday, a numeric interval, a place's
    country, the sentence it sits in and the event it belongs to."""

    claim: Claim
    group: str  # comparison key: claims are compared only within one group
    subject: str  # human-readable subject of the group
    norm: str  # normalised value: equal norms agree
    sentence: tuple[int, int] = (0, 0)
    event_id: str | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    weekday: str | None = None
    anchored: bool = True  # False when the date was resolved relative to the document's own date
    low: float | None = None
    high: float | None = None
    country: str | None = None
    reporter: str | None = None
    words: frozenset[str] = field(default_factory=frozenset)
    restrict: frozenset[str] = field(default_factory=frozenset)  # capitalised modifiers of a counted noun
    lead: bool = False  # in the first sentences of its document, where the story's main event is told
