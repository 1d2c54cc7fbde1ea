"""The ledger as CONTRACT.md's export object, read from the store (for export/, web/ and report)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from newsledger.records import (
    CleanDocument,
    Contradiction,
    Derivation,
    Entity,
    Event,
    Itinerary,
    Story,
)
from newsledger.store import Store
from newsledger.textkit.codec import to_jsonable

KEYS = ("documents", "entities", "events", "stories", "contradictions", "itineraries")


def _iso(d: Any) -> str | None:
    return d.isoformat() if d is not None else None


def documents(store: Store) -> list[dict[str, Any]]:
    clean = {c.doc_id: c for c in store.outputs("clean", CleanDocument)}
    assign = {a["doc_id"]: a["story_id"] for a in store.corpus_payloads("assignments")}
    derived = {d.doc_id: d for d in store.corpus("derivations", Derivation)}
    out = []
    for row in store.document_rows():
        c = clean.get(row["id"]) if row["status"] == "processed" else None
        ev = c.published_evidence if c else None
        der = derived.get(row["id"])
        out.append(
            {
                "id": row["id"],
                "url": (c.url if c and c.url else row["url"]),
                "title": c.title if c else None,
                "outlet": c.outlet if c else None,
                "agency": c.agency if c else None,
                "published": _iso(c.published) if c else None,
                "published_evidence": {"text": ev.text, "start": ev.start, "end": ev.end} if ev else None,
                "language": c.language if c else None,
                "status": row["status"],
                "reason": row["reason"],
                "body": c.body if c else "",
                "story_id": assign.get(row["id"]),
                "derived_from": der.derived_from if der else None,
                "derivation": {"kind": der.kind, "score": round(der.score, 4)} if der else None,
                "content_hash": row["content_hash"],
            }
        )
    return out


def entities(store: Store) -> list[dict[str, Any]]:
    out = []
    for e in store.corpus("entities", Entity):
        out.append(
            {
                "id": e.id,
                "name": e.name,
                "type": e.type,
                "aliases": list(e.aliases),
                "mentions": [
                    {"doc": m.doc, "start": m.start, "end": m.end, "text": m.text} for m in e.mentions
                ],
                "country": e.country,
                "roles": [to_jsonable(r) for r in e.roles],
            }
        )
    return out


def events(store: Store) -> list[dict[str, Any]]:
    out = []
    for e in store.corpus("events", Event):
        out.append(
            {
                "id": e.id,
                "type": e.type,
                "mode": e.mode,
                "actors": list(e.actors),
                "place": e.place,
                "date": _iso(e.date),
                "date_to": _iso(e.date_to),
                "date_precision": e.date_precision.value if e.date_precision else None,
                "sources": [
                    {
                        "doc": s.doc,
                        "sentence": {"start": s.sentence[0], "end": s.sentence[1]},
                        "slots": {
                            "actors": [list(a) for a in s.actor_spans],
                            "place": list(s.place_span) if s.place_span else None,
                            "date": list(s.date_span) if s.date_span else None,
                        },
                    }
                    for s in e.sources
                ],
                "independent_sources": e.independent_sources,
                "confidence": round(e.confidence, 4),
            }
        )
    return out


def stories(store: Store) -> list[dict[str, Any]]:
    out = []
    for s in store.corpus("stories", Story):
        out.append(
            {
                "id": s.id,
                "title": s.title,
                "doc_ids": list(s.doc_ids),
                "first_published": _iso(s.first_published),
                "last_published": _iso(s.last_published),
                "event_ids": list(s.event_ids),
                "summary": [
                    {"text": x.text, "citations": [to_jsonable(c) for c in x.citations]} for x in s.summary
                ],
            }
        )
    return out


def contradictions(store: Store, kinds: tuple[str, ...] = ("contradiction",)) -> list[dict[str, Any]]:
    """Findings of the given kinds (the export's ``contradictions`` are the disagreements; the store also
    keeps ``agreement``, ``compatible`` and ``single_source`` findings for the report and UI)."""
    out = []
    for c in store.corpus("contradictions", Contradiction):
        if c.kind not in kinds:
            continue
        out.append(
            {
                "id": c.id,
                "story_id": c.story_id,
                "subject": c.subject,
                "kind": c.kind,
                "values": [
                    {"value": v.value, "sources": [to_jsonable(x) for x in v.sources]} for v in c.values
                ],
            }
        )
    return out


def itineraries(store: Store) -> list[dict[str, Any]]:
    out = []
    for it in store.corpus("itineraries", Itinerary):
        out.append(
            {
                "actor": it.actor,
                "actor_id": it.actor_id,
                "stops": [
                    {
                        "place": s.place,
                        "date_from": _iso(s.date_from),
                        "date_to": _iso(s.date_to),
                        "event_ids": list(s.event_ids),
                    }
                    for s in it.stops
                ],
            }
        )
    return out


_BUILDERS = {
    "documents": documents,
    "entities": entities,
    "events": events,
    "stories": stories,
    "contradictions": contradictions,
    "itineraries": itineraries,
}


def build(store: Store, what: Iterable[str] = KEYS) -> dict[str, list[dict[str, Any]]]:
    """The export object (deterministically sorted) for the given keys."""
    out: dict[str, list[dict[str, Any]]] = {}
    for key in what:
        rows = _BUILDERS[key](store)
        sort_key = "actor" if key == "itineraries" else "id"
        out[key] = sorted(rows, key=lambda r, k=sort_key: str(r.get(k)))  # type: ignore[misc]
    return out


def with_annotations(store: Store) -> dict[str, list[dict[str, Any]]]:
    """The export object whose documents also carry what the document page shows: ``raw_text``,
    ``boilerplate`` (raw spans the cleaner removed), ``sentences`` and ``timexes`` (body offsets)."""
    from newsledger.records import AnnotatedDocument

    ledger = build(store)
    clean = {c.doc_id: c for c in store.outputs("clean", CleanDocument)}
    ann = {a.doc_id: a for a in store.outputs("annotate", AnnotatedDocument)}
    for d in ledger["documents"]:
        c, a = clean.get(d["id"]), ann.get(d["id"])
        d["raw_text"] = store.raw_text(d["id"])
        d["boilerplate"] = (
            [{"start": s.start, "end": s.end, "text": s.text} for s in c.boilerplate] if c else []
        )
        d["sentences"] = [{"start": s.start, "end": s.end} for s in a.sentences] if a else []
        d["timexes"] = (
            [
                {"start": t.start, "end": t.end, "text": t.text, "type": t.type.value, "value": t.value}
                for t in a.timexes
            ]
            if a
            else []
        )
    return ledger


def timelines(store: Store) -> dict[str, list[dict[str, Any]]]:
    """Story id -> the story's timeline rows (reconcile stage)."""
    return {p["story_id"]: json.loads(p["entries"]) for p in store.corpus_payloads("timelines")}
