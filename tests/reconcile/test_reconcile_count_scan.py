"""The quantity scan of count claims looks only at sentences that may hold a number: the filter never
drops a sentence the quantity expression matches in. Within a sentence, the quantity expression is tried
only where a match can start and the age expression only where a necessary part of it occurs: the matches
are those of a full scan."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newsledger.reconcile import rules
from newsledger.reconcile.claims import _AGE_POSSIBLE, _may_count, _quantities

_PIECES = [
    " ",
    ", ",
    ". ",
    "-",
    "$",
    "€",
    "US$",
    "Rs.",
    "e",
    "p",
    "or",
    "million",
    "bn",
    "euros",
    "ONE",
    "Twenty",
    "dozen",
    "often",
    "money",
    "bags",
    "ſix",
    "K",
    "٣",
    "3",
    "1,200",
    "4.5",
    "pirates",
    "the",
    "Seven",
    "\t",
    "\n",
    "12",
    "95",
    "aged",
    "age ",
    "AGE",
    " at ",
    "died",
    "Dies",
    "year",
    "years",
    "-old",
    " old",
    "Smith",
    "Brian Nichols",
    "tonnes",
    "xone",
    "A380",
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=12))
def test_every_sentence_with_a_quantity_passes_the_filter(pieces: list[str]) -> None:
    sent = "".join(pieces)
    if rules.QUANTITY.search(sent) is not None:
        assert _may_count(sent)


def test_sentences_without_digits_or_number_words_are_skipped() -> None:
    assert not _may_count("The minister met his counterpart in the capital on Tuesday.")
    assert _may_count("Three dock workers were hurt.")
    assert _may_count("It cost $5 bn.")
    assert _may_count("Shipments rose to 1,200 tonnes.")
    assert _may_count("Le ministre a dit ſix choses.")  # non-ASCII: always scanned


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=14))
def test_the_quantity_matches_are_those_of_a_full_scan(pieces: list[str]) -> None:
    sent = "".join(pieces)
    want = [(m.span(), m.groupdict()) for m in rules.QUANTITY.finditer(sent)]
    assert [(m.span(), m.groupdict()) for m in _quantities(sent)] == want


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=14))
def test_a_sentence_the_age_expression_matches_holds_a_necessary_part(pieces: list[str]) -> None:
    sent = "".join(pieces)
    if rules.AGE.search(sent) is not None:
        assert _AGE_POSSIBLE.search(sent) is not None


def test_ages_in_every_written_form_pass_and_plain_figures_do_not() -> None:
    for sent in (
        "The singer died at 95 in Paris.",
        "Anna Berg, aged 37, was arrested.",
        "A 60-year-old man was hurt.",
        "Sixty-year-old Sharron Smith spoke.",
        "Brian Nichols , 37 , was charged.",
        "Smith , age 61 , retired.",
        "He retired at the age of 70.",
    ):
        assert rules.AGE.search(sent) is not None
        assert _AGE_POSSIBLE.search(sent) is not None
    assert _AGE_POSSIBLE.search("Shipments rose 12 pct to 1,200 tonnes in the week to March 5.") is None
