"""Typed records that flow between the stages (stdlib only).

Records are frozen, slotted, keyword-only dataclasses: cheap to build per mention, cheap to pickle for
worker processes, checked by mypy, with no silent coercion. They know nothing of JSON or SQL: ``store/``
and ``export/`` translate them.

Conventions (see STYLE.md):

* character offsets are half-open ``[start, end)`` and named for the text they index: ``raw_*`` offsets
  index ``RawDocument.text`` (the decoded input, as received), ``body_*``/plain ``start``/``end`` on
  annotation records index ``CleanDocument.body``.  ``text[start:end] == surface`` always holds.
* sequences are tuples;
* dates are ``datetime.date`` with a separate precision;
* ids the pipeline mints derive from content (:func:`content_id`), never counters or UUIDs.

Flow: ``RawDocument`` -> ``CleanDocument`` -> ``AnnotatedDocument`` (sentences, tokens, mentions,
timexes) -> ``EventMention`` per document -> corpus stages: ``Entity`` (resolve), ``Story`` (stories),
``Event`` ledger rows (events), ``Contradiction``/``Claim``/``Itinerary`` (reconcile).  A document that
cannot go on becomes a ``Rejection`` at the stage that gave up.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import sys
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any, TypeAlias

if TYPE_CHECKING:  # for the type of a state row's vector only: records import the standard library alone
    import numpy as np
    import numpy.typing as npt

__all__ = [
    "AnnotatedDocument",
    "BodyLine",
    "Citation",
    "Claim",
    "ClaimValue",
    "CleanDocument",
    "Contradiction",
    "DateCandidate",
    "DatePrecision",
    "Derivation",
    "DocStatus",
    "DocumentVector",
    "Entity",
    "EntityMentionRef",
    "Event",
    "EventMention",
    "EventSource",
    "InputFormat",
    "Itinerary",
    "ItineraryStop",
    "Mention",
    "MentionLink",
    "RawDocument",
    "Rejection",
    "Resolution",
    "RoleStatement",
    "Sentence",
    "Span",
    "StateRow",
    "Story",
    "StoryHistoryEntry",
    "SummarySentence",
    "TimeExpression",
    "TimexType",
    "Token",
    "content_hash",
    "content_id",
]


def content_hash(data: bytes | str) -> str:
    """SHA-256 hex digest of the content (str is hashed as UTF-8)."""
    if isinstance(data, str):
        data = data.encode("utf-8", "surrogatepass")
    return hashlib.sha256(data).hexdigest()


def content_id(prefix: str, *parts: str) -> str:
    """A short, stable id minted from content: ``prefix`` + 16 hex chars of SHA-256 over the parts."""
    h = hashlib.sha256("\x1f".join(parts).encode("utf-8", "surrogatepass")).hexdigest()[:16]
    return f"{prefix}_{h}"


class InputFormat(StrEnum):
    TXT = "txt"
    HTML = "html"
    JSONL = "jsonl"
    WARC = "warc"


class DocStatus(StrEnum):
    PENDING = "pending"
    PROCESSED = "processed"
    REJECTED = "rejected"


class DatePrecision(StrEnum):
    DAY = "day"
    MONTH = "month"
    YEAR = "year"


class TimexType(StrEnum):
    DATE = "DATE"
    TIME = "TIME"
    DURATION = "DURATION"
    SET = "SET"


@dataclass(frozen=True, slots=True, kw_only=True)
class Span:
    """A piece of some text: ``text == source[start:end]``; which source is said by the field name."""

    start: int
    end: int
    text: str


# --------------------------------------------------------------------------------------------- ingest
@dataclass(frozen=True, slots=True, kw_only=True)
class RawDocument:
    """One input document exactly as received.

    ``raw`` holds the bytes byte-for-byte (for a JSONL/WARC record: the record's own text or payload
    encoded as UTF-8); ``text`` is their decoding with ``encoding`` (the choice is recorded). For HTML
    input ``text`` is the HTML source. ``date_hint`` is the optional `` date YYYY-MM-DD`` first-line
    prefix of a page dump (a crawl/listing date, *not* necessarily the publication date), with its
    span in ``text``. ``meta_*`` fields are what a JSONL/WARC record declared about itself.
    """

    id: str
    format: InputFormat
    raw: bytes
    text: str
    encoding: str
    content_hash: str
    source_path: str
    content_type: str = "text"  # "text" (a page dump / plain text) or "html"
    url: str | None = None
    date_hint: Span | None = None
    meta_published: str | None = None
    meta_title: str | None = None
    meta_source: str | None = None
    meta_language: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Rejection:
    """A document that did not make it through ``stage``; ``reason`` is a stable snake_case code."""

    doc_id: str
    stage: str
    reason: str
    detail: str = ""
    source_path: str = ""
    raw: bytes = b""
    content_hash: str = ""


# ---------------------------------------------------------------------------------------------- clean
@dataclass(frozen=True, slots=True, kw_only=True)
class BodyLine:
    """One paragraph of the cleaned body and where it came from.

    ``body_start``/``body_end`` index ``CleanDocument.body``; ``raw_start``/``raw_end`` index
    ``RawDocument.text`` (for HTML input: the extractor's text, see ``CleanDocument.source_text``). The
    raw span ends with the paragraph, character for character, except that the line breaks inside a
    hard-wrapped paragraph are spaces in the body (``clean/wrap.py``).
    """

    body_start: int
    body_end: int
    raw_start: int
    raw_end: int


@dataclass(frozen=True, slots=True, kw_only=True)
class DateCandidate:
    """A candidate publication date with its evidence (offsets into the raw text) and how it scored."""

    date: dt.date
    precision: DatePrecision
    rule: str
    score: float
    evidence: Span | None
    time: str | None = None  # "HH:MM" local time when stated
    tz: str | None = None  # zone as stated ("IST", "EDT", "+09:00")


@dataclass(frozen=True, slots=True, kw_only=True)
class CleanDocument:
    """The article inside a page: body without boilerplate plus metadata, each with evidence.

    ``body`` is the article text, paragraphs separated by ``\\n``. ``lines`` maps each paragraph back
    to the raw text. ``boilerplate`` lists the raw spans removed (kept so the UI can show them).
    ``published_evidence`` indexes ``RawDocument.text``; ``date_candidates`` keeps the losers too.
    """

    doc_id: str
    body: str
    lines: tuple[BodyLine, ...]
    title: str | None = None
    title_evidence: Span | None = None
    outlet: str | None = None
    outlet_evidence: Span | None = None
    agency: str | None = None
    agency_evidence: Span | None = None
    published: dt.date | None = None
    published_precision: DatePrecision | None = None
    published_evidence: Span | None = None
    date_candidates: tuple[DateCandidate, ...] = ()
    language: str | None = None
    url: str | None = None
    dateline: Span | None = None  # raw span of the dateline ("Seoul, March 25"), if any
    dateline_place: str | None = None
    bylines: tuple[Span, ...] = ()
    captions: tuple[Span, ...] = ()
    boilerplate: tuple[Span, ...] = ()
    source_text: str | None = None  # for HTML: the text the extractor produced (lines index it)


# ------------------------------------------------------------------------------------------- annotate
@dataclass(frozen=True, slots=True, kw_only=True)
class Sentence:
    start: int
    end: int


@dataclass(frozen=True, slots=True, kw_only=True)
class Token:
    """A token of the body with its parse: ``head`` is the index of the head token in the document."""

    start: int
    end: int
    lemma: str
    pos: str
    tag: str
    dep: str
    head: int
    sent: int  # index into AnnotatedDocument.sentences


@dataclass(frozen=True, slots=True, kw_only=True)
class Mention:
    """An entity mention in the body: ``label`` is the spaCy-style type (PERSON, ORG, GPE, LOC, NORP…).

    ``role`` is a stated title/function ("Foreign Minister", "director of the International
    Department of the Workers' Party") with its own span ``role_span`` in the body, when stated.
    """

    start: int
    end: int
    text: str
    label: str
    sent: int
    role: str | None = None
    role_span: tuple[int, int] | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class TimeExpression:
    """A TIMEX3 expression in the body, normalised against the document creation time (DCT).

    ``value`` is TIMEX3 (``2024-03-22``, ``2024-03``, ``2024-W12``, ``2024-03-22T15:56``, ``P3D``,
    ``PRESENT_REF``, ``XXXX-XX-XX``). ``date_from``/``date_to`` give the calendar range the value
    covers when it is a date-like value, ``precision`` its granularity. ``rule`` names the grammar rule
    that matched and ``anchor`` how the value was anchored (``absolute``, ``dct``, ``dct_past`` …).
    """

    start: int
    end: int
    text: str
    type: TimexType
    value: str
    rule: str = ""
    anchor: str = ""
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    precision: DatePrecision | None = None
    mod: str | None = None  # TIMEX3 mod: START, MID, END, APPROX ...


@dataclass(frozen=True, slots=True, kw_only=True)
class AnnotatedDocument:
    """Annotations of one cleaned body; every offset indexes ``body``."""

    doc_id: str
    body: str
    dct: dt.date | None
    sentences: tuple[Sentence, ...]
    tokens: tuple[Token, ...]
    mentions: tuple[Mention, ...]
    timexes: tuple[TimeExpression, ...]


# --------------------------------------------------------------------------------------------- events
@dataclass(frozen=True, slots=True, kw_only=True)
class EventMention:
    """One event as one document states it; every slot carries its body span.

    ``actor_spans`` are the body spans of the actors, source actor first; ``actor_mentions`` the index
    of the matching ``Mention`` in the document (or -1 when the actor is not an entity mention).
    ``links`` records how a slot taken from outside the event's sentence was reached (e.g.
    ``{"date": "coref:the meeting"}``, ``{"place": "dateline"}``).
    """

    doc_id: str
    index: int  # position in the document's list of event mentions
    type: str  # PLOVER category
    mode: str  # meeting, talks, visit, call, statement ...
    trigger: Span
    sentence: Sentence
    actor_spans: tuple[tuple[int, int], ...]
    actor_mentions: tuple[int, ...]
    place_span: tuple[int, int] | None = None
    place_text: str | None = None
    date_span: tuple[int, int] | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    date_precision: DatePrecision | None = None
    reported: bool = False  # a statement/quote, not the act itself
    negated: bool = False
    links: tuple[tuple[str, str], ...] = ()
    confidence: float = 0.0


# -------------------------------------------------------------------------------------------- resolve
@dataclass(frozen=True, slots=True, kw_only=True)
class EntityMentionRef:
    doc: str
    start: int
    end: int
    text: str

    def __reduce__(self) -> tuple[Any, tuple[str, int, int, str]]:
        # pickled as a call with its four values rather than the state dict a frozen slotted dataclass
        # pickles by default (millions of them at 100k documents): on the 10k store's resolution, pickling
        # 6.7 -> 2.3 s and unpickling 7.0 -> 4.2 s
        return _entity_mention_ref, (self.doc, self.start, self.end, self.text)


def _entity_mention_ref(doc: str, start: int, end: int, text: str) -> EntityMentionRef:
    # document ids and surfaces recur: one string each, also across separately pickled parts
    return EntityMentionRef(doc=sys.intern(doc), start=start, end=end, text=sys.intern(text))


@dataclass(frozen=True, slots=True, kw_only=True)
class RoleStatement:
    role: str
    doc: str
    start: int
    end: int
    date: dt.date | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Entity:
    """One real-world person/organisation/place across documents and spellings."""

    id: str
    name: str
    type: str
    aliases: tuple[str, ...]
    mentions: tuple[EntityMentionRef, ...]
    country: str | None = None  # ISO 3166 alpha-2 for places and states, when known
    roles: tuple[RoleStatement, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class MentionLink:
    """Mention ``index`` of document ``doc`` (index into ``AnnotatedDocument.mentions``) -> entity."""

    doc: str
    index: int
    entity_id: str

    def __reduce__(self) -> tuple[Any, tuple[str, int, str]]:
        return _mention_link, (self.doc, self.index, self.entity_id)  # see EntityMentionRef.__reduce__


def _mention_link(doc: str, index: int, entity_id: str) -> MentionLink:
    return MentionLink(doc=sys.intern(doc), index=index, entity_id=sys.intern(entity_id))


@dataclass(frozen=True, slots=True, kw_only=True)
class Resolution:
    """What the resolve stage returns: the entities and which mention belongs to which."""

    entities: tuple[Entity, ...]
    links: tuple[MentionLink, ...]


# --------------------------------------------------------------------------------------------- stories
@dataclass(frozen=True, slots=True, kw_only=True)
class Derivation:
    """``doc_id`` copies or rewrites ``derived_from`` (the earlier publication).

    ``kind``: ``copy`` (near-duplicate text), ``syndication`` (credited wire copy of the same agency),
    ``rewrite`` (paraphrased sentences in the same order carrying the same facts).
    """

    doc_id: str
    derived_from: str
    kind: str
    score: float


@dataclass(frozen=True, slots=True, kw_only=True)
class DocumentVector:
    doc_id: str
    vector: tuple[float, ...]
    model: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Citation:
    """A cited span of document ``doc``: ``start``/``end`` index the text named by ``text``.

    ``text`` is ``"body"`` (``CleanDocument.body``, the default) or ``"raw"`` (``RawDocument.text``: for
    facts that only exist in the page, e.g. a crawl-header date); ``quote`` is the cited surface, when kept.
    """

    doc: str
    start: int
    end: int
    text: str = "body"
    quote: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class SummarySentence:
    text: str
    citations: tuple[Citation, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Story:
    id: str
    title: str
    doc_ids: tuple[str, ...]
    first_published: dt.date | None
    last_published: dt.date | None
    event_ids: tuple[str, ...] = ()
    summary: tuple[SummarySentence, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class StoryHistoryEntry:
    """A story-level change that did not renumber: ``merge`` (absorbed ids) or ``split``."""

    story_id: str
    action: str
    other_ids: tuple[str, ...]
    run_id: str
    detail: str = ""


# ---------------------------------------------------------------------------------------------- events
@dataclass(frozen=True, slots=True, kw_only=True)
class EventSource:
    """One document's support for a ledger event: sentence and slot spans in that document's body."""

    doc: str
    sentence: tuple[int, int]
    actor_spans: tuple[tuple[int, int], ...]
    place_span: tuple[int, int] | None
    date_span: tuple[int, int] | None
    mention_index: int = -1


@dataclass(frozen=True, slots=True, kw_only=True)
class Event:
    """One ledger row: one real event with all the documents that report it."""

    id: str
    type: str
    mode: str
    actors: tuple[str, ...]  # canonical entity names, source actor first
    actor_ids: tuple[str, ...]
    place: str | None
    date: dt.date | None
    date_to: dt.date | None
    date_precision: DatePrecision | None
    sources: tuple[EventSource, ...]
    independent_sources: int
    confidence: float
    place_id: str | None = None  # resolved entity id of the place (events stage), when resolved
    place_country: str | None = None  # ISO 3166 alpha-2 country of the place, when known


@dataclass(frozen=True, slots=True, kw_only=True)
class ItineraryStop:
    place: str
    date_from: dt.date | None
    date_to: dt.date | None
    event_ids: tuple[str, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Itinerary:
    actor: str
    actor_id: str
    stops: tuple[ItineraryStop, ...]


# -------------------------------------------------------------------------------------------- reconcile
@dataclass(frozen=True, slots=True, kw_only=True)
class ClaimValue:
    value: str
    sources: tuple[Citation, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Claim:
    """A normalised statement one document makes about ``subject`` (e.g. ``event:<id>:date``)."""

    subject: str
    doc: str
    value: str
    evidence: Citation
    kind: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class Contradiction:
    id: str
    story_id: str
    subject: str
    values: tuple[ClaimValue, ...]
    kind: str = "contradiction"  # or "agreement", "compatible", "single_source"


# ------------------------------------------------------------------------------------- incremental state
# A row of a corpus stage's state between runs, as the stage gives it and the store keeps it: kind,
# position, JSON payload, and a float32 vector or None (``stories.state_rows``, ``Store.stage_state``).
StateRow: TypeAlias = "tuple[str, int, str, npt.NDArray[np.float32] | None]"
