"""Pydantic models of the JSON API, for the OpenAPI schema and for tests that check responses.

They mirror CONTRACT.md's export; every model allows extra fields (the export may grow). Handlers
return prebuilt JSON (no per-request validation cost); tests validate responses against these models.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict


class _Open(BaseModel):
    model_config = ConfigDict(extra="allow")


class Evidence(_Open):
    text: str
    start: int
    end: int


class CitationOut(_Open):
    doc: str
    start: int
    end: int


class DocumentOut(_Open):
    id: str
    url: str | None
    title: str | None
    outlet: str | None
    agency: str | None
    published: str | None
    published_evidence: Evidence | None
    language: str | None
    status: str
    reason: str | None
    body: str
    story_id: str | None
    derived_from: str | None
    content_hash: str


class MentionRef(_Open):
    doc: str
    start: int
    end: int
    text: str


class EntityOut(_Open):
    id: str
    name: str
    type: str
    aliases: list[str]
    mentions: list[MentionRef]


class SourceSentence(_Open):
    start: int
    end: int


class Slots(_Open):
    actors: list[list[int]]
    place: list[int] | None
    date: list[int] | None


class EventSourceOut(_Open):
    doc: str
    sentence: SourceSentence
    slots: Slots


class EventOut(_Open):
    id: str
    type: str
    mode: str
    actors: list[str]
    place: str | None
    date: str | None
    date_precision: str | None
    sources: list[EventSourceOut]
    independent_sources: int
    confidence: float


class SummarySentenceOut(_Open):
    text: str
    citations: list[CitationOut]


class StoryOut(_Open):
    id: str
    title: str
    doc_ids: list[str]
    first_published: str | None
    last_published: str | None
    event_ids: list[str]
    summary: list[SummarySentenceOut]


class ClaimValueOut(_Open):
    value: str
    sources: list[CitationOut]


class ContradictionOut(_Open):
    id: str
    story_id: str
    subject: str
    values: list[ClaimValueOut]


class StopOut(_Open):
    place: str
    date_from: str | None
    date_to: str | None
    event_ids: list[str]


class ItineraryOut(_Open):
    actor: str
    stops: list[StopOut]


class TimelineSource(_Open):
    doc: str
    start: int
    end: int
    quote: str


class TimelineEvent(_Open):
    event_id: str
    type: str | None
    date: str | None
    sources: list[TimelineSource]
    contradiction_ids: list[str]


class AnnotationsOut(_Open):
    id: str
    mentions: list[dict[str, Any]]
    timexes: list[dict[str, Any]]
    event_spans: list[dict[str, Any]]
    sentences: list[dict[str, Any]]
    cited_spans: list[dict[str, Any]]
    boilerplate: list[dict[str, Any]]
    raw_text: str | None


class SearchHit(_Open):
    kind: str
    id: str
    title: str | None
    score: float


class SearchOut(BaseModel):
    q: str
    items: list[SearchHit]


class _Page(BaseModel):
    total: int
    limit: int
    offset: int


class StoryPage(_Page):
    items: list[StoryOut]


class DocumentPage(_Page):
    items: list[DocumentOut]


class EntityPage(_Page):
    items: list[EntityOut]


class EventPage(_Page):
    items: list[EventOut]


class ContradictionPage(_Page):
    items: list[ContradictionOut]


class ItineraryPage(_Page):
    items: list[ItineraryOut]


class ErrorDetail(BaseModel):
    loc: list[str | int]
    msg: str
    type: str


class ErrorInfo(BaseModel):
    status: int
    code: str
    message: str
    details: list[ErrorDetail] = []


class ErrorOut(BaseModel):
    """Every error response, HTML routes included: ``{"error": {status, code, message, details}}``."""

    error: ErrorInfo
