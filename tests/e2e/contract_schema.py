"""CONTRACT.md's export object as checks: every key, every field, every type (extra fields allowed)."""

from __future__ import annotations

import re
from typing import Any

DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
KEYS = ("documents", "entities", "events", "stories", "contradictions", "itineraries")


def _date_or_none(v: Any) -> bool:
    return v is None or (isinstance(v, str) and bool(DATE.match(v)))


def _span_pair(v: Any) -> bool:
    return isinstance(v, list) and len(v) == 2 and all(isinstance(x, int) for x in v) and v[0] <= v[1]


def _str_or_none(v: Any) -> bool:
    return v is None or isinstance(v, str)


def check_export(obj: Any) -> list[str]:
    """All contract violations in ``obj`` (empty list when it conforms)."""
    errs: list[str] = []

    def need(cond: bool, where: str) -> None:
        if not cond:
            errs.append(where)

    need(isinstance(obj, dict) and all(k in obj for k in KEYS), "top-level keys")
    if errs:
        return errs
    for d in obj["documents"]:
        w = f"documents[{d.get('id')}]"
        for f in (
            "id",
            "url",
            "title",
            "outlet",
            "agency",
            "published",
            "published_evidence",
            "language",
            "status",
            "reason",
            "body",
            "story_id",
            "derived_from",
            "content_hash",
        ):
            need(f in d, f"{w}.{f} missing")
        need(isinstance(d["id"], str), f"{w}.id")
        for f in ("url", "title", "outlet", "agency", "language", "reason", "story_id", "derived_from"):
            need(_str_or_none(d.get(f)), f"{w}.{f} type")
        need(_date_or_none(d.get("published")), f"{w}.published")
        ev = d.get("published_evidence")
        need(
            ev is None
            or (
                isinstance(ev, dict)
                and isinstance(ev.get("text"), str)
                and isinstance(ev.get("start"), int)
                and isinstance(ev.get("end"), int)
            ),
            f"{w}.published_evidence",
        )
        need(d.get("status") in ("processed", "rejected"), f"{w}.status={d.get('status')}")
        need(isinstance(d.get("body"), str), f"{w}.body")
        need(d.get("status") != "rejected" or isinstance(d.get("reason"), str), f"{w}.reason for rejected")
    for e in obj["entities"]:
        w = f"entities[{e.get('id')}]"
        need(isinstance(e.get("id"), str) and isinstance(e.get("name"), str), f"{w}.id/name")
        need(isinstance(e.get("type"), str), f"{w}.type")
        need(
            isinstance(e.get("aliases"), list) and all(isinstance(a, str) for a in e["aliases"]),
            f"{w}.aliases",
        )
        for m in e.get("mentions", []):
            need(set(m) >= {"doc", "start", "end", "text"}, f"{w}.mentions fields")
    for e in obj["events"]:
        w = f"events[{e.get('id')}]"
        for f in (
            "id",
            "type",
            "mode",
            "actors",
            "place",
            "date",
            "date_precision",
            "sources",
            "independent_sources",
            "confidence",
        ):
            need(f in e, f"{w}.{f} missing")
        need(isinstance(e.get("actors"), list), f"{w}.actors")
        need(_date_or_none(e.get("date")), f"{w}.date")
        need(e.get("date_precision") in (None, "day", "month", "year"), f"{w}.date_precision")
        need(isinstance(e.get("independent_sources"), int), f"{w}.independent_sources")
        need(isinstance(e.get("confidence"), (int, float)) and 0 <= e["confidence"] <= 1, f"{w}.confidence")
        for s in e.get("sources", []):
            need(isinstance(s.get("doc"), str), f"{w}.sources.doc")
            need(
                isinstance(s.get("sentence"), dict) and set(s["sentence"]) >= {"start", "end"},
                f"{w}.sources.sentence",
            )
            slots = s.get("slots", {})
            need(
                isinstance(slots.get("actors"), list) and all(_span_pair(a) for a in slots["actors"]),
                f"{w}.slots.actors",
            )
            need(slots.get("place") is None or _span_pair(slots["place"]), f"{w}.slots.place")
            need(slots.get("date") is None or _span_pair(slots["date"]), f"{w}.slots.date")
    for s in obj["stories"]:
        w = f"stories[{s.get('id')}]"
        for f in ("id", "title", "doc_ids", "first_published", "last_published", "event_ids", "summary"):
            need(f in s, f"{w}.{f} missing")
        need(_date_or_none(s.get("first_published")) and _date_or_none(s.get("last_published")), f"{w}.dates")
        for x in s.get("summary", []):
            need(isinstance(x.get("text"), str) and isinstance(x.get("citations"), list), f"{w}.summary")
            for c in x.get("citations", []):
                need(set(c) >= {"doc", "start", "end"}, f"{w}.summary.citations")
    for c in obj["contradictions"]:
        w = f"contradictions[{c.get('id')}]"
        for f in ("id", "story_id", "subject", "values"):
            need(f in c, f"{w}.{f} missing")
        for v in c.get("values", []):
            need("value" in v and isinstance(v.get("sources"), list), f"{w}.values")
            for src in v.get("sources", []):
                need(set(src) >= {"doc", "start", "end"}, f"{w}.values.sources")
    for it in obj["itineraries"]:
        w = f"itineraries[{it.get('actor')}]"
        need(isinstance(it.get("actor"), str) and isinstance(it.get("stops"), list), f"{w}")
        for st in it.get("stops", []):
            need(set(st) >= {"place", "date_from", "date_to", "event_ids"}, f"{w}.stops fields")
            need(_date_or_none(st.get("date_from")) and _date_or_none(st.get("date_to")), f"{w}.stops dates")
    return errs
