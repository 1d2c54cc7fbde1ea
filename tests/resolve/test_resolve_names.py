"""Surface-form normalisation (textkit.names) as the resolve stage uses it."""

from __future__ import annotations

import pytest

from newsledger.textkit.names import compact_key, fold, initials, name_tokens, strip_name


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Việt Nam", "Vietnam"),
        ("Hà Nội", "Hanoi"),
        ("Kim Song-nam", "Kim Song Nam"),
        ("Kim Jong-un", "Kim Jong Un"),
        ("N. Korea", "N.Korea"),
        ("Workers’ Party", "Workers' Party"),
        ("North Korea's", "North Korea"),
        ("North Korea’s", "North Korea"),
        ("North Korea-", "North Korea"),
    ],
)
def test_variants_share_a_compact_key(a: str, b: str) -> None:
    assert compact_key(name_tokens(a)) == compact_key(name_tokens(b))


@pytest.mark.parametrize(
    ("a", "b"),
    [("Wang Huning", "Wang Yi"), ("Kim Song Nam", "Kim Jong Un"), ("Lê Hoài Trung", "Le Hoai Tung")],
)
def test_distinct_names_keep_distinct_keys(a: str, b: str) -> None:
    assert compact_key(name_tokens(a)) != compact_key(name_tokens(b))


def test_fold_removes_diacritics_and_typography() -> None:
    assert fold("Nguyễn Phú Trọng “said” – Đà Nẵng") == 'Nguyen Phu Trong "said" - Da Nang'


def test_strip_name_drops_article_and_honorifics_but_never_everything() -> None:
    assert strip_name(name_tokens("the Mr. Smith")) == ("smith",)
    assert strip_name(name_tokens("Mr")) == ("mr",)


def test_initials_skip_function_words() -> None:
    assert initials(name_tokens("Workers' Party of Korea"), frozenset({"of"})) == "WPK"
    assert initials(name_tokens("Korean Central News Agency")) == "KCNA"
