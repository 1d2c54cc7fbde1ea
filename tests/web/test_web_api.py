"""JSON API: every endpoint's status codes, schema, pagination, filters and error shape."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from pydantic import BaseModel

from newsledger.web import schemas

LISTS: list[tuple[str, str, type[BaseModel]]] = [
    ("/api/stories", "stories", schemas.StoryPage),
    ("/api/documents", "documents", schemas.DocumentPage),
    ("/api/entities", "entities", schemas.EntityPage),
    ("/api/events", "events", schemas.EventPage),
    ("/api/contradictions", "contradictions", schemas.ContradictionPage),
    ("/api/itineraries", "itineraries", schemas.ItineraryPage),
]
ONE: list[tuple[str, str, type[BaseModel]]] = [
    ("/api/stories/{}", "stories", schemas.StoryOut),
    ("/api/documents/{}", "documents", schemas.DocumentOut),
    ("/api/entities/{}", "entities", schemas.EntityOut),
    ("/api/events/{}", "events", schemas.EventOut),
    ("/api/contradictions/{}", "contradictions", schemas.ContradictionOut),
]


def assert_error(resp: Any, status: int) -> dict[str, Any]:
    assert resp.status_code == status, resp.text
    assert resp.headers["content-type"].startswith("application/json")
    body = schemas.ErrorOut.model_validate(resp.json())
    assert body.error.status == status
    assert set(resp.json()) == {"error"}
    return dict(resp.json()["error"])


@pytest.mark.parametrize(("url", "key", "model"), LISTS)
def test_list_endpoints_page_through_everything(
    client: TestClient, ledger: dict[str, Any], url: str, key: str, model: type[BaseModel]
) -> None:
    seen: list[dict[str, Any]] = []
    offset = 0
    while True:
        r = client.get(url, params={"limit": 2, "offset": offset})
        assert r.status_code == 200
        page = r.json()
        model.model_validate(page)
        assert page["total"] == len(ledger[key])
        assert (page["limit"], page["offset"]) == (2, offset)
        assert len(page["items"]) <= 2
        seen += page["items"]
        if not page["items"]:
            break
        offset += 2
    ident = "actor" if key == "itineraries" else "id"
    assert sorted(x[ident] for x in seen) == sorted(x[ident] for x in ledger[key])
    assert len({x[ident] for x in seen}) == len(seen)


@pytest.mark.parametrize(("url", "key", "model"), ONE)
def test_single_endpoints_mirror_the_export(
    client: TestClient, ledger: dict[str, Any], url: str, key: str, model: type[BaseModel]
) -> None:
    for rec in ledger[key]:
        r = client.get(url.format(rec["id"]))
        assert r.status_code == 200, r.text
        model.model_validate(r.json())
        got = r.json()
        for field in model.model_fields:
            assert got[field] == rec[field], (key, field)


def test_document_api_leaves_annotations_to_their_endpoint(client: TestClient) -> None:
    doc = client.get("/api/documents/001_nordicwire_hanoi").json()
    assert "raw_text" not in doc and "mentions" not in doc
    ann = client.get("/api/documents/001_nordicwire_hanoi/annotations")
    assert ann.status_code == 200
    schemas.AnnotationsOut.model_validate(ann.json())
    body = doc["body"]
    for m in ann.json()["mentions"]:
        assert body[m["start"] : m["end"]] == m["text"]
    for t in ann.json()["timexes"]:
        assert body[t["start"] : t["end"]] == t["text"]
    assert {"start": 0, "end": 201} in ann.json()["cited_spans"]


@pytest.mark.parametrize(
    "url",
    [
        "/api/stories/st_0000000000000000",
        "/api/stories/st_0000000000000000/timeline",
        "/api/documents/no_such_doc",
        "/api/documents/no_such_doc/annotations",
        "/api/entities/ent_0000000000000000",
        "/api/events/ev_0000000000000000",
        "/api/contradictions/ctr_0000000000000000",
        "/api/nothing-here",
        "/stories/st_0000000000000000",
        "/documents/no_such_doc",
        "/entities/ent_0000000000000000",
    ],
)
def test_unknown_ids_are_404_json(client: TestClient, url: str) -> None:
    err = assert_error(client.get(url), 404)
    assert err["code"] == "not_found"


@pytest.mark.parametrize(
    ("url", "param"),
    [
        ("/api/stories?limit=0", "limit"),
        ("/api/stories?limit=201", "limit"),
        ("/api/stories?limit=abc", "limit"),
        ("/api/stories?offset=-1", "offset"),
        ("/api/stories?offset=99999999999", "offset"),
        ("/api/stories?date_from=2024-13-01", "date_from"),
        ("/api/stories?date_to=yesterday", "date_to"),
        ("/api/stories?event_type=consult;drop", "event_type"),
        ("/api/stories?entity=" + "x" * 201, "entity"),
        ("/api/documents?status=deleted", "status"),
        ("/api/documents?story_id=../../etc/passwd", "story_id"),
        ("/api/entities?type=person", "type"),
        ("/api/events?date_from=2024-02-30", "date_from"),
        ("/api/search?q=", "q"),
        ("/api/search", "q"),
        ("/api/search?q=wind&limit=1000", "limit"),
        ("/?date_from=12/03/2024", "date_from"),
        ("/?offset=-5", "offset"),
    ],
)
def test_bad_parameters_are_422_json(client: TestClient, url: str, param: str) -> None:
    err = assert_error(client.get(url), 422)
    assert err["code"] == "invalid_parameter"
    assert any(d["loc"][-1] == param for d in err["details"]), err


@pytest.mark.parametrize(
    "url",
    [
        "/api/stories/st_<script>",
        "/api/documents/a%20b%3Cc",
        "/api/entities/" + "e" * 300,
        "/documents/%00evil",
        "/stories/..%2F..%2Fetc",
    ],
)
def test_ids_are_checked_against_their_pattern(client: TestClient, url: str) -> None:
    r = client.get(url)
    assert r.status_code in (404, 422)
    assert_error(r, r.status_code)


@pytest.mark.parametrize("doc_id", ["urn:uuid:0b8e-41c2-9d1f", "статья_1", "warc.gz:record12", "a+b=c~d"])
def test_document_ids_from_any_reader_pass_the_pattern(client: TestClient, doc_id: str) -> None:
    err = assert_error(client.get("/api/documents/" + doc_id), 404)  # well formed, just unknown
    assert doc_id in err["message"]


def test_stories_are_newest_first_and_filter(client: TestClient, ledger: dict[str, Any]) -> None:
    items = client.get("/api/stories").json()["items"]
    assert [s["last_published"] for s in items] == sorted((s["last_published"] for s in items), reverse=True)
    assert items[0]["size"] == 2 and items[0]["outlets"] == ["Harbour Post", "NetWatch"]
    titles = lambda **p: [s["title"] for s in client.get("/api/stories", params=p).json()["items"]]  # noqa: E731
    assert titles(event_type="PROTEST") == ["Antwerp dock workers strike over automation"]
    assert titles(entity="lindqvist") == ["Swedish trade envoy tours Hanoi and Manila"]
    assert titles(date_to="2024-03-31") == ["Swedish trade envoy tours Hanoi and Manila"]
    assert titles(date_from="2024-03-16") == ["Antwerp dock workers strike over automation"]
    assert titles(date_from="2025-01-01") == []
    ent = next(e for e in ledger["entities"] if e["name"] == "Federation of Dock Workers")
    assert titles(entity=ent["id"]) == ["Antwerp dock workers strike over automation"]


def test_filters_on_other_lists(client: TestClient, ledger: dict[str, Any]) -> None:
    story_b = next(s for s in ledger["stories"] if "Antwerp" in s["title"])
    docs = client.get("/api/documents", params={"story_id": story_b["id"]}).json()
    assert sorted(d["id"] for d in docs["items"]) == sorted(story_b["doc_ids"])
    rejected = client.get("/api/documents", params={"status": "rejected"}).json()
    assert [d["id"] for d in rejected["items"]] == ["006_empty_page"]
    assert client.get("/api/documents", params={"outlet": "Manila Ledger"}).json()["total"] == 1
    evs = client.get("/api/events", params={"story_id": story_b["id"]}).json()["items"]
    assert sorted(e["id"] for e in evs) == sorted(story_b["event_ids"])
    assert evs[-1]["date"] is None  # undated last
    lind = client.get("/api/events", params={"actor": "Marta Lindqvist"}).json()
    assert lind["total"] == 3
    assert client.get("/api/events", params={"type": "PROTEST"}).json()["total"] == 1
    assert client.get("/api/entities", params={"type": "PERSON"}).json()["total"] == 3
    assert client.get("/api/entities", params={"name": "dock"}).json()["total"] == 1
    cons = client.get("/api/contradictions", params={"story_id": story_b["id"]}).json()
    assert [c["subject"] for c in cons["items"]] == ["number of dock workers on strike"]
    its = client.get("/api/itineraries", params={"actor": "marta lindqvist"}).json()["items"]
    assert [s["place"] for s in its[0]["stops"]] == ["Hanoi", "Manila"]


def test_timeline_lists_story_events_in_time_order(client: TestClient, ledger: dict[str, Any]) -> None:
    story_a = next(s for s in ledger["stories"] if "Hanoi" in s["title"])
    r = client.get(f"/api/stories/{story_a['id']}/timeline")
    assert r.status_code == 200
    rows = r.json()
    for row in rows:
        schemas.TimelineEvent.model_validate(row)
    assert sorted(x["event_id"] for x in rows) == sorted(story_a["event_ids"])
    assert [x["date"] for x in rows] == sorted(x["date"] for x in rows)
    flagged = [x for x in rows if x["contradiction_ids"]]
    assert len(flagged) == 1 and flagged[0]["type"] == "CONSULT" and flagged[0]["place"] == "Hanoi"
    bodies = {d["id"]: d["body"] for d in ledger["documents"]}
    for x in rows:
        for s in x["sources"]:
            assert bodies[s["doc"]][s["start"] : s["end"]] == s["quote"]


def test_search_finds_documents_and_entities(client: TestClient) -> None:
    r = client.get("/api/search", params={"q": "Lindqvist"})
    assert r.status_code == 200
    schemas.SearchOut.model_validate(r.json())
    kinds = {(h["kind"], h["title"]) for h in r.json()["items"]}
    assert ("entity", "Marta Lindqvist") in kinds
    assert {h["id"] for h in r.json()["items"] if h["kind"] == "document"} == {
        "001_nordicwire_hanoi",
        "002_coastaltimes_hanoi",
        "003_manilaledger_visit",
    }
    assert client.get("/api/search", params={"q": "offshore wind Gulf"}).json()["items"][0]["id"] == (
        "001_nordicwire_hanoi"
    )
    assert client.get("/api/search", params={"q": "zzzz"}).json()["items"] == []


def test_openapi_documents_every_api_route(client: TestClient) -> None:
    r = client.get("/openapi.json")
    assert r.status_code == 200
    paths = r.json()["paths"]
    for p in (
        "/api/stories",
        "/api/stories/{story_id}",
        "/api/stories/{story_id}/timeline",
        "/api/documents",
        "/api/documents/{doc_id}",
        "/api/documents/{doc_id}/annotations",
        "/api/entities",
        "/api/entities/{entity_id}",
        "/api/events",
        "/api/events/{event_id}",
        "/api/contradictions",
        "/api/contradictions/{contradiction_id}",
        "/api/itineraries",
        "/api/search",
    ):
        assert "get" in paths[p], p
    assert not any(p.startswith(("/stories", "/documents", "/entities")) for p in paths)
    assert client.get("/docs").status_code == 404  # no Swagger UI: it would pull assets from a CDN
    index = client.get("/api").json()
    assert index["openapi"] == "/openapi.json"


def test_writes_are_refused_with_the_error_shape(client: TestClient) -> None:
    for method in ("post", "put", "delete", "patch"):
        err = assert_error(getattr(client, method)("/api/stories"), 405)
        assert err["code"] == "method_not_allowed"
