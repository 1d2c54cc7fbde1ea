"""The quantity scan of count claims looks only at sentences that may hold a number: the filter never
drops a sentence the quantity expression matches in."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newsledger.reconcile import rules
from newsledger.reconcile.claims import _may_count

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
