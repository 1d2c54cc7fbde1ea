"""The FastAPI app: server-rendered pages and the JSON API over a ``LedgerReader`` (read-only).

Security: every piece of ledger text is untrusted. Templates autoescape; highlighted bodies are built by
``highlight.mark_up`` which escapes text and attribute values. Ids are checked against patterns before
any lookup, no filesystem path is built from request input (static files come from the package
directory through Starlette's ``StaticFiles``), only GET/HEAD routes exist, query strings and paths are
bounded, every response carries a strict Content-Security-Policy and ``nosniff``, and every error is
one JSON shape (``schemas.ErrorOut``).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
import time
from collections import Counter
from collections.abc import Awaitable, Callable, MutableMapping
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote, urlencode

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi import Path as PathParam
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import ChainableUndefined, Environment, PackageLoader, select_autoescape
from starlette.exceptions import HTTPException as StarletteHTTPException

from newsledger.web import schemas
from newsledger.web.highlight import Mark, mark_up
from newsledger.web.reader import LedgerReader, Row
from newsledger.web.timeline import layout

log = logging.getLogger(__name__)

STATIC_DIR = Path(__file__).resolve().parent / "static"

# Ids the input gives (documents: file names, JSONL ids, WARC record ids) and ids the pipeline mints.
# No slash, no backslash, no control or markup characters: an id never becomes a path or markup.
DOC_ID_PATTERN = r"^\w[\w.:@+~=,\-]*$"  # \w is Unicode (any script); DocId bounds the length
MINTED_ID_PATTERN = r"^[A-Za-z0-9_][A-Za-z0-9_.:\-]{0,127}$"
EVENT_TYPE_PATTERN = r"^[A-Z_]{1,40}$"
MAX_LIMIT = 200  # items per API page: bounds response size and server time
DEFAULT_LIMIT = 20
MAX_OFFSET = 1_000_000
MAX_TEXT_PARAM = 200  # characters for free-text parameters (search, entity, actor, outlet)
MAX_QUERY_BYTES = 2048  # whole query string; longer requests get 414 before routing
MAX_PATH_BYTES = 1024
HOME_PAGE_SIZE = 25
SEARCH_LIMIT = 30
STORY_DOCS_CAP = 2000  # documents drawn on one story page
MAIN_ACTORS = 3  # itineraries shown on a story page
ENTITY_MENTIONS_SHOWN = 200

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
    "base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
]
ERROR_CODES = {
    400: "bad_request",
    404: "not_found",
    405: "method_not_allowed",
    414: "uri_too_long",
    422: "invalid_parameter",
    500: "internal_error",
}

DocId = Annotated[str, PathParam(pattern=DOC_ID_PATTERN, max_length=256)]
MintedId = Annotated[str, PathParam(pattern=MINTED_ID_PATTERN, max_length=128)]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT)]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET)]
DateQ = Annotated[dt.date | None, Query()]
TextQ = Annotated[str | None, Query(max_length=MAX_TEXT_PARAM)]
MintedQ = Annotated[str | None, Query(pattern=MINTED_ID_PATTERN, max_length=128)]
TypeQ = Annotated[str | None, Query(pattern=EVENT_TYPE_PATTERN)]

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


def error_body(status: int, message: str, details: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """The one error shape: ``{"error": {status, code, message, details}}``."""
    return {
        "error": {
            "status": status,
            "code": ERROR_CODES.get(status, "error"),
            "message": message,
            "details": details or [],
        }
    }


def _json(obj: Any, status: int = 200) -> Response:
    return Response(
        json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode("utf-8"),
        status_code=status,
        media_type="application/json",
    )


class Guard:
    """Pure ASGI middleware: bounds path and query length, adds the security headers and a Server-Timing
    header to every response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if len(scope.get("query_string", b"")) > MAX_QUERY_BYTES or len(scope.get("raw_path") or b"") > (
            MAX_PATH_BYTES
        ):
            body = json.dumps(error_body(414, "request path or query string is too long")).encode()
            await send(
                {
                    "type": "http.response.start",
                    "status": 414,
                    "headers": [
                        (b"content-type", b"application/json"),
                        (b"content-length", str(len(body)).encode()),
                        *SECURITY_HEADERS,
                    ],
                }
            )
            await send({"type": "http.response.body", "body": body})
            return

        t0 = time.perf_counter()

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                # Server-Timing: time from request to response start, which for these fully rendered
                # responses is the whole server-side work (the benchmark reads it).
                took = f"app;dur={(time.perf_counter() - t0) * 1000:.2f}".encode()
                message["headers"] = [
                    *message.get("headers", []),
                    *SECURITY_HEADERS,
                    (b"server-timing", took),
                ]
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _bad(name: str, msg: str) -> RequestValidationError:
    return RequestValidationError([{"loc": ("query", name), "msg": msg, "type": "value_error"}])


