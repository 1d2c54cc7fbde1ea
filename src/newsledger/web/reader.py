"""What the web app reads: the ``LedgerReader`` protocol and ``JsonLedgerReader`` over one export object.

The app never touches the store: it asks a ``LedgerReader`` for plain dicts shaped like CONTRACT.md's
export (``documents``, ``entities``, ``events``, ``stories``, ``contradictions``, ``itineraries``), plus
a few computed fields the pages need (documented per method). ``store/`` implements the protocol over
DuckDB; ``JsonLedgerReader`` implements it over an export-shaped dict (tests, ``serve --from-json``).

Conventions for every list method: keyword-only filters, ``limit``/``offset`` already bounded by the
caller, returns ``(items, total)`` where ``total`` counts all matches before paging. Dates passed in are
``datetime.date``; dates returned are ISO strings, as in the export. Offsets are half-open and index the
document ``body`` unless a field says ``raw`` (then they index the raw page text).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, Protocol

Row = dict[str, Any]

# Keys a JSON ledger's document may carry beyond the export, holding the annotations the document page
# shows. They are served by ``document()`` and stripped from the export-shaped document dicts.
ANNOTATION_KEYS = ("raw_text", "boilerplate", "sentences", "mentions", "timexes")
# Characters of body shown either side of an entity mention on the entity page.
CONTEXT_CHARS = 60
# Characters of body around the first match in a search result snippet.
SNIPPET_CHARS = 90


class LedgerReader(Protocol):
    """Read-only queries behind the web UI and JSON API (all return fresh plain dicts)."""

    def stories(
        self,
        *,
        limit: int,
        offset: int,
        date_from: dt.date | None = None,
        date_to: dt.date | None = None,
        entity: str | None = None,
        event_type: str | None = None,
    ) -> tuple[list[Row], int]:
        """Stories, most recent first (``last_published`` desc, undated last, then ``id``).

        Filters: the story's ``[first_published, last_published]`` overlaps ``[date_from, date_to]``;
        ``entity`` (an entity id, or a case-insensitive substring of a canonical name or alias) is
        mentioned in one of its documents or is an actor/place of one of its events; ``event_type``
        (PLOVER type) is the type of one of its events. Items: the export story plus ``size`` (number of
        documents), ``outlets`` (sorted distinct outlet names of its documents) and ``n_events``.
        """
        ...

    def story(self, story_id: str) -> Row | None:
        """One story as in ``stories()`` items, or None when unknown."""
        ...

    def documents(
        self,
        *,
        limit: int,
        offset: int,
        story_id: str | None = None,
        outlet: str | None = None,
        status: str | None = None,
        date_from: dt.date | None = None,
        date_to: dt.date | None = None,
    ) -> tuple[list[Row], int]:
        """Export documents sorted by ``id``; ``outlet`` matches exactly, dates filter ``published``."""
        ...

    def document(self, doc_id: str) -> Row | None:
        """The export document plus its annotations, or None when unknown. Added keys:

        ``mentions`` ``[{start, end, text, label, entity_id, entity_name}]`` (entity_* may be null),
        ``timexes`` ``[{start, end, text, type, value}]``, ``event_spans`` ``[{event_id, type, mode, date,
        start, end}]`` (the sentence of each event source in this document), ``sentences`` ``[{start,
        end}]``, ``cited_spans`` ``[{start, end}]`` (body spans cited by summaries, contradictions and
        event sources, the targets of ``#span-{start}-{end}`` links), ``raw_text`` (str|null: the page
        as received), ``raw_cited_spans`` ``[{start, end}]`` (citations into ``raw_text``),
        ``boilerplate`` ``[{start, end, text}]`` (raw spans the cleaner removed).
        """
        ...

    def entities(
        self, *, limit: int, offset: int, type: str | None = None, name: str | None = None
    ) -> tuple[list[Row], int]:
        """Export entities sorted by ``id``; ``name`` is a case-insensitive substring of name or alias."""
        ...

    def entity(self, entity_id: str) -> Row | None:
        """The export entity or None. Added: ``documents`` ``[{id, title, outlet, published,
        story_id}]`` it is mentioned in, and per mention ``before``/``after`` (up to CONTEXT_CHARS of
        body either side)."""
        ...

    def events(
        self,
        *,
        limit: int,
        offset: int,
        story_id: str | None = None,
        type: str | None = None,
        actor: str | None = None,
        date_from: dt.date | None = None,
        date_to: dt.date | None = None,
    ) -> tuple[list[Row], int]:
        """Export events sorted by ``date`` (undated last) then ``id``. ``actor``: an entity id or a
        canonical name (case-insensitive, exact) among the event's actors."""
        ...

    def event(self, event_id: str) -> Row | None:
        """One export event or None."""
        ...

    def contradictions(
        self, *, limit: int, offset: int, story_id: str | None = None
    ) -> tuple[list[Row], int]:
        """Export contradictions sorted by ``id``."""
        ...

    def contradiction(self, contradiction_id: str) -> Row | None:
        """One export contradiction or None."""
        ...

    def itineraries(self, *, limit: int, offset: int, actor: str | None = None) -> tuple[list[Row], int]:
        """Export itineraries sorted by ``actor``; ``actor`` matches the name (case-insensitive, exact)
        or ``actor_id``."""
        ...

    def timeline(self, story_id: str) -> list[Row] | None:
        """The story's events in time order (undated last), None for an unknown story. Each:
        ``{event_id, type, mode, actors, place, date, date_to, date_precision, confidence,
        independent_sources, sources: [{doc, title, outlet, published, start, end, quote}],
        contradiction_ids: [str]}``; ``start``/``end`` is the source sentence, ``quote`` its text."""
        ...

    def search(self, q: str, limit: int) -> list[Row]:
        """Full-text search over documents (title, body) and entities (name, aliases), best first:
        ``[{kind: "document"|"entity", id, title, score, snippet}]``; ``snippet`` is
        ``{before, match, after}`` around the first hit (documents) or null."""
        ...

    def event_types(self) -> list[str]:
        """Distinct event types in the ledger, sorted (for the filter menu)."""
        ...


