"""JsonLedgerReader and the fixture it reads: offsets slice back, the protocol's shapes hold."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from newsledger.web import JsonLedgerReader, LedgerReader, create_app

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "ledger.json"


def test_fixture_offsets_slice_back(ledger: dict[str, Any]) -> None:
    docs = {d["id"]: d for d in ledger["documents"]}
    for e in ledger["entities"]:
        for m in e["mentions"]:
            assert docs[m["doc"]]["body"][m["start"] : m["end"]] == m["text"]
        for r in e["roles"]:
            assert docs[r["doc"]]["body"][r["start"] : r["end"]] == r["role"]
    for ev in ledger["events"]:
        for s in ev["sources"]:
            body = docs[s["doc"]]["body"]
            sent = s["sentence"]
            assert 0 <= sent["start"] < sent["end"] <= len(body)
            for a, b in s["slots"]["actors"] + [x for x in (s["slots"]["place"], s["slots"]["date"]) if x]:
                assert sent["start"] <= a < b <= sent["end"]
    cites = [c for s in ledger["stories"] for x in s["summary"] for c in x["citations"]]
    cites += [c for con in ledger["contradictions"] for v in con["values"] for c in v["sources"]]
    for c in cites:
        assert docs[c["doc"]]["body"][c["start"] : c["end"]] == c["quote"]
    for d in docs.values():
        if d.get("published_evidence"):
            ev = d["published_evidence"]
            assert d["raw_text"][ev["start"] : ev["end"]] == ev["text"]
        for b in d.get("boilerplate", []):
            assert d["raw_text"][b["start"] : b["end"]] == b["text"]
        for t in d.get("timexes", []):
            assert d["body"][t["start"] : t["end"]] == t["text"]
        for s in d.get("sentences", []):
            assert d["body"][s["start"] : s["end"]].strip() == d["body"][s["start"] : s["end"]]


def test_reader_satisfies_the_protocol_and_loads_from_a_file(ledger: dict[str, Any]) -> None:
    reader: LedgerReader = JsonLedgerReader.from_path(FIXTURE)
    items, total = reader.stories(limit=10, offset=0)
    assert total == len(ledger["stories"]) == 2
    assert {"size", "outlets", "n_events"} <= set(items[0])
    doc = reader.document("001_nordicwire_hanoi")
    assert doc is not None
    wanted = {"mentions", "timexes", "event_spans", "sentences", "cited_spans", "raw_text", "boilerplate"}
    assert wanted <= set(doc)
    assert all(m["entity_id"] and m["label"] for m in doc["mentions"])
    assert reader.document("nope") is None and reader.story("nope") is None and reader.entity("nope") is None
    assert reader.event_types() == ["AGREE", "CONSULT", "DEMAND", "PROTEST"]


def test_reader_returns_copies(reader: JsonLedgerReader) -> None:
    items, _ = reader.stories(limit=1, offset=0)
    items[0]["title"] = "changed"
    assert reader.stories(limit=1, offset=0)[0][0]["title"] != "changed"


def test_minimal_export_without_annotations_still_renders(ledger: dict[str, Any]) -> None:
    """A plain `newsledger export` object (no raw text, timexes or sentences) is enough for every page."""
    bare = copy.deepcopy(ledger)
    for d in bare["documents"]:
        for k in ("raw_text", "boilerplate", "sentences", "timexes", "derivation"):
            d.pop(k, None)
    c = TestClient(create_app(JsonLedgerReader(bare)), raise_server_exceptions=False)
    for s in bare["stories"]:
        assert c.get(f"/stories/{s['id']}").status_code == 200
    for d in bare["documents"]:
        assert c.get(f"/documents/{d['id']}").status_code == 200
    for e in bare["entities"]:
        assert c.get(f"/entities/{e['id']}").status_code == 200


def test_derivation_cycle_does_not_hang_the_story_page(ledger: dict[str, Any]) -> None:
    looped = copy.deepcopy(ledger)
    docs = {d["id"]: d for d in looped["documents"]}
    docs["001_nordicwire_hanoi"]["derived_from"] = "002_coastaltimes_hanoi"  # 002 already derives from 001
    story = next(s for s in looped["stories"] if "001_nordicwire_hanoi" in s["doc_ids"])
    c = TestClient(create_app(JsonLedgerReader(looped)), raise_server_exceptions=False)
    r = c.get(f"/stories/{story['id']}")
    assert r.status_code == 200
    sources = r.text[r.text.index('id="sources"') :]
    for d in story["doc_ids"]:
        assert sources.count(f'href="/documents/{d}"') == 1
