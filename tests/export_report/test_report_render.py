"""The static HTML report: every section, article text escaped, raw-text citations, deterministic."""

from __future__ import annotations

import copy
import html.parser
from typing import Any

from newsledger.export.report import render_report

BODY = "North Korean media said on Saturday that officials met. <script>alert('x')</script> & more."


def _ledger() -> dict[str, Any]:
    return {
        "documents": [
            {
                "id": "003",
                "url": "https://example.org/a",
                "title": "KCNA: talks <b>bold</b>",
                "outlet": "Newsmax",
                "agency": "Reuters",
                "published": "2024-03-23",
                "published_evidence": None,
                "language": "en",
                "status": "ok",
                "reason": None,
                "body": BODY,
                "story_id": "st_1",
                "derived_from": None,
                "content_hash": "h3",
            },
            {
                "id": "004",
                "url": None,
                "title": "Rewrite",
                "outlet": None,
                "agency": None,
                "published": "2024-04-16",
                "published_evidence": None,
                "language": "en",
                "status": "ok",
                "reason": None,
                "body": "According to North Korean media on Sunday, officials met.",
                "story_id": "st_1",
                "derived_from": "003",
                "content_hash": "h4",
            },
        ],
        "entities": [
            {
                "id": "en_1",
                "name": "Kim Song Nam",
                "type": "PERSON",
                "aliases": ["Kim Song-nam"],
                "mentions": [{"doc": "003", "start": 0, "end": 3, "text": "Nor"}],
            }
        ],
        "events": [
            {
                "id": "ev_1",
                "type": "CONSULT",
                "mode": "meeting",
                "actors": ["Kim Song Nam", "Wang Huning"],
                "place": "Beijing",
                "date": "2024-03-21",
                "date_precision": "day",
                "sources": [
                    {
                        "doc": "003",
                        "sentence": {"start": 0, "end": 55},
                        "slots": {"actors": [], "place": None, "date": None},
                    }
                ],
                "independent_sources": 1,
                "confidence": 0.7,
            }
        ],
        "stories": [
            {
                "id": "st_1",
                "title": "Talks in Beijing",
                "doc_ids": ["003", "004"],
                "first_published": "2024-03-23",
                "last_published": "2024-04-16",
                "event_ids": ["ev_1"],
                "summary": [{"text": BODY[:55], "citations": [{"doc": "003", "start": 0, "end": 55}]}],
            }
        ],
        "contradictions": [
            {
                "id": "ctr_1",
                "story_id": "st_1",
                "subject": "day of the report by North Korean media",
                "values": [
                    {"value": "Saturday", "sources": [{"doc": "003", "start": 27, "end": 35}]},
                    {"value": "Sunday", "sources": [{"doc": "004", "start": 36, "end": 42}]},
                ],
            },
            {
                "id": "ctr_2",
                "story_id": "st_1",
                "subject": "publication date of 003",
                "kind": "contradiction",
                "values": [
                    {
                        "value": "2024-03-22",
                        "sources": [
                            {"doc": "003", "start": 6, "end": 16, "text": "raw", "quote": "2024-03-22"}
                        ],
                    },
                    {
                        "value": "2024-03-31",
                        "sources": [
                            {
                                "doc": "003",
                                "start": 40,
                                "end": 68,
                                "text": "raw",
                                "quote": "Written: 2024-03-31 13:14:17",
                            }
                        ],
                    },
                ],
            },
        ],
        "itineraries": [
            {
                "actor": "Kim Song Nam",
                "stops": [
                    {
                        "place": "Beijing",
                        "date_from": "2024-03-21",
                        "date_to": "2024-03-22",
                        "event_ids": ["ev_1"],
                    }
                ],
            }
        ],
    }


class _Collect(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.ids |= {v for k, v in attrs if k == "id" and v}


def test_report_escapes_untrusted_text() -> None:
    out = render_report(_ledger())
    p = _Collect()
    p.feed(out)
    assert "script" not in p.tags and "b" not in p.tags
    assert "&lt;script&gt;alert(" in out and "&lt;b&gt;bold&lt;/b&gt;" in out


def test_report_has_every_section_and_cited_spans() -> None:
    out = render_report(_ledger())
    p = _Collect()
    p.feed(out)
    assert {"story-st_1", "doc-003", "doc-004", "ctr_1", "ctr_2", "entities", "documents"} <= p.ids
    assert "Saturday" in out and "Sunday" in out  # both values, with their quoted spans
    assert "“Saturday”" in out and "“Written: 2024-03-31 13:14:17”" in out and " raw " in out
    assert "Beijing" in out and "2024-03-21" in out  # timeline and itinerary
    assert 'href="#doc-003"' in out  # lineage of the rewrite and citations of the summary
    assert "<link" not in out and "src=" not in out  # no external assets


def test_report_uses_timelines_when_given_and_flags_undated() -> None:
    ledger = _ledger()
    ledger["timelines"] = {
        "st_1": [
            {
                "event_id": "ev_9",
                "label": "undated talk <i>",
                "date": "2024-03-23",
                "dated": False,
                "placed_by": "document",
                "sources": [{"doc": "004", "start": 0, "end": 10, "derived_from": "003"}],
                "independent_sources": 1,
                "confidence": 0.5,
                "contradiction_ids": ["ctr_1"],
            }
        ]
    }
    out = render_report(ledger)
    assert "undated: placed by document" in out and "undated talk &lt;i&gt;" in out


def test_report_is_deterministic_and_tolerates_missing_keys() -> None:
    assert render_report(_ledger()) == render_report(copy.deepcopy(_ledger()))
    assert "newsledger report" in render_report({})
