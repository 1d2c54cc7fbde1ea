"""The two disagreements of the example corpus, found with both spans, from hand-built records.

Bodies are the article paragraphs of the example pages; timexes are what a TIMEX3 tagger returns for them
(written out by hand, so no model is loaded)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from reconcile_builders import make_doc

from newsledger.reconcile import ReconcileInput, reconcile_story
from newsledger.records import Contradiction, DateCandidate, DatePrecision, Derivation, Span, Story


def _paragraphs(path: Path, first: str, last: str) -> str:
    lines = [ln.strip() for ln in path.read_text(encoding="utf-8").split("\n")]
    i = next(k for k, ln in enumerate(lines) if ln.startswith(first))
    j = next(k for k, ln in enumerate(lines) if ln.startswith(last) and k >= i)
    return "\n".join(ln for ln in lines[i : j + 1] if ln)


def _story(*ids: str) -> Story:
    return Story(id="st_x", title="t", doc_ids=ids, first_published=None, last_published=None)


def _contradictions(result_findings: tuple[Contradiction, ...]) -> list[Contradiction]:
    return [f for f in result_findings if f.kind == "contradiction"]


@pytest.mark.parametrize("derivation_known", [True, False])
def test_reconcile_report_day_saturday_vs_sunday_in_rewrite(
    examples_dir: Path, derivation_known: bool
) -> None:
    b3 = _paragraphs(
        examples_dir / "003_3986aa8515dcb806.txt",
        "North Korean and Chinese officials met",
        "North Korea's Kim",
    )
    b4 = _paragraphs(
        examples_dir / "004_5469ecd3d7bffaa7.txt",
        "North Korean and Chinese officials recently",
        "Kim Song Nam also",
    )
    d3 = make_doc(
        "003",
        b3,
        dt.date(2024, 3, 23),
        [
            ("this week", "2024-W12", "dct", 0),
            ("Saturday", "2024-03-23", "dct_past", 0),
            ("Thursday", "2024-03-21", "dct_past", 0),
        ],
    )
    d4 = make_doc("004", b4, dt.date(2024, 4, 16), [("Sunday", "2024-04-14", "dct_past", 0)])
    inp = ReconcileInput(
        story=_story("003", "004"),
        docs=(d3, d4),
        derivations=(Derivation(doc_id="004", derived_from="003", kind="rewrite", score=0.7),)
        if derivation_known
        else (),
    )
    found = _contradictions(reconcile_story(inp).contradictions)
    report = [f for f in found if f.subject.startswith("day of the report")]
    assert len(report) == 1
    spans = {
        (c.doc, b3[c.start : c.end] if c.doc == "003" else b4[c.start : c.end])
        for v in report[0].values
        for c in v.sources
    }
    assert spans == {("003", "Saturday"), ("004", "Sunday")}


def test_reconcile_report_day_unrelated_reports_not_compared(examples_dir: Path) -> None:
    """IANS's "state media said on Monday" (a later report on another meeting) is not the Saturday report."""
    b1 = _paragraphs(
        examples_dir / "001_508f9ee8832536ea.txt",
        "Seoul, March 25 A senior North Korean official has called",
        "In response",
    )
    b3 = _paragraphs(
        examples_dir / "003_3986aa8515dcb806.txt",
        "North Korean and Chinese officials met",
        "North Korea's Kim",
    )
    d1 = make_doc(
        "001",
        b1,
        dt.date(2024, 3, 25),
        [("Monday", "2024-03-25", "dct", 0), ("Saturday", "2024-03-23", "dct_past", 0)],
    )
    d3 = make_doc("003", b3, dt.date(2024, 3, 23), [("Saturday", "2024-03-23", "dct_past", 0)])
    found = _contradictions(
        reconcile_story(ReconcileInput(story=_story("001", "003"), docs=(d1, d3))).contradictions
    )
    assert [f.subject for f in found] == []


def test_reconcile_crawl_date_vs_written_stamp(examples_dir: Path) -> None:
    raw = (examples_dir / "000_aee73d3ee0a04789.txt").read_text(encoding="utf-8")
    body = _paragraphs(
        examples_dir / "000_aee73d3ee0a04789.txt", "A senior North Korean official", "The three-day trip"
    )
    hint = re.match(r" date (\d{4}-\d\d-\d\d)", raw)
    stamp = re.search(r"Written: (\d{4}-\d\d-\d\d)[\d: ]*", raw)
    assert hint and stamp
    cands = (
        DateCandidate(
            date=dt.date.fromisoformat(hint.group(1)),
            precision=DatePrecision.DAY,
            rule="date_hint",
            score=0.2,
            evidence=Span(start=hint.start(1), end=hint.end(1), text=hint.group(1)),
        ),
        DateCandidate(
            date=dt.date.fromisoformat(stamp.group(1)),
            precision=DatePrecision.DAY,
            rule="written_label",
            score=0.9,
            evidence=Span(start=stamp.start(), end=stamp.end(), text=stamp.group(0)),
        ),
    )
    d0 = make_doc(
        "000", body, dt.date(2024, 3, 31), [("Sunday", "2024-03-31", "dct_past", 0)], date_candidates=cands
    )
    found = _contradictions(reconcile_story(ReconcileInput(story=_story("000"), docs=(d0,))).contradictions)
    assert len(found) == 1
    cites = [c for v in found[0].values for c in v.sources]
    assert all(c.text == "raw" and raw[c.start : c.end] == c.quote for c in cites)
    assert {c.quote[:10] for c in cites} == {"2024-03-22", "Written: 2"}


def test_reconcile_hint_equal_to_stamp_is_no_finding(examples_dir: Path) -> None:
    body = (
        "Seoul, March 25 A senior North Korean official has called for further strengthening ties with China."
    )
    cands = (
        DateCandidate(
            date=dt.date(2024, 3, 25),
            precision=DatePrecision.DAY,
            rule="date_hint",
            score=0.2,
            evidence=Span(start=6, end=16, text="2024-03-25"),
        ),
        DateCandidate(
            date=dt.date(2024, 3, 26),
            precision=DatePrecision.DAY,
            rule="meta",
            score=0.9,
            evidence=Span(start=40, end=50, text="2024-03-26"),
        ),
    )
    d = make_doc("x", body, dt.date(2024, 3, 25), date_candidates=cands)
    assert reconcile_story(ReconcileInput(story=_story("x"), docs=(d,))).contradictions == ()
