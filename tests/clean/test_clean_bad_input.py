"""Bad input never raises: it is a rejection with a stable reason, or an ok document with null fields."""

from __future__ import annotations

import pytest
from _rawdoc import ARTICLE, make_raw

from newsledger.clean import CleanSettings, clean_document
from newsledger.records import CleanDocument, Rejection


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "empty"),
        ("   \n\n\t  \n", "empty"),
        (" date 2024-03-22 \n\n", "empty"),
        ("\x00\x01\x02\x03binary\x04\x05\x06" * 50, "binary"),
    ],
)
def test_empty_and_binary_are_rejected_with_a_reason(text: str, reason: str) -> None:
    res = clean_document(make_raw(text))
    assert isinstance(res, Rejection)
    assert res.reason == reason and res.stage == "clean" and res.doc_id == "doc"


def test_too_large_is_rejected_before_any_work() -> None:
    res = clean_document(make_raw("word " * 500), CleanSettings(max_chars=1000))
    assert isinstance(res, Rejection) and res.reason == "too_large"


def test_only_boilerplate_is_rejected_as_no_article_text() -> None:
    text = "Home\nNews\nSport\nWeather\nLogin\nSubscribe\nShare\nTweet\n© 2024 Example\n"
    res = clean_document(make_raw(text))
    assert isinstance(res, Rejection) and res.reason == "no_article_text"


def test_no_date_anywhere_gives_null_published() -> None:
    res = clean_document(make_raw(ARTICLE))
    assert isinstance(res, CleanDocument)
    assert res.published is None and res.published_evidence is None and res.published_precision is None


def test_malformed_date_strings_never_become_dates() -> None:
    text = ARTICLE + "2024-56-23\n2024-02-30\n31/31/2024\n"
    res = clean_document(make_raw(text))
    assert isinstance(res, CleanDocument)
    assert res.published is None
    assert all(c.date.month <= 12 for c in res.date_candidates)


def test_a_document_that_breaks_the_stage_becomes_internal_error() -> None:
    doc = make_raw(ARTICLE)
    object.__setattr__(doc, "text", None)  # an impossible record: text must be a str
    res = clean_document(doc)
    assert isinstance(res, Rejection) and res.reason in {"empty", "internal_error"}


def test_twenty_megabytes_of_text_does_not_raise() -> None:
    big = ("All work and no play makes Jack a dull boy, said the note on the desk. " * 8 + "\n") * 36_000
    assert len(big) > 20_000_000
    res = clean_document(make_raw(big))
    assert isinstance(res, Rejection) and res.reason == "too_large"
