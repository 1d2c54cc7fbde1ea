"""Agreement, compatibility and contradiction of counts and dates across sources (ECB+-style sentences
from public wire copy about one jewel heist and one naval action, one event per story)."""

from __future__ import annotations

import datetime as dt

import pytest
from reconcile_builders import make_doc, make_event

from newsledger.reconcile import ReconcileInput, reconcile_story
from newsledger.records import Derivation, Story


def _run(
    texts: dict[str, str], needles: dict[str, str], derivations: tuple[Derivation, ...] = (), **ev_kw: object
):
    docs = tuple(make_doc(d, t, dt.date(2008, 12, 5)) for d, t in texts.items())
    ev = make_event("ev_1", [(d, needles[d], "") for d in texts], dict(texts), **ev_kw)  # type: ignore[arg-type]
    story = Story(id="st_1", title="t", doc_ids=tuple(texts), first_published=None, last_published=None)
    return reconcile_story(ReconcileInput(story=story, docs=docs, events=(ev,), derivations=derivations))


def _kinds(result, subject_part: str) -> list[str]:
    return [f.kind for f in result.contradictions if subject_part in f.subject]


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (
            "Four armed robbers stole jewels from the store on Thursday.",
            "Three or four robbers stole jewels from the store on Thursday.",
            "compatible",
        ),
        (
            "Four armed robbers stole jewels from the store on Thursday.",
            "As many as four robbers stole jewels from the store on Thursday.",
            "compatible",
        ),
        (
            "Armed robbers snatched $108 million worth of jewels from the store.",
            "Jewellery worth more than $160 million was stolen from the store.",
            "contradiction",
        ),
        (
            "Armed robbers snatched $108 million worth of jewels from the store.",
            "Robbers made off with $137-million of diamonds from the store.",
            "contradiction",
        ),
        (
            "The pirates on two speed boats surrounded the merchant vessel.",
            "The pirates, in three boats, surrounded the merchant vessel.",
            "contradiction",
        ),
        (
            "The navy captured 23 pirates in the Gulf of Aden.",
            "The navy said it arrested 23 pirates in the Gulf of Aden.",
            "agreement",
        ),
    ],
)
def test_reconcile_count_relations(a: str, b: str, expected: str) -> None:
    r = _run({"d1": a, "d2": b}, {"d1": a[:10], "d2": b[:10]})
    kinds = [f.kind for f in r.contradictions if f.subject.startswith(("number", "amount"))]
    assert expected in kinds


def test_reconcile_count_of_a_named_subset_is_not_a_contradiction() -> None:
    a = "The navy captured 23 pirates; 12 Somali and 11 Yemeni pirates were taken to Mumbai."
    b = "Commandos said 11 Yemeni pirates and 12 Somalis were among the 23 pirates held."
    r = _run(
        {"d1": a, "d2": "The navy captured 23 pirates in the Gulf.", "d3": b},
        {"d1": "The navy", "d2": "The navy", "d3": "Commandos"},
    )
    assert "contradiction" not in _kinds(r, "number: pirate")


def test_reconcile_derived_agreement_is_not_corroboration() -> None:
    a = "The navy captured 23 pirates in the Gulf of Aden."
    b = "The navy said it arrested 23 pirates in the Gulf of Aden."
    r = _run(
        {"d1": a, "d2": b},
        {"d1": "The navy", "d2": "The navy"},
        derivations=(Derivation(doc_id="d2", derived_from="d1", kind="rewrite", score=0.8),),
    )
    assert _kinds(r, "number: pirate") == ["single_source"]


def test_reconcile_other_items_are_a_different_count() -> None:
    a = "Commandos seized seven AK-47 rifles and two other rifles from the dhow."
    b = "Commandos seized seven AK-47 rifles from the dhow."
    r = _run({"d1": a, "d2": b}, {"d1": "Commandos", "d2": "Commandos"})
    assert "contradiction" not in _kinds(r, "number")


