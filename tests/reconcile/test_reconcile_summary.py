"""The cited extractive summary: 3-7 sentences, each the exact body span it cites, none repeating another,
in time order, no page furniture; the same for any input order."""

from __future__ import annotations

import datetime as dt

from reconcile_builders import make_doc, make_event

from newsledger.reconcile import ReconcileInput, reconcile_story
from newsledger.reconcile.rules import REDUNDANT_JACCARD
from newsledger.reconcile.wording import content_words, jaccard
from newsledger.records import Derivation, Story

# Wire copy about one naval action (public news text, lightly trimmed), three outlets, one a rewrite.
A = (
    "The Indian Navy on Saturday prevented pirates from attacking a merchant vessel flying an Ethiopian flag "
    "in the Gulf of Aden and took 23 into custody.\n"
    "Responding to a distress call by MV Gibe, INS Mysore on anti-piracy patrol in the area swung into "
    "action against the pirates in two boats, a Defence Ministry release said.\n"
    "Marine commandos boarded the dhow at 1230 hours and apprehended the pirates and recovered the arms.\n"
    "Click here to subscribe to our newsletter.\n"
    "Share"
)
B = (
    "The Indian Navy said Saturday it had captured 23 pirates as they tried to board an Ethiopian-flagged "
    "vessel in the Gulf of Aden.\n"
    "On Friday, a high-level U.S. naval commander said attacking Somali ports probably would not be "
    "effective in battling rampant piracy.\n"
    "Somali pirates Saturday released a Greek chemical tanker, the MV Action, they had held since October, "
    "a piracy monitor told CNN."
)
C = (
    "The Indian Navy on Saturday stopped pirates from attacking a merchant ship flying an Ethiopian flag in "
    "the Gulf of Aden and took 23 of them into custody.\n"
    "Piracy in the Gulf of Aden has been on the rise this year, with several high-profile hijackings."
)


def _inp(order: tuple[str, ...] = ("a", "b", "c")) -> ReconcileInput:
    texts = {"a": A, "b": B, "c": C}
    pub = {"a": dt.date(2008, 12, 13), "b": dt.date(2008, 12, 13), "c": dt.date(2008, 12, 14)}
    docs = tuple(make_doc(d, texts[d], pub[d]) for d in order)
    ev1 = make_event(
        "ev_capture",
        [("a", "took 23 into custody", ""), ("b", "captured 23 pirates", ""), ("c", "took 23 of them", "")],
        texts,
        date=dt.date(2008, 12, 13),
        independent=2,
    )
    ev2 = make_event(
        "ev_release", [("b", "released a Greek chemical tanker", "")], texts, date=dt.date(2008, 12, 13)
    )
    ev3 = make_event("ev_statement", [("b", "naval commander said", "")], texts, date=dt.date(2008, 12, 12))
    story = Story(id="st", title="t", doc_ids=order, first_published=None, last_published=None)
    der = (Derivation(doc_id="c", derived_from="a", kind="rewrite", score=0.8),)
    return ReconcileInput(story=story, docs=docs, events=(ev1, ev2, ev3), derivations=der)  # fmt: skip


def test_reconcile_summary_sentences_are_their_cited_spans() -> None:
    r = reconcile_story(_inp())
    bodies = {"a": A, "b": B, "c": C}
    assert 3 <= len(r.summary) <= 7
    for s in r.summary:
        assert len(s.citations) >= 1
        c = s.citations[0]
        assert bodies[c.doc][c.start : c.end] == s.text


def test_reconcile_summary_no_furniture_no_repeats_covers_events() -> None:
    r = reconcile_story(_inp())
    texts = [s.text for s in r.summary]
    assert not any("Click here" in t or t == "Share" for t in texts)
    words = [content_words(t) for t in texts]
    assert all(jaccard(words[i], words[j]) < REDUNDANT_JACCARD for i in range(len(words)) for j in range(i))
    # three documents report the capture of the 23 pirates (one a rewrite): one sentence says it
    assert sum(1 for t in texts if "23" in t) == 1
    assert any("Greek chemical tanker" in t for t in texts)
    assert any("naval commander" in t for t in texts)


def test_reconcile_summary_in_time_order() -> None:
    r = reconcile_story(_inp())
    texts = [s.text for s in r.summary]
    assert texts[0].startswith("On Friday")  # the dated Friday statement precedes Saturday's events


def test_reconcile_summary_does_not_depend_on_input_order() -> None:
    assert reconcile_story(_inp()).summary == reconcile_story(_inp(("c", "b", "a"))).summary


def test_reconcile_timeline_dated_in_order_undated_flagged() -> None:
    inp = _inp()
    undated = make_event("ev_undated", [("a", "Marine commandos boarded", "")], {"a": A})
    inp = ReconcileInput(
        story=inp.story, docs=inp.docs, events=(*inp.events, undated), derivations=inp.derivations
    )
    tl = reconcile_story(inp).timeline
    dated = [t for t in tl if t.dated]
    assert [t.date for t in dated] == sorted(t.date for t in dated if t.date)
    [u] = [t for t in tl if not t.dated]
    assert u.placed_by == "document" and u.date == dt.date(2008, 12, 13)
    assert tl.index(u) > max(tl.index(t) for t in dated if t.date == u.date)
    cap = next(t for t in tl if t.event_id == "ev_capture")
    assert {s.doc: s.derived_from for s in cap.sources} == {"a": None, "b": None, "c": "a"}