def _form_date(name: str, value: str | None) -> dt.date | None:
    """A date from an HTML form field: empty means unset, anything else must be ISO ``YYYY-MM-DD``."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise _bad(name, "expected a date YYYY-MM-DD") from None


def _label_class(label: Any) -> str:
    return re.sub(r"[^A-Za-z0-9_]", "", str(label or "X"))[:20]


def _doc_href(doc: str, start: int | None = None, end: int | None = None, raw: bool = False) -> str:
    href = "/documents/" + quote(doc, safe="")
    if start is not None and end is not None:
        href += f"#{'raw' if raw else 'span'}-{int(start)}-{int(end)}"
    return href


def _templates() -> Environment:
    env = Environment(
        loader=PackageLoader("newsledger.web", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        # A missing optional field renders empty: readers may omit the non-contract extras.
        undefined=ChainableUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["q"] = lambda s: quote(str(s), safe="")
    env.globals["doc_href"] = _doc_href
    return env


def _body_marks(doc: Row) -> list[Mark]:
    marks: list[Mark] = []
    for c in doc.get("cited_spans", []):
        s, e = int(c["start"]), int(c["end"])
        marks.append(Mark(s, e, "mark", {"id": f"span-{s}-{e}", "class": "cite"}, order=0))
    for ev in doc.get("event_spans", []):
        title = f"event {ev.get('type')} ({ev.get('mode')}), {ev.get('date') or 'undated'}"
        marks.append(
            Mark(
                ev["start"],
                ev["end"],
                "span",
                {"class": "ev", "title": title, "data-event": ev["event_id"]},
                1,
            )
        )
    for m in doc.get("mentions", []):
        s, e = int(m["start"]), int(m["end"])
        label = _label_class(m.get("label"))
        name = m.get("entity_name") or m.get("text")
        link = "/entities/" + quote(str(m["entity_id"]), safe="") if m.get("entity_id") else None
        attrs = {"id": f"m-{s}-{e}", "class": f"ent ent-{label}", "title": f"{label}: {name}"}
        marks.append(Mark(s, e, "span", attrs, order=2, link=link))
    for t in doc.get("timexes", []):
        title = f"{t.get('type')}: {t.get('value')}"
        marks.append(Mark(int(t["start"]), int(t["end"]), "span", {"class": "tx", "title": title}, order=3))
    return marks


def _raw_marks(doc: Row) -> list[Mark]:
    marks: list[Mark] = []
    ev = doc.get("published_evidence")
    if ev:
        marks.append(
            Mark(
                int(ev["start"]), int(ev["end"]), "mark", {"id": "published-evidence", "class": "pubdate"}, 0
            )
        )
    for c in doc.get("raw_cited_spans", []):
        s, e = int(c["start"]), int(c["end"])
        marks.append(Mark(s, e, "mark", {"id": f"raw-{s}-{e}", "class": "cite"}, order=1))
    for b in doc.get("boilerplate", []):
        marks.append(Mark(int(b["start"]), int(b["end"]), "span", {"class": "bp"}, order=2))
    return marks


def _lineage(docs: list[Row]) -> list[dict[str, Any]]:
    """Documents as a forest ``[{doc, children}]``: each origin with the copies/rewrites derived from it.

    A document whose ``derived_from`` is outside the list, or whose chain of origins loops, is a root.
    """
    ids = {d["id"] for d in docs}
    parent: dict[str, str | None] = {}
    for d in docs:
        p = d.get("derived_from")
        parent[d["id"]] = p if p in ids and p != d["id"] else None
    for d in docs:  # break derivation cycles so the tree (and its rendering) ends
        seen = {d["id"]}
        p = parent[d["id"]]
        while p is not None:
            if p in seen:
                parent[d["id"]] = None
                break
            seen.add(p)
            p = parent[p]
    nodes: dict[str, dict[str, Any]] = {d["id"]: {"doc": d, "children": []} for d in docs}
    roots: list[dict[str, Any]] = []
    for d in sorted(docs, key=lambda d: (d.get("published") or "9999", d["id"])):
        p = parent[d["id"]]
        (nodes[p]["children"] if p is not None else roots).append(nodes[d["id"]])
    return roots


_SUBJECT = re.compile(r"^event:([^:]+):(\w+)$")


def _subject_event(subject: str) -> str | None:
    m = _SUBJECT.match(subject)
    return m.group(1) if m else None


def _subject_label(subject: str, timeline: list[Row]) -> str:
    """``event:<id>:<field>`` subjects read as "date of CONSULT (meeting): A, B in Hanoi"."""
    m = _SUBJECT.match(subject)
    if not m:
        return subject
    ev = next((e for e in timeline if e.get("event_id") == m.group(1)), None)
    if ev is None:
        return subject
    what = f"{ev.get('type')} ({ev.get('mode')}): {', '.join(ev.get('actors', []))}"
    if ev.get("place"):
        what += f" in {ev['place']}"
    return f"{m.group(2)} of {what}"


def create_app(reader: LedgerReader) -> FastAPI:
    """The web UI (``/``, ``/stories/{id}``, ``/documents/{id}``, ``/entities/{id}``) and the JSON API
    (``/api/...``, schema at ``/openapi.json``) over ``reader``. Nothing is written anywhere."""
    app = FastAPI(
        title="newsledger",
        version="1",
        description="Read-only JSON API over the newsledger ledger (mirrors `newsledger export`).",
        docs_url=None,  # Swagger UI would load assets from a CDN; the schema is at /openapi.json
        redoc_url=None,
        openapi_url="/openapi.json",
    )
    env = _templates()
    app.add_middleware(Guard)
    app.mount("/static", StaticFiles(directory=STATIC_DIR, follow_symlink=False), name="static")
    err_responses: dict[int | str, dict[str, Any]] = {
        404: {"model": schemas.ErrorOut},
        422: {"model": schemas.ErrorOut},
    }

    def render(name: str, **ctx: Any) -> HTMLResponse:
        return HTMLResponse(env.get_template(name).render(**ctx))

    def not_found(kind: str, ident: str) -> HTTPException:
        return HTTPException(404, f"no {kind} with id {ident!r}")

    # --------------------------------------------------------------------------------- errors
    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        return _json(error_body(exc.status_code, str(exc.detail)), exc.status_code)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        details = [
            {
                "loc": [str(x) for x in e.get("loc", ())],
                "msg": str(e.get("msg", "")),
                "type": str(e.get("type")),
            }
            for e in exc.errors()
        ]
        return _json(error_body(422, "invalid request parameters", details), 422)

    @app.exception_handler(Exception)
    async def internal_error(request: Request, exc: Exception) -> Response:
        log.exception("internal error on %s", request.url.path)
        return _json(error_body(500, "internal error"), 500)

    # ---------------------------------------------------------------------------------- pages
    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def home(
        q: Annotated[str, Query(max_length=MAX_TEXT_PARAM)] = "",
        date_from: Annotated[str, Query(max_length=10)] = "",
        date_to: Annotated[str, Query(max_length=10)] = "",
        entity: Annotated[str, Query(max_length=MAX_TEXT_PARAM)] = "",
        event_type: Annotated[str, Query(pattern=r"^[A-Z_]{0,40}$")] = "",
        offset: Offset = 0,
    ) -> HTMLResponse:
        d0, d1 = _form_date("date_from", date_from), _form_date("date_to", date_to)
        stories, total = reader.stories(
            limit=HOME_PAGE_SIZE,
            offset=offset,
            date_from=d0,
            date_to=d1,
            entity=entity.strip() or None,
            event_type=event_type or None,
        )
        filters = {
            "q": q,
            "date_from": date_from,
            "date_to": date_to,
            "entity": entity,
            "event_type": event_type,
        }
        kept = {k: v for k, v in filters.items() if v}

        def page_href(off: int) -> str:
            return "/?" + urlencode({**kept, "offset": off})

        return render(
            "home.html",
            title="Stories",
            stories=stories,
            total=total,
            offset=offset,
            page_size=HOME_PAGE_SIZE,
            prev_href=page_href(max(0, offset - HOME_PAGE_SIZE)) if offset > 0 else None,
            next_href=page_href(offset + HOME_PAGE_SIZE) if offset + HOME_PAGE_SIZE < total else None,
            results=reader.search(q, SEARCH_LIMIT) if q.strip() else None,
            filters=filters,
            event_types=reader.event_types(),
        )

    @app.get("/stories/{story_id}", response_class=HTMLResponse, include_in_schema=False)
    def story_page(story_id: MintedId) -> HTMLResponse:
        story = reader.story(story_id)
        if story is None:
            raise not_found("story", story_id)
        docs, _ = reader.documents(limit=STORY_DOCS_CAP, offset=0, story_id=story_id)
        docs_by_id = {d["id"]: d for d in docs}
        events = reader.timeline(story_id) or []
        contras, _ = reader.contradictions(limit=MAX_LIMIT, offset=0, story_id=story_id)
        story_events = {e["event_id"] for e in events}
        actor_count: Counter[str] = Counter(a for e in events for a in e.get("actors", []))
        itineraries = []
        for actor, _n in actor_count.most_common(MAIN_ACTORS):
            its, _ = reader.itineraries(limit=1, offset=0, actor=actor)
            for it in its:
                stops = [s for s in it.get("stops", []) if set(s.get("event_ids", [])) & story_events]
                if stops:
                    itineraries.append({"actor": it["actor"], "actor_id": it.get("actor_id"), "stops": stops})
        summary = []
        n = 0
        for sent in story.get("summary", []):
            cites = []
            for c in sent.get("citations", []):
                n += 1
                doc = docs_by_id.get(c["doc"], {})
                quote_text = c.get("quote") or str(doc.get("body") or "")[c["start"] : c["end"]]
                raw = c.get("text") == "raw"
                cites.append(
                    {
                        "n": n,
                        "href": _doc_href(c["doc"], c["start"], c["end"], raw=raw),
                        "title": f"{doc.get('outlet') or c['doc']}: {quote_text}",
                    }
                )
            summary.append({"text": sent.get("text", ""), "citations": cites})
        contradictions = []
        for con in contras:
            values = []
            for v in con.get("values", []):
                srcs = []
                for c in v.get("sources", []):
                    doc = docs_by_id.get(c["doc"], {})
                    srcs.append(
                        {
                            "href": _doc_href(c["doc"], c["start"], c["end"], raw=c.get("text") == "raw"),
                            "outlet": doc.get("outlet") or c["doc"],
                            "published": doc.get("published"),
                            "quote": c.get("quote") or str(doc.get("body") or "")[c["start"] : c["end"]],
                        }
                    )
                values.append({"value": v.get("value"), "sources": srcs})
            subject = str(con.get("subject") or "")
            contradictions.append(
                {
                    "id": con["id"],
                    "subject": _subject_label(subject, events),
                    "event_id": _subject_event(subject),
                    "sides": values,
                }
            )
        return render(
            "story.html",
            title=story.get("title") or story_id,
            story=story,
            docs=docs,
            lineage=_lineage(docs),
            events=events,
            chart=layout(events),
            itineraries=itineraries,
            summary=summary,
            contradictions=contradictions,
        )

    @app.get("/documents/{doc_id}", response_class=HTMLResponse, include_in_schema=False)
    def document_page(doc_id: DocId) -> HTMLResponse:
        doc = reader.document(doc_id)
        if doc is None:
            raise not_found("document", doc_id)
        body = str(doc.get("body") or "")
        raw = doc.get("raw_text")
        events: dict[str, Row] = {}
        for ev in doc.get("event_spans", []):
            events.setdefault(ev["event_id"], ev)
        entities: dict[str, Row] = {}
        for m in doc.get("mentions", []):
            if m.get("entity_id"):
                entities.setdefault(m["entity_id"], m)
        return render(
            "document.html",
            title=doc.get("title") or doc_id,
            doc=doc,
            body_html=mark_up(body, _body_marks(doc)),
            raw_html=mark_up(str(raw), _raw_marks(doc)) if raw else None,
            events=list(events.values()),
            entities=sorted(entities.values(), key=lambda m: str(m.get("entity_name"))),
        )

    @app.get("/entities/{entity_id}", response_class=HTMLResponse, include_in_schema=False)
    def entity_page(entity_id: MintedId) -> HTMLResponse:
        ent = reader.entity(entity_id)
        if ent is None:
            raise not_found("entity", entity_id)
        events, n_events = reader.events(limit=MAX_LIMIT, offset=0, actor=entity_id)
        its, _ = reader.itineraries(limit=1, offset=0, actor=entity_id)
        roles = sorted(ent.get("roles", []), key=lambda r: (str(r.get("date") or ""), str(r.get("role"))))
        return render(
            "entity.html",
            title=ent.get("name") or entity_id,
            ent=ent,
            roles=roles,
            mentions=ent.get("mentions", [])[:ENTITY_MENTIONS_SHOWN],
            events=events,
            n_events=n_events,
            itinerary=its[0] if its else None,
        )

    # -------------------------------------------------------------------------------- the API
    def page(items: list[Row], total: int, limit: int, offset: int) -> Response:
        return _json({"items": items, "total": total, "limit": limit, "offset": offset})

    @app.get("/api", response_model=dict[str, str], summary="API index")
    def api_index() -> Response:
        return _json(
            {
                k: f"/api/{k}"
                for k in (
                    "stories",
                    "documents",
                    "entities",
                    "events",
                    "contradictions",
                    "itineraries",
                    "search",
                )
            }
            | {"openapi": "/openapi.json"}
        )

    @app.get("/api/stories", response_model=schemas.StoryPage, responses=err_responses)
    def api_stories(
        limit: Limit = DEFAULT_LIMIT,
        offset: Offset = 0,
        date_from: DateQ = None,
        date_to: DateQ = None,
        entity: TextQ = None,
        event_type: TypeQ = None,
    ) -> Response:
        """Stories, most recent first; filters: date range overlap, entity (id or name), event type."""
        items, total = reader.stories(
            limit=limit,
            offset=offset,
            date_from=date_from,
            date_to=date_to,
            entity=entity,
            event_type=event_type,
        )
        return page(items, total, limit, offset)

    @app.get("/api/stories/{story_id}", response_model=schemas.StoryOut, responses=err_responses)
    def api_story(story_id: MintedId) -> Response:
        story = reader.story(story_id)
        if story is None:
            raise not_found("story", story_id)
        return _json(story)

    @app.get(
        "/api/stories/{story_id}/timeline",
        response_model=list[schemas.TimelineEvent],
        responses=err_responses,
    )
    def api_timeline(story_id: MintedId) -> Response:
        """The story's events in time order, with their sources and contradiction ids."""
        events = reader.timeline(story_id)
        if events is None:
            raise not_found("story", story_id)
        return _json(events)

    @app.get("/api/documents", response_model=schemas.DocumentPage, responses=err_responses)
    def api_documents(
        limit: Limit = DEFAULT_LIMIT,
        offset: Offset = 0,
        story_id: MintedQ = None,
        outlet: TextQ = None,
        status: Annotated[str | None, Query(pattern=r"^(processed|rejected|pending)$")] = None,
        date_from: DateQ = None,
        date_to: DateQ = None,
    ) -> Response:
        """Documents by id; filters: story, outlet, status, publication date range."""
        items, total = reader.documents(
            limit=limit,
            offset=offset,
            story_id=story_id,
            outlet=outlet,
            status=status,
            date_from=date_from,
            date_to=date_to,
        )
        return page(items, total, limit, offset)

    def strip_annotations(doc: Row) -> Row:
        return {k: v for k, v in doc.items() if k not in _ANNOTATION_FIELDS}

    @app.get("/api/documents/{doc_id}", response_model=schemas.DocumentOut, responses=err_responses)
    def api_document(doc_id: DocId) -> Response:
        doc = reader.document(doc_id)
        if doc is None:
            raise not_found("document", doc_id)
        return _json(strip_annotations(doc))

    @app.get(
        "/api/documents/{doc_id}/annotations", response_model=schemas.AnnotationsOut, responses=err_responses
    )
    def api_annotations(doc_id: DocId) -> Response:
        """Mentions, time expressions, event sentences, cited spans, boilerplate and the raw page."""
        doc = reader.document(doc_id)
        if doc is None:
            raise not_found("document", doc_id)
        return _json({"id": doc["id"], **{k: doc.get(k) for k in _ANNOTATION_FIELDS}})

    @app.get("/api/entities", response_model=schemas.EntityPage, responses=err_responses)
    def api_entities(
        limit: Limit = DEFAULT_LIMIT,
        offset: Offset = 0,
        type: Annotated[str | None, Query(pattern=r"^[A-Z_]{1,20}$")] = None,
        name: TextQ = None,
    ) -> Response:
        """Entities by id; filters: type, name (substring of the name or an alias)."""
        items, total = reader.entities(limit=limit, offset=offset, type=type, name=name)
        return page(items, total, limit, offset)

    @app.get("/api/entities/{entity_id}", response_model=schemas.EntityOut, responses=err_responses)
    def api_entity(entity_id: MintedId) -> Response:
        ent = reader.entity(entity_id)
        if ent is None:
            raise not_found("entity", entity_id)
        # The mention contexts are for the entity page; the API keeps the export's mention shape.
        ent["mentions"] = [
            {k: m[k] for k in ("doc", "start", "end", "text") if k in m} for m in ent.get("mentions", [])
        ]
        return _json(ent)

    @app.get("/api/events", response_model=schemas.EventPage, responses=err_responses)
    def api_events(
        limit: Limit = DEFAULT_LIMIT,
        offset: Offset = 0,
        story_id: MintedQ = None,
        type: TypeQ = None,
        actor: TextQ = None,
        date_from: DateQ = None,
        date_to: DateQ = None,
    ) -> Response:
        """Events by date; filters: story, type, actor (entity id or canonical name), date range."""
        items, total = reader.events(
            limit=limit,
            offset=offset,
            story_id=story_id,
            type=type,
            actor=actor,
            date_from=date_from,
            date_to=date_to,
        )
        return page(items, total, limit, offset)

    @app.get("/api/events/{event_id}", response_model=schemas.EventOut, responses=err_responses)
    def api_event(event_id: MintedId) -> Response:
        ev = reader.event(event_id)
        if ev is None:
            raise not_found("event", event_id)
        return _json(ev)

    @app.get("/api/contradictions", response_model=schemas.ContradictionPage, responses=err_responses)
    def api_contradictions(
        limit: Limit = DEFAULT_LIMIT, offset: Offset = 0, story_id: MintedQ = None
    ) -> Response:
        items, total = reader.contradictions(limit=limit, offset=offset, story_id=story_id)
        return page(items, total, limit, offset)

    @app.get(
        "/api/contradictions/{contradiction_id}",
        response_model=schemas.ContradictionOut,
        responses=err_responses,
    )
    def api_contradiction(contradiction_id: MintedId) -> Response:
        con = reader.contradiction(contradiction_id)
        if con is None:
            raise not_found("contradiction", contradiction_id)
        return _json(con)

    @app.get("/api/itineraries", response_model=schemas.ItineraryPage, responses=err_responses)
    def api_itineraries(limit: Limit = DEFAULT_LIMIT, offset: Offset = 0, actor: TextQ = None) -> Response:
        """Itineraries by actor; filter: actor (canonical name or entity id)."""
        items, total = reader.itineraries(limit=limit, offset=offset, actor=actor)
        return page(items, total, limit, offset)

    @app.get("/api/search", response_model=schemas.SearchOut, responses=err_responses)
    def api_search(
        q: Annotated[str, Query(min_length=1, max_length=MAX_TEXT_PARAM)],
        limit: Limit = DEFAULT_LIMIT,
    ) -> Response:
        """Full-text search over documents (title, body) and entities (name, aliases)."""
        return _json({"q": q, "items": reader.search(q, limit)})

    return app


_ANNOTATION_FIELDS = (
    "mentions",
    "timexes",
    "event_spans",
    "sentences",
    "cited_spans",
    "raw_text",
    "raw_cited_spans",
    "boilerplate",
)
