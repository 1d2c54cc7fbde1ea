"""The sample trip (examples/corpus) through annotate -> resolve -> events: each meeting one dated row and
Kim Song Nam's itinerary China -> Vietnam -> Laos.

Uses the real annotate and resolve stages and, when the clean stage is implemented, the real clean stage;
until then the body is the page dump's paragraph-like lines (long lines without site furniture) and the
publication date is read from the page's "Written"/"Updated" line, the dateline or its date prefix.
"""

from __future__ import annotations

import datetime as dt
import gc
import re
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from newsledger.events import build_itineraries, build_ledger, extract_event_mentions
from newsledger.records import AnnotatedDocument, CleanDocument

_DATE_PATTERNS = (
    r"Written:\s*(\d{4})-(\d{2})-(\d{2})",
    r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day, (\d{1,2}) (March|April) (\d{4})",
    r"Updated: (March|April) (\d{1,2}), (\d{4})",
    r"^(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day, (March|April) (\d{1,2}), (\d{4})",
    r"^ date (\d{4})-(\d{2})-(\d{2})",
)
_MONTHS = {"March": 3, "April": 4}


def _published(text: str) -> dt.date | None:
    for pat in _DATE_PATTERNS:
        m = re.search(pat, text, re.M)
        if not m:
            continue
        g = m.groups()
        if g[0] in _MONTHS:
            return dt.date(int(g[2]), _MONTHS[g[0]], int(g[1]))
        if g[1] in _MONTHS:
            return dt.date(int(g[2]), _MONTHS[g[1]], int(g[0]))
        return dt.date(int(g[0]), int(g[1]), int(g[2]))
    return None


def _clean(path: Path) -> CleanDocument:
    from eval.eval_events import clean_doc

    text = path.read_text(encoding="utf-8")
    try:
        from newsledger.clean import clean_document
        from newsledger.ingest import read_inputs
        from newsledger.records import RawDocument

        raw = next(iter(read_inputs([str(path)])))
        assert isinstance(raw, RawDocument)
        got = clean_document(raw)
        if isinstance(got, CleanDocument):
            return got
    except NotImplementedError:
        pass
    body = re.sub(r"^ date \d{4}-\d{2}-\d{2} ", "", text)
    lines = [ln.strip() for ln in body.splitlines()]
    keep = [
        ln for ln in lines if len(ln) > 90 and not re.match(r"(Disclaimer|This website|International)", ln)
    ]
    return clean_doc(path.stem, "\n".join(dict.fromkeys(keep)), _published(text))


@pytest.fixture(scope="module")
def ledger(examples_dir: Path):  # type: ignore[no-untyped-def]
    from eval.eval_events import annotate, resolve

    cleans = [_clean(p) for p in sorted(examples_dir.glob("*.txt"))]
    docs = annotate(cleans)
    by_id = {d.doc_id: d for d in docs}
    clean_by = {c.doc_id: c for c in cleans}
    mentions = [m for d in docs for m in extract_event_mentions(d, clean_by[d.doc_id])]
    resolution = resolve(docs)
    events = build_ledger(mentions, by_id, resolution, {c.doc_id: c.published for c in cleans}, ())
    return events, build_itineraries(events), (mentions, docs, resolution, cleans)


def test_events_ledger_reads_a_stream_of_documents_one_at_a_time(ledger) -> None:  # type: ignore[no-untyped-def]
    # the runner streams the documents from the store: the ledger is the same, and it lets each document go
    # before the next is read (the one just read may still be bound to its loop variable)
    events, _, (mentions, docs, resolution, cleans) = ledger
    yielded: set[int] = set()
    alive: list[int] = []

    def stream() -> Iterator[AnnotatedDocument]:
        for d in docs:
            gc.collect()
            alive.append(sum(id(o) in yielded for o in gc.get_objects() if type(o) is AnnotatedDocument))
            copy = replace(d, tokens=list(d.tokens))  # a new object, only the stream holds it
            yielded.add(id(copy))
            yield copy

    got = build_ledger(mentions, stream(), resolution, {c.doc_id: c.published for c in cleans}, ())
    assert got == events and len(events) > 0
    assert len(alive) == len(docs) >= 5 and max(alive) <= 1


def test_events_examples_kim_itinerary(ledger) -> None:  # type: ignore[no-untyped-def]
    _, itineraries, _ = ledger
    kim = next(i for i in itineraries if i.actor.replace("-", " ").lower() == "kim song nam")
    assert [s.place for s in kim.stops] == ["China", "Vietnam", "Laos"]
    assert all(s.date_from is not None for s in kim.stops)
    assert kim.stops[0].date_from < kim.stops[1].date_from < kim.stops[2].date_from


def test_events_examples_each_meeting_one_dated_row(ledger) -> None:  # type: ignore[no-untyped-def]
    events, _, _ = ledger
    meetings = [e for e in events if e.type == "CONSULT" and e.mode in ("meeting", "talks") and e.date]
    by_day: dict[dt.date, list[str]] = {}
    for e in meetings:
        if any(a.replace("-", " ").lower() == "kim song nam" for a in e.actors):
            assert e.date is not None
            by_day.setdefault(e.date, []).append(e.id)
    # the Beijing meetings (Thursday and Saturday), Hanoi (Monday) and Vientiane (the next Friday)
    assert sorted(by_day) == [
        dt.date(2024, 3, 21),
        dt.date(2024, 3, 23),
        dt.date(2024, 3, 25),
        dt.date(2024, 3, 29),
    ]
    assert all(len(ids) == 1 for ids in by_day.values())
    thursday = next(e for e in meetings if e.date == dt.date(2024, 3, 21))
    assert len({s.doc for s in thursday.sources}) >= 3  # reported by several outlets, one row
