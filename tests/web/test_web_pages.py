"""Server-rendered pages: what each page shows, its anchors and links, checked on the HTML."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

import pytest
from fastapi.testclient import TestClient


class Collect(HTMLParser):
    """Elements with their attributes, and the text inside elements with an id."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.open_ids: list[tuple[str, str, list[str]]] = []  # (tag, id, text pieces)
        self.text_by_id: dict[str, str] = {}
        self.depth_stack: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self.elements.append((tag, a))
        if tag in ("br", "meta", "link", "input", "img"):
            return
        self.depth_stack.append(tag)
        if a.get("id"):
            self.open_ids.append((tag, str(a["id"]), []))

    def handle_endtag(self, tag: str) -> None:
        if self.depth_stack and self.depth_stack[-1] == tag:
            self.depth_stack.pop()
        for i in range(len(self.open_ids) - 1, -1, -1):
            t, ident, parts = self.open_ids[i]
            if t == tag:
                self.text_by_id[ident] = "".join(parts)
                del self.open_ids[i]
                break

    def handle_data(self, data: str) -> None:
        for _, _, parts in self.open_ids:
            parts.append(data)

    def find(self, tag: str, **attrs: str) -> list[dict[str, str | None]]:
        return [a for t, a in self.elements if t == tag and all(a.get(k) == v for k, v in attrs.items())]


def parse(html: str) -> Collect:
    p = Collect()
    p.feed(html)
    return p


def story(ledger: dict[str, Any], word: str) -> dict[str, Any]:
    return next(s for s in ledger["stories"] if word in s["title"])


def test_home_lists_stories_newest_first_with_size_sources_and_dates(client: TestClient) -> None:
    r = client.get("/")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    html = r.text
    i, j = html.index("Antwerp dock workers strike"), html.index("Swedish trade envoy tours")
    assert i < j
    assert "Harbour Post, NetWatch" in html and "2024-04-02 – 2024-04-03" in html
    options = [a.get("value") for a in parse(html).find("option")]
    assert options == ["", "AGREE", "CONSULT", "DEMAND", "PROTEST"]


def test_home_search_shows_documents_and_entities(client: TestClient) -> None:
    p = parse(client.get("/", params={"q": "Dizon"}).text)
    hrefs = [a.get("href") for a in p.find("a")]
    assert "/documents/003_manilaledger_visit" in hrefs
    assert any(h and h.startswith("/entities/ent_") for h in hrefs)


def test_home_filters_narrow_the_list(client: TestClient) -> None:
    html = client.get("/", params={"event_type": "AGREE", "date_from": "", "entity": ""}).text
    assert "Swedish trade envoy tours" in html and "Antwerp dock workers strike" not in html
    html = client.get("/", params={"entity": "Dizon"}).text
    assert "Swedish trade envoy tours" in html and "Antwerp dock workers strike" not in html
    html = client.get("/", params={"date_from": "2024-04-01", "date_to": "2024-04-30"}).text
    assert "Swedish trade envoy tours" not in html and "Antwerp dock workers strike" in html


def test_story_page_has_chart_summary_sources_and_contradictions(
    client: TestClient, ledger: dict[str, Any]
) -> None:
    s = story(ledger, "Hanoi")
    r = client.get(f"/stories/{s['id']}")
    assert r.status_code == 200
    p = parse(r.text)
    groups = [a for t, a in p.elements if t == "g" and "tl-event" in str(a.get("class"))]
    assert sorted(str(g["data-event-id"]) for g in groups) == sorted(s["event_ids"])
    assert sum("contradicted" in str(g["class"]) for g in groups) == 1
    assert len(p.find("circle")) == 5  # 2 + 2 + 1 sources stacked
    assert len(p.find("polygon", **{"class": "contra-mark"})) == 1
    cites = [str(a["href"]) for a in p.find("a", **{"class": "citation"})]
    wanted = [
        f"/documents/{c['doc']}#span-{c['start']}-{c['end']}" for x in s["summary"] for c in x["citations"]
    ]
    assert cites == wanted
    # sources with lineage: the syndicated copy is nested under its origin
    assert re.search(
        r"001_nordicwire_hanoi\">.*?<ul class=\"derived\">.*?002_coastaltimes_hanoi", r.text, re.S
    ), "copy not nested under origin"
    # contradictions side by side, each quote linking to its span, the subject in words
    assert "date of CONSULT (meeting): Marta Lindqvist, Tran Van Hoa in Hanoi" in r.text
    sides = r.text[r.text.index('<div class="sides">') :]
    assert sides.index("2024-03-12") < sides.index("2024-03-13")
    side_links = [str(a["href"]) for a in p.find("a") if "#span-" in str(a.get("href"))]
    assert (
        "/documents/002_coastaltimes_hanoi#span-{}-{}".format(
            *_span(ledger, "002_coastaltimes_hanoi", "Wednesday")
        )
        in side_links
    )
    # itinerary of the main actor, in time order
    it = r.text[r.text.index('id="itineraries"') :]
    assert it.index("Marta Lindqvist") < it.index("Hanoi") < it.index("Manila")