def test_reconcile_one_documents_two_numbers_are_not_a_contradiction() -> None:
    a = "The navy captured 23 pirates; 12 pirates were Somali and 11 pirates were Yemeni."
    r = _run(
        {"d1": a, "d2": "The navy captured 23 pirates in the Gulf."}, {"d1": "The navy", "d2": "The navy"}
    )
    assert "contradiction" not in _kinds(r, "number: pirate")


def test_reconcile_this_week_vs_thursday_is_compatible() -> None:
    a = "North Korean and Chinese officials met this week in Beijing."
    b = "North Korean and Chinese officials met on Thursday in Beijing."
    d1 = make_doc("d1", a, dt.date(2024, 3, 23), [("this week", "2024-W12", "dct", 0)])
    d2 = make_doc("d2", b, dt.date(2024, 3, 23), [("Thursday", "2024-03-21", "dct_past", 0)])
    ev = make_event(
        "ev_1",
        [("d1", "officials", ""), ("d2", "officials", "")],
        {"d1": a, "d2": b},
        date_spans={"d1": "this week", "d2": "Thursday"},
    )
    story = Story(id="s", title="t", doc_ids=("d1", "d2"), first_published=None, last_published=None)
    r = reconcile_story(ReconcileInput(story=story, docs=(d1, d2), events=(ev,)))
    assert _kinds(r, "date of") == ["compatible"]


def test_reconcile_event_day_contradiction_with_both_spans() -> None:
    a = "Felt died Thursday in Santa Rosa after suffering from congestive heart failure."
    b = "Felt died Wednesday at his home in Santa Rosa, the newspaper reported."
    d1, d2 = make_doc("d1", a), make_doc("d2", b)
    ev = make_event(
        "ev_1",
        [("d1", "Felt died", ""), ("d2", "Felt died", "")],
        {"d1": a, "d2": b},
        date_spans={"d1": "Thursday", "d2": "Wednesday"},
    )
    story = Story(id="s", title="t", doc_ids=("d1", "d2"), first_published=None, last_published=None)
    r = reconcile_story(ReconcileInput(story=story, docs=(d1, d2), events=(ev,)))
    [f] = [f for f in r.contradictions if f.kind == "contradiction"]
    got = {(c.doc, (a if c.doc == "d1" else b)[c.start : c.end]) for v in f.values for c in v.sources}
    assert got == {("d1", "Thursday"), ("d2", "Wednesday")}
    assert r.timeline[0].contradiction_ids == (f.id,)


def test_reconcile_ids_do_not_depend_on_input_order() -> None:
    a = "The pirates on two speed boats surrounded the merchant vessel."
    b = "The pirates, in three boats, surrounded the merchant vessel."
    r1 = _run({"d1": a, "d2": b}, {"d1": "The pirates", "d2": "The pirates"})
    r2 = _run({"d2": b, "d1": a}, {"d1": "The pirates", "d2": "The pirates"})
    assert r1 == r2


def test_reconcile_lead_counts_compared_without_an_event() -> None:
    """Leads tell the main event: differently worded leads disagreeing on a count are found, background
    sentences further down are not compared (ECB+ topic 30 wording)."""
    a = (
        "Millions of people across the Middle East and Asia have lost access to the internet after two "
        "undersea cables in the Mediterranean suffered severe damage.\n"
        "Engineers were sent to the area. Repairs could take weeks. Officials gave no reason.\n"
        "Earlier this year, five separate undersea cables were cut between late January and early February, "
        "interrupting service to a number of countries."
    )
    b = (
        "Internet and telephone communications between Europe and Asia were disrupted on Friday after three "
        "undersea cables were damaged, France Telecom said.\n"
        "A ship was sent. Service should return by the end of the month. Traffic was rerouted.\n"
        "Egypt's regulator said up to 80 percent of Internet services in the country had been cut."
    )
    docs = (make_doc("a", a), make_doc("b", b))
    story = Story(id="s", title="t", doc_ids=("a", "b"), first_published=None, last_published=None)
    r = reconcile_story(ReconcileInput(story=story, docs=docs))
    found = [f for f in r.contradictions if f.kind == "contradiction"]
    assert len(found) == 1
    quotes = {c.quote for v in found[0].values for c in v.sources}
    assert quotes == {"two undersea cables", "three undersea cables"}
