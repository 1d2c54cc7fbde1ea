"""Hand-built records for the reconcile tests: real sentences from the example pages and public news,
timexes and events written out by hand (no model is loaded)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import Any

from newsledger.records import (
    AnnotatedDocument,
    CleanDocument,
    DatePrecision,
    Event,
    EventSource,
    Sentence,
    TimeExpression,
    TimexType,
)

_SENT = re.compile(r"[^\n]+?(?:(?<!\b[A-Z])(?<!\bU\.S)[.!?](?=\s+[A-Z])|$)", re.MULTILINE)


def make_doc(
    doc_id: str,
    body: str,
    published: dt.date | None = None,
    timexes: Sequence[tuple[str, str, str, int]] = (),
    **clean_kw: Any,
) -> tuple[CleanDocument, AnnotatedDocument]:
    """A cleaned and annotated document. ``timexes``: (surface, ISO day or ``YYYY-Www`` value, anchor,
    occurrence index of the surface in the body)."""
    clean = CleanDocument(doc_id=doc_id, body=body, lines=(), published=published, **clean_kw)
    sents = []
    for m in _SENT.finditer(body):
        s, e = m.start(), m.end()
        while s < e and body[s].isspace():
            s += 1
        if e > s:
            sents.append(Sentence(start=s, end=e))
    txs = []
    for surface, value, anchor, nth in timexes:
        pos = -1
        for _ in range(nth + 1):
            pos = body.index(surface, pos + 1)
        if "W" in value:
            y, w = value.split("-W")
            d_from = dt.date.fromisocalendar(int(y), int(w), 1)
            d_to = d_from + dt.timedelta(days=6)
        else:
            d_from = d_to = dt.date.fromisoformat(value)
        txs.append(
            TimeExpression(
                start=pos, end=pos + len(surface), text=surface, type=TimexType.DATE, value=value,
                anchor=anchor, date_from=d_from, date_to=d_to, precision=DatePrecision.DAY,
            )
        )  # fmt: skip
    ann = AnnotatedDocument(
        doc_id=doc_id, body=body, dct=published, sentences=tuple(sents), tokens=(), mentions=(),
        timexes=tuple(sorted(txs, key=lambda t: t.start)),
    )  # fmt: skip
    return clean, ann


def sentence_of(body: str, needle: str) -> tuple[int, int]:
    i = body.index(needle)
    s = max(body.rfind(". ", 0, i) + 2 if body.rfind(". ", 0, i) >= 0 else 0, body.rfind("\n", 0, i) + 1)
    e = body.find(".", i + len(needle))
    return s, (e + 1 if e >= 0 else len(body))


def make_event(
    event_id: str,
    sources: Sequence[tuple[str, str, str]],
    bodies: dict[str, str],
    date: dt.date | None = None,
    actors: tuple[str, ...] = ("A", "B"),
    place: str | None = None,
    date_spans: dict[str, str] | None = None,
    independent: int = 1,
) -> Event:
    """An event with sources (doc, a phrase inside the reporting sentence, unused)."""
    srcs = []
    for doc, needle, _ in sources:
        body = bodies[doc]
        sent = sentence_of(body, needle)
        date_span = None
        if date_spans and doc in date_spans:
            i = body.index(date_spans[doc], sent[0])
            date_span = (i, i + len(date_spans[doc]))
        srcs.append(EventSource(doc=doc, sentence=sent, actor_spans=(), place_span=None, date_span=date_span))
    return Event(
        id=event_id, type="CONSULT", mode="meeting", actors=actors, actor_ids=(), place=place, date=date,
        date_to=date, date_precision=DatePrecision.DAY if date else None, sources=tuple(srcs),
        independent_sources=independent, confidence=0.8,
    )  # fmt: skip
