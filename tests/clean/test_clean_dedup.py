"""Repeated text is kept once, in its body place: a teaser or share box repeating the lead, a headline
printed twice."""

from __future__ import annotations

from _rawdoc import make_raw

from newsledger.clean import clean_document
from newsledger.records import CleanDocument

LEAD = (
    "Officials from both countries met on Thursday in the capital and agreed to expand trade links, "
    "according to a statement released after the talks."
)
PARAS = [
    LEAD,
    "The delegations discussed customs rules, shipping routes and a new joint commission that will meet "
    "twice a year to review progress on the agreements signed during the visit.",
    "Analysts said the meeting was a sign that relations were improving after several years of tension, "
    "although they cautioned that many of the measures still needed approval by parliament.",
    "The next round of talks is expected to take place in the spring, the foreign ministry said in a brief "
    "statement published on its website late on Thursday.",
]


def _page(head: list[str], tail: list[str]) -> str:
    return "\n".join([*head, *PARAS, *tail]) + "\n"


def test_share_box_repeating_the_lead_is_dropped_and_the_lead_stays_first() -> None:
    text = _page(
        ["Menu", "Search", "Trade talks make progress", "Trade talks make progress"],
        ["Share", "Tweet", LEAD, "Sign up for our newsletter", "© 2024 Example News"],
    )
    res = clean_document(make_raw(text))
    assert isinstance(res, CleanDocument)
    assert res.body.count(LEAD) == 1
    assert res.body.startswith(LEAD)
    assert res.title == "Trade talks make progress"
    assert "Trade talks make progress" not in res.body


def test_teaser_cut_short_is_dropped() -> None:
    teaser = LEAD[:70] + " ..."
    text = _page(["Menu", "Trade talks make progress", teaser, "Open in App"], ["Related Stories"])
    res = clean_document(make_raw(text))
    assert isinstance(res, CleanDocument)
    assert teaser not in res.body
    assert res.body.count(LEAD[:70]) == 1
