"""Reconcile never raises on odd input, works without annotation, and every offset slices back."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reconcile_builders import make_doc

from newsledger.reconcile import ReconcileInput, reconcile_story
from newsledger.records import CleanDocument, Story

LEAD = (
    "North Korea's KCNA on Sunday reported that Kim Song Nam met Thongsavanh Phomvihane in Vientiane.\n"
    "The three-day trip appears to be aimed at strengthening Pyongyang's ties with socialist countries."
)


def _story(*ids: str) -> Story:
    return Story(id="st", title="t", doc_ids=ids, first_published=None, last_published=None)


def test_reconcile_without_annotation_splits_and_cites_the_body() -> None:
    clean = CleanDocument(
        doc_id="a", body=LEAD + "\nKim also paid a courtesy visit to the Lao President.", lines=()
    )
    r = reconcile_story(ReconcileInput(story=_story("a"), docs=((clean, None),)))
    assert len(r.summary) == 3
    assert all(clean.body[c.start : c.end] == s.text for s in r.summary for c in s.citations)


def test_reconcile_source_then_day_then_verb_is_a_report_day() -> None:
    a = make_doc("a", LEAD, dt.date(2024, 3, 31), [("Sunday", "2024-03-31", "dct_past", 0)])
    b = make_doc(
        "b",
        "North Korea's KCNA on Saturday reported that Kim Song Nam met Thongsavanh Phomvihane in Vientiane.",
        dt.date(2024, 3, 30),
        [("Saturday", "2024-03-30", "dct_past", 0)],
    )
    r = reconcile_story(ReconcileInput(story=_story("a", "b"), docs=(a, b)))
    [f] = [f for f in r.contradictions if f.kind == "contradiction"]
    assert f.subject.startswith("day of the report by North Korea's KCNA")


_PIECES = [
    "a",
    "b",
    " ",
    "1",
    "2",
    "$",
    ".",
    ",",
    "\n",
    "-",
    "Saturday",
    " said on ",
    "three ",
    "robbers",
    "€",
]
_text = st.lists(
    st.sampled_from([*_PIECES, "<script>", " Mr. ", "aged 95", "Smith , 37 ,"]), max_size=40
).map("".join)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(bodies=st.lists(_text, min_size=1, max_size=3))
def test_reconcile_never_raises_and_offsets_slice_back(bodies: list[str]) -> None:
    docs = tuple(
        make_doc(f"d{i}", b) if b.strip() else (CleanDocument(doc_id=f"d{i}", body=b, lines=()), None)
        for i, b in enumerate(bodies)
    )
    r = reconcile_story(ReconcileInput(story=_story(*(d[0].doc_id for d in docs)), docs=docs))
    body = {d[0].doc_id: d[0].body for d in docs}
    for s in r.summary:
        for c in s.citations:
            assert body[c.doc][c.start : c.end] == s.text
    for claim in r.claims:
        ev = claim.evidence
        if ev.text == "body":
            assert body[ev.doc][ev.start : ev.end] == ev.quote