def _span(ledger: dict[str, Any], doc: str, surface: str) -> tuple[int, int]:
    body = next(d["body"] for d in ledger["documents"] if d["id"] == doc)
    i = body.index(surface)
    return i, i + len(surface)


def test_undated_events_are_drawn_in_their_own_band(client: TestClient, ledger: dict[str, Any]) -> None:
    s = story(ledger, "Antwerp")
    p = parse(client.get(f"/stories/{s['id']}").text)
    groups = [a for t, a in p.elements if t == "g" and "tl-event" in str(a.get("class"))]
    assert len(groups) == len(s["event_ids"]) == 3
    assert "undated" in client.get(f"/stories/{s['id']}").text


def test_every_citation_lands_on_an_anchor_holding_the_cited_text(
    client: TestClient, ledger: dict[str, Any]
) -> None:
    bodies = {d["id"]: d["body"] for d in ledger["documents"]}
    targets = [c for s in ledger["stories"] for x in s["summary"] for c in x["citations"]]
    targets += [c for con in ledger["contradictions"] for v in con["values"] for c in v["sources"]]
    assert targets
    pages: dict[str, Collect] = {}
    for c in targets:
        if c["doc"] not in pages:
            pages[c["doc"]] = parse(client.get(f"/documents/{c['doc']}").text)
        anchor = f"span-{c['start']}-{c['end']}"
        assert anchor in pages[c["doc"]].text_by_id, (c["doc"], anchor)
        assert pages[c["doc"]].text_by_id[anchor] == bodies[c["doc"]][c["start"] : c["end"]]


def test_document_page_highlights_spans_with_resolved_values(
    client: TestClient, ledger: dict[str, Any]
) -> None:
    r = client.get("/documents/001_nordicwire_hanoi")
    p = parse(r.text)
    titles = {str(a.get("title")) for _, a in p.elements if a.get("title")}
    assert "PERSON: Marta Lindqvist" in titles
    assert "DATE: 2024-03-12" in titles
    assert any(t.startswith("event CONSULT (meeting), 2024-03-12") for t in titles)
    tuesday = _span(ledger, "001_nordicwire_hanoi", "Tuesday")
    assert p.text_by_id.get(f"span-{0}-{201}", "").startswith("HANOI, March 12")
    assert any(a.get("data-span") == f"{tuesday[0]}-{tuesday[1]}" for _, a in p.elements)
    # the cleaned body is shown whole, in order, once the markup is stripped
    body_html = r.text[r.text.index('<div class="body" id="body">') :]
    body_html = body_html[: body_html.index("</div>")]
    import html as htmllib

    assert (
        htmllib.unescape(re.sub(r"<[^>]+>", "", body_html.split(">", 1)[1])) == ledger["documents"][0]["body"]
    )
    # boilerplate collapsed, publication-date evidence shown
    assert '<details class="boilerplate">' in r.text and "Cookie settings" in r.text
    assert p.text_by_id["published-evidence"] == "2024-03-12"
    entity_links = [str(a["href"]) for a in p.find("a") if str(a.get("href", "")).startswith("/entities/")]
    assert len(entity_links) >= 5


def test_rejected_document_page_renders(client: TestClient) -> None:
    r = client.get("/documents/006_empty_page")
    assert r.status_code == 200 and "no_article_text" in r.text


def test_entity_page_shows_aliases_roles_mentions_events_itinerary(
    client: TestClient, ledger: dict[str, Any]
) -> None:
    ent = next(e for e in ledger["entities"] if e["name"] == "Marta Lindqvist")
    r = client.get(f"/entities/{ent['id']}")
    assert r.status_code == 200
    html = r.text
    assert "Lindqvist" in html and "trade envoy" in html
    assert html.index('id="roles"') < html.index('id="itinerary"') < html.index('id="events"')
    p = parse(html)
    mention_links = [str(a["href"]) for a in p.find("a") if "#m-" in str(a.get("href"))]
    assert len(mention_links) >= len(ent["mentions"])
    assert "Events (3)" in html


@pytest.mark.parametrize("path", ["/", "/stories/{s}", "/documents/001_nordicwire_hanoi", "/entities/{e}"])
def test_pages_load_only_packaged_assets(client: TestClient, ledger: dict[str, Any], path: str) -> None:
    html = client.get(path.format(s=ledger["stories"][0]["id"], e=ledger["entities"][0]["id"])).text
    p = parse(html)
    assets = [a.get("src") for t, a in p.elements if t in ("script", "img")] + [
        a.get("href") for a in p.find("link")
    ]
    assets = [a for a in assets if a != "data:,"]  # the empty favicon, inline so no request is made
    assert assets and all(str(a).startswith("/static/") for a in assets)
    for a in assets:
        assert client.get(str(a)).status_code == 200
    assert "<script>" not in html  # no inline script anywhere: CSP forbids it and nothing needs it
