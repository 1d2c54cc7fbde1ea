"""The static HTML report of ``make demo`` (``out/report.html``), rendered from the export dict.

Input: the CONTRACT export object (``documents``, ``entities``, ``events``, ``stories``,
``contradictions``, ``itineraries``) plus, optionally, ``timelines`` (``{story_id: [row, ...]}`` as
``newsledger.reconcile.timeline_export`` writes them; without it each story's events are listed by date).
Output: one self-contained HTML page (inline CSS, no scripts, no external assets). All article text is
untrusted: Jinja2 autoescaping is on for every value.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import jinja2

__all__ = ["render_report"]

_TEMPLATES = Path(__file__).resolve().parent / "templates"


def _env() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(_TEMPLATES)),
        autoescape=True,  # every value, whatever the template's extension
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def _rows(ledger: Mapping[str, Any], key: str) -> list[Mapping[str, Any]]:
    rows = ledger.get(key) or []
    return [r for r in rows if isinstance(r, Mapping)]


def _quote(bodies: Mapping[str, str], doc: str, start: Any, end: Any) -> str:
    body = bodies.get(doc)
    if (
        body is None
        or not isinstance(start, int)
        or not isinstance(end, int)
        or not 0 <= start <= end <= len(body)
    ):
        return ""
    return body[start:end]


def _timeline_from_events(events: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    rows = []
    for e in events:
        rows.append(
            {
                "event_id": e.get("id"),
                "label": f"{str(e.get('type', '')).lower()} ({e.get('mode', '')}): "
                + " and ".join(str(a) for a in (e.get("actors") or [])[:3])
                + (f" in {e.get('place')}" if e.get("place") else ""),
                "date": e.get("date"),
                "dated": e.get("date") is not None,
                "placed_by": "event" if e.get("date") else "none",
                "sources": [
                    {
                        "doc": s.get("doc"),
                        "start": (s.get("sentence") or {}).get("start"),
                        "end": (s.get("sentence") or {}).get("end"),
                    }
                    for s in e.get("sources") or []
                ],
                "independent_sources": e.get("independent_sources"),
                "confidence": e.get("confidence"),
                "contradiction_ids": [],
            }
        )
    rows.sort(key=lambda r: (r["date"] is None, r["date"] or "", str(r["event_id"])))
    return rows


def render_report(ledger: Mapping[str, Any]) -> str:
    """The HTML report: per story its summary (cited), timeline, itineraries of its actors, sources with
    lineage and contradictions; then all entities and documents. Deterministic for a given dict."""
    documents = _rows(ledger, "documents")
    events = _rows(ledger, "events")
    stories = _rows(ledger, "stories")
    contradictions = _rows(ledger, "contradictions")
    itineraries = _rows(ledger, "itineraries")
    entities = _rows(ledger, "entities")
    timelines: Mapping[str, Any] = ledger.get("timelines") or {}

    bodies = {str(d.get("id")): str(d.get("body") or "") for d in documents}
    docs_by_id = {str(d.get("id")): d for d in documents}
    events_by_id = {str(e.get("id")): e for e in events}
    ctr_by_story: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
    for c in contradictions:
        ctr_by_story[str(c.get("story_id"))].append(c)

    story_views = []
    for s in stories:
        sid = str(s.get("id"))
        doc_ids = [str(d) for d in s.get("doc_ids") or []]
        story_events = [events_by_id[str(i)] for i in s.get("event_ids") or [] if str(i) in events_by_id]
        tl = timelines.get(sid)
        timeline = list(tl) if isinstance(tl, list) else _timeline_from_events(story_events)
        actors = {str(a) for e in story_events for a in e.get("actors") or []}
        event_ids = {str(e.get("id")) for e in story_events}
        story_itins = []
        for it in itineraries:
            if str(it.get("actor")) not in actors:
                continue
            stops = [
                st for st in it.get("stops") or [] if event_ids & {str(x) for x in st.get("event_ids") or []}
            ]
            if stops:
                story_itins.append({"actor": it.get("actor"), "stops": stops})
        sources = []
        for d in doc_ids:
            doc = docs_by_id.get(d, {})
            sources.append(
                {
                    "id": d,
                    "title": doc.get("title"),
                    "outlet": doc.get("outlet"),
                    "agency": doc.get("agency"),
                    "published": doc.get("published"),
                    "derived_from": doc.get("derived_from"),
                    "url": doc.get("url"),
                }
            )
        summary = []
        for sent in s.get("summary") or []:
            cites = [
                {**c, "quote": _quote(bodies, str(c.get("doc")), c.get("start"), c.get("end"))}
                for c in sent.get("citations") or []
            ]
            summary.append({"text": sent.get("text"), "citations": cites})
        ctrs = []
        for c in sorted(
            ctr_by_story.get(sid, []),
            key=lambda c: (c.get("kind", "contradiction") != "contradiction", str(c.get("id"))),
        ):
            values = []
            for v in c.get("values") or []:
                srcs = []
                for src in v.get("sources") or []:
                    indexed = src.get("text", "body")
                    quote = src.get("quote") or (
                        _quote(bodies, str(src.get("doc")), src.get("start"), src.get("end"))
                        if indexed == "body"
                        else ""
                    )
                    srcs.append({**src, "indexed": indexed, "quote": quote})
                values.append({"value": v.get("value"), "sources": srcs})
            kind = c.get("kind", "contradiction")
            ctrs.append({"id": c.get("id"), "subject": c.get("subject"), "kind": kind, "values": values})
        story_views.append(
            {
                "id": sid,
                "title": s.get("title"),
                "first_published": s.get("first_published"),
                "last_published": s.get("last_published"),
                "summary": summary,
                "timeline": timeline,
                "itineraries": story_itins,
                "sources": sources,
                "contradictions": ctrs,
            }
        )

    n_contra = sum(1 for c in contradictions if c.get("kind", "contradiction") == "contradiction")
    template = _env().get_template("report.html")
    return template.render(
        stories=story_views,
        entities=sorted(entities, key=lambda e: (str(e.get("type")), str(e.get("name")), str(e.get("id")))),
        documents=sorted(documents, key=lambda d: str(d.get("id"))),
        counts={
            "documents": len(documents),
            "stories": len(stories),
            "events": len(events),
            "entities": len(entities),
            "contradictions": n_contra,
        },
    )
