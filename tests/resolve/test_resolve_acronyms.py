"""Acronyms: "Long Form (ABC)" definitions and acronym-shaped surfaces."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsledger.resolve.acronyms import acronym_form, definitions, long_form_match


def test_definitions_from_text() -> None:
    body = (
        "According to the state Korean Central News Agency (KCNA) on Sunday, the Communist Party of Việt Nam "
        "(CPV) met the Workers’ Party of Korea (WPK) and the Association of Southeast Asian Nations (ASEAN)."
    )
    assert definitions(body) == [
        ("KCNA", "Korean Central News Agency"),
        ("CPV", "Communist Party of Viet Nam"),
        ("WPK", "Workers' Party of Korea"),
        ("ASEAN", "Association of Southeast Asian Nations"),
    ]


def test_parenthesised_non_acronyms_define_nothing() -> None:
    assert definitions("He said (quietly) that prices rose (again) by 5 (five) percent.") == []


def test_long_form_must_spell_the_acronym() -> None:
    assert long_form_match("WHO", "the World Health Organization") == "World Health Organization"
    assert long_form_match("XYZ", "the World Health Organization") is None


@pytest.mark.parametrize(
    ("surface", "expected"),
    [("KCNA", "KCNA"), ("U.S.", "US"), ("the WPK's", "WPK"), ("NGOs", "NGOs"), ("Kim", None), ("A", None)],
)
def test_acronym_form(surface: str, expected: str | None) -> None:
    assert acronym_form(surface) == expected


@given(st.text(alphabet=st.sampled_from("AB C(),;:-.'’ofthe\n Ok"), max_size=80))
@settings(max_examples=300, deadline=None)
def test_definitions_never_raise(body: str) -> None:
    for acr, lf in definitions(body):
        assert acronym_form(acr) == acr and lf