def _page(rows: list[Row], limit: int, offset: int) -> tuple[list[Row], int]:
    return [dict(r) for r in rows[offset : offset + limit]], len(rows)


def _words(q: str) -> list[str]:
    return [w for w in re.findall(r"\w+", q.lower()) if w]


class JsonLedgerReader:
    """A ``LedgerReader`` over one export-shaped dict, indexed once at construction (read-only)."""

    def __init__(self, ledger: Mapping[str, Any]) -> None:
        self._docs: dict[str, Row] = {}
        self._ann: dict[str, Row] = {}
        for d in ledger.get("documents", []):
            self._docs[d["id"]] = {k: v for k, v in d.items() if k not in ANNOTATION_KEYS}
            self._ann[d["id"]] = {k: d[k] for k in ANNOTATION_KEYS if k in d}
        self._entities: dict[str, Row] = {e["id"]: e for e in ledger.get("entities", [])}
        self._events: dict[str, Row] = {e["id"]: e for e in ledger.get("events", [])}
        self._stories: dict[str, Row] = {s["id"]: s for s in ledger.get("stories", [])}
        self._contra: dict[str, Row] = {c["id"]: c for c in ledger.get("contradictions", [])}
        self._itins: list[Row] = sorted(ledger.get("itineraries", []), key=lambda r: str(r.get("actor")))
        self._index()

    @classmethod
    def from_path(cls, path: str | Path) -> JsonLedgerReader:
        """Load an export written by ``newsledger export --format json --what all``."""
        with open(path, encoding="utf-8") as fh:
            return cls(json.load(fh))

    # ------------------------------------------------------------------------------------- indexing
    def _index(self) -> None:
        self._doc_mentions: dict[str, list[Row]] = defaultdict(list)
        self._doc_entities: dict[str, set[str]] = defaultdict(set)
        for e in self._entities.values():
            for m in e.get("mentions", []):
                self._doc_entities[m["doc"]].add(e["id"])
                self._doc_mentions[m["doc"]].append(
                    {
                        "start": m["start"],
                        "end": m["end"],
                        "text": m["text"],
                        "label": e.get("type"),
                        "entity_id": e["id"],
                        "entity_name": e.get("name"),
                    }
                )
        self._doc_events: dict[str, list[Row]] = defaultdict(list)
        self._cited: dict[str, set[tuple[int, int]]] = defaultdict(set)
        self._raw_cited: dict[str, set[tuple[int, int]]] = defaultdict(set)
        for ev in self._events.values():
            for s in ev.get("sources", []):
                sent = s["sentence"]
                self._doc_events[s["doc"]].append(
                    {
                        "event_id": ev["id"],
                        "type": ev.get("type"),
                        "mode": ev.get("mode"),
                        "date": ev.get("date"),
                        "start": sent["start"],
                        "end": sent["end"],
                    }
                )
                self._cited[s["doc"]].add((sent["start"], sent["end"]))
        for st in self._stories.values():
            for sent in st.get("summary", []):
                for c in sent.get("citations", []):
                    self._cite(c)
        for con in self._contra.values():
            for v in con.get("values", []):
                for c in v.get("sources", []):
                    self._cite(c)
        self._story_outlets: dict[str, list[str]] = {}
        self._story_entities: dict[str, set[str]] = {}
        self._story_names: dict[str, set[str]] = {}
        self._story_types: dict[str, set[str]] = {}
        for st in self._stories.values():
            docs = [self._docs[d] for d in st.get("doc_ids", []) if d in self._docs]
            self._story_outlets[st["id"]] = sorted({d["outlet"] for d in docs if d.get("outlet")})
            ents: set[str] = set()
            for d in docs:
                ents |= self._doc_entities.get(d["id"], set())
            self._story_entities[st["id"]] = ents
            names: set[str] = set()
            types: set[str] = set()
            for eid in st.get("event_ids", []):
                event = self._events.get(eid)
                if event is None:
                    continue
                types.add(event.get("type", ""))
                names |= {a.lower() for a in event.get("actors", [])}
                if event.get("place"):
                    names.add(event["place"].lower())
            self._story_names[st["id"]] = names
            self._story_types[st["id"]] = types
        self._search_text = {
            d["id"]: (str(d.get("title") or "") + "\n" + str(d.get("body") or "")).lower()
            for d in self._docs.values()
        }
        # The stories list is fixed: sort once.
        self._stories_sorted = sorted(
            self._stories.values(), key=lambda s: (s.get("last_published") or "", s["id"]), reverse=True
        )
        self._stories_sorted.sort(key=lambda s: s.get("last_published") is None)
        self._events_sorted = sorted(
            self._events.values(), key=lambda e: (e.get("date") is None, e.get("date") or "", e["id"])
        )

    def _cite(self, c: Mapping[str, Any]) -> None:
        target = self._raw_cited if c.get("text") == "raw" else self._cited
        target[c["doc"]].add((int(c["start"]), int(c["end"])))

    def _story_row(self, s: Row) -> Row:
        row = dict(s)
        row["size"] = len(s.get("doc_ids", []))
        row["outlets"] = list(self._story_outlets.get(s["id"], []))
        row["n_events"] = len(s.get("event_ids", []))
        return row

    def _entity_ids(self, needle: str) -> set[str]:
        if needle in self._entities:
            return {needle}
        n = needle.lower()
        return {
            e["id"]
            for e in self._entities.values()
            if n in str(e.get("name", "")).lower() or any(n in a.lower() for a in e.get("aliases", []))
        }

    # ---------------------------------------------------------------------------------- the protocol
    def stories(
        self,
        *,
        limit: int,
        offset: int,
        date_from: dt.date | None = None,
        date_to: dt.date | None = None,
        entity: str | None = None,
        event_type: str | None = None,
    ) -> tuple[list[Row], int]:
        rows: Iterable[Row] = self._stories_sorted
        if date_from is not None:
            lo = date_from.isoformat()
            rows = [s for s in rows if (s.get("last_published") or s.get("first_published") or "") >= lo]
        if date_to is not None:
            hi = date_to.isoformat()
            rows = [s for s in rows if (s.get("first_published") or "9999") <= hi]
        if entity:
            ids = self._entity_ids(entity)
            names = {str(self._entities[i].get("name", "")).lower() for i in ids}
            rows = [
                s for s in rows if self._story_entities[s["id"]] & ids or self._story_names[s["id"]] & names
            ]
        if event_type:
            rows = [s for s in rows if event_type in self._story_types[s["id"]]]
        rows = list(rows)
        return [self._story_row(s) for s in rows[offset : offset + limit]], len(rows)

    def story(self, story_id: str) -> Row | None:
        s = self._stories.get(story_id)
        return self._story_row(s) if s is not None else None

    def documents(
        self,
        *,
        limit: int,
        offset: int,
        story_id: str | None = None,
        outlet: str | None = None,
        status: str | None = None,
        date_from: dt.date | None = None,
        date_to: dt.date | None = None,
    ) -> tuple[list[Row], int]:
        if story_id is not None:
            st = self._stories.get(story_id)
            ids = sorted(st.get("doc_ids", [])) if st else []
            rows = [self._docs[i] for i in ids if i in self._docs]
        else:
            rows = [self._docs[i] for i in sorted(self._docs)]
        if outlet is not None:
            rows = [d for d in rows if d.get("outlet") == outlet]
        if status is not None:
            rows = [d for d in rows if d.get("status") == status]
        if date_from is not None:
            rows = [d for d in rows if d.get("published") and d["published"] >= date_from.isoformat()]
        if date_to is not None:
            rows = [d for d in rows if d.get("published") and d["published"] <= date_to.isoformat()]
        return _page(rows, limit, offset)

    def document(self, doc_id: str) -> Row | None:
        d = self._docs.get(doc_id)
        if d is None:
            return None
        ann = self._ann.get(doc_id, {})
        row = dict(d)
        mentions = ann.get("mentions")
        if mentions is None:
            mentions = self._doc_mentions.get(doc_id, [])
        row["mentions"] = sorted((dict(m) for m in mentions), key=lambda m: (m["start"], -m["end"]))
        row["timexes"] = [dict(t) for t in ann.get("timexes", [])]
        row["event_spans"] = sorted(
            (dict(e) for e in self._doc_events.get(doc_id, [])), key=lambda e: (e["start"], e["event_id"])
        )
        row["sentences"] = [dict(s) for s in ann.get("sentences", [])]
        row["cited_spans"] = [{"start": s, "end": e} for s, e in sorted(self._cited.get(doc_id, ()))]
        row["raw_text"] = ann.get("raw_text")
        row["raw_cited_spans"] = [{"start": s, "end": e} for s, e in sorted(self._raw_cited.get(doc_id, ()))]
        row["boilerplate"] = [dict(b) for b in ann.get("boilerplate", [])]
        return row

    def entities(
        self, *, limit: int, offset: int, type: str | None = None, name: str | None = None
    ) -> tuple[list[Row], int]:
        rows = [self._entities[i] for i in sorted(self._entities)]
        if type is not None:
            rows = [e for e in rows if e.get("type") == type]
        if name:
            ids = self._entity_ids(name)
            rows = [e for e in rows if e["id"] in ids]
        return _page(rows, limit, offset)

    def entity(self, entity_id: str) -> Row | None:
        e = self._entities.get(entity_id)
        if e is None:
            return None
        row = dict(e)
        mentions = []
        doc_ids: list[str] = []
        for m in e.get("mentions", []):
            body = str(self._docs.get(m["doc"], {}).get("body") or "")
            mentions.append(
                dict(
                    m,
                    before=body[max(0, m["start"] - CONTEXT_CHARS) : m["start"]],
                    after=body[m["end"] : m["end"] + CONTEXT_CHARS],
                )
            )
            if m["doc"] not in doc_ids:
                doc_ids.append(m["doc"])
        row["mentions"] = mentions
        row["documents"] = [
            {k: self._docs[i].get(k) for k in ("id", "title", "outlet", "published", "story_id")}
            for i in sorted(doc_ids)
            if i in self._docs
        ]
        return row

    def events(
        self,
        *,
        limit: int,
        offset: int,
        story_id: str | None = None,
        type: str | None = None,
        actor: str | None = None,
        date_from: dt.date | None = None,
        date_to: dt.date | None = None,
    ) -> tuple[list[Row], int]:
        rows: list[Row] = self._events_sorted
        if story_id is not None:
            st = self._stories.get(story_id)
            wanted = set(st.get("event_ids", [])) if st else set()
            rows = [e for e in rows if e["id"] in wanted]
        if type is not None:
            rows = [e for e in rows if e.get("type") == type]
        if actor:
            ent = self._entities.get(actor)
            name = str(ent.get("name")) if ent else actor
            rows = [e for e in rows if name.lower() in {a.lower() for a in e.get("actors", [])}]
        if date_from is not None:
            rows = [
                e for e in rows if e.get("date") and (e.get("date_to") or e["date"]) >= date_from.isoformat()
            ]
        if date_to is not None:
            rows = [e for e in rows if e.get("date") and e["date"] <= date_to.isoformat()]
        return _page(rows, limit, offset)

    def event(self, event_id: str) -> Row | None:
        e = self._events.get(event_id)
        return dict(e) if e is not None else None

    def contradictions(
        self, *, limit: int, offset: int, story_id: str | None = None
    ) -> tuple[list[Row], int]:
        rows = [self._contra[i] for i in sorted(self._contra)]
        if story_id is not None:
            rows = [c for c in rows if c.get("story_id") == story_id]
        return _page(rows, limit, offset)

    def contradiction(self, contradiction_id: str) -> Row | None:
        c = self._contra.get(contradiction_id)
        return dict(c) if c is not None else None

    def itineraries(self, *, limit: int, offset: int, actor: str | None = None) -> tuple[list[Row], int]:
        rows = self._itins
        if actor:
            a = actor.lower()
            rows = [r for r in rows if str(r.get("actor", "")).lower() == a or r.get("actor_id") == actor]
        return _page(rows, limit, offset)

    def timeline(self, story_id: str) -> list[Row] | None:
        st = self._stories.get(story_id)
        if st is None:
            return None
        contra = [c for c in self._contra.values() if c.get("story_id") == story_id]
        out = []
        for eid in st.get("event_ids", []):
            ev = self._events.get(eid)
            if ev is None:
                continue
            sources = []
            spans: set[tuple[str, int, int]] = set()
            for s in ev.get("sources", []):
                doc = self._docs.get(s["doc"], {})
                sent = s["sentence"]
                spans.add((s["doc"], sent["start"], sent["end"]))
                sources.append(
                    {
                        "doc": s["doc"],
                        "title": doc.get("title"),
                        "outlet": doc.get("outlet"),
                        "published": doc.get("published"),
                        "start": sent["start"],
                        "end": sent["end"],
                        "quote": str(doc.get("body") or "")[sent["start"] : sent["end"]],
                    }
                )
            out.append(
                {
                    "event_id": eid,
                    "type": ev.get("type"),
                    "mode": ev.get("mode"),
                    "actors": list(ev.get("actors", [])),
                    "place": ev.get("place"),
                    "date": ev.get("date"),
                    "date_to": ev.get("date_to"),
                    "date_precision": ev.get("date_precision"),
                    "confidence": ev.get("confidence"),
                    "independent_sources": ev.get("independent_sources"),
                    "sources": sources,
                    "contradiction_ids": sorted(c["id"] for c in contra if _touches(c, eid, spans)),
                }
            )
        out.sort(key=lambda r: (r["date"] is None, r["date"] or "", r["event_id"]))
        return out

    def search(self, q: str, limit: int) -> list[Row]:
        words = _words(q)
        if not words:
            return []
        hits: list[Row] = []
        for doc_id, text in self._search_text.items():
            counts = [text.count(w) for w in words]
            if not all(counts):
                continue
            d = self._docs[doc_id]
            title = str(d.get("title") or "").lower()
            score = sum(counts) + 5 * sum(title.count(w) for w in words)
            body = str(d.get("body") or "")
            i = body.lower().find(words[0])
            snippet = None
            if i >= 0:
                j = i + len(words[0])
                snippet = {
                    "before": body[max(0, i - SNIPPET_CHARS) : i],
                    "match": body[i:j],
                    "after": body[j : j + SNIPPET_CHARS],
                }
            hits.append(
                {
                    "kind": "document",
                    "id": doc_id,
                    "title": d.get("title"),
                    "score": score,
                    "snippet": snippet,
                }
            )
        for e in self._entities.values():
            names = [str(e.get("name", "")), *e.get("aliases", [])]
            low = " ".join(names).lower()
            if all(w in low for w in words):
                score = 10 + len(e.get("mentions", []))
                hits.append(
                    {"kind": "entity", "id": e["id"], "title": e.get("name"), "score": score, "snippet": None}
                )
        hits.sort(key=lambda h: (-h["score"], h["kind"], h["id"]))
        return hits[:limit]

    def event_types(self) -> list[str]:
        return sorted({str(e.get("type")) for e in self._events.values() if e.get("type")})


def _touches(contradiction: Mapping[str, Any], event_id: str, spans: set[tuple[str, int, int]]) -> bool:
    """Whether a contradiction concerns an event: its subject names the event, or one of its cited
    sources overlaps one of the event's source sentences."""
    if event_id in str(contradiction.get("subject", "")):
        return True
    for v in contradiction.get("values", []):
        for c in v.get("sources", []):
            if c.get("text", "body") != "body":
                continue
            for doc, s, e in spans:
                if c["doc"] == doc and c["start"] < e and s < c["end"]:
                    return True
    return False
