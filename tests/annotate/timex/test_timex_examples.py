"""Every relative time expression in examples/corpus resolves to the right day (read by hand).

DCTs are the publication dates of the pages: 000 2024-03-31 (Sunday), 001 and 002 2024-03-25 (Monday),
003 2024-03-23 (Saturday), 004 2024-04-16 (Tuesday).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from newsledger.annotate.timex import extract_timexes
from newsledger.records import DatePrecision, TimeExpression

DCT = {
    "000": dt.date(2024, 3, 31),
    "001": dt.date(2024, 3, 25),
    "002": dt.date(2024, 3, 25),
    "003": dt.date(2024, 3, 23),
    "004": dt.date(2024, 4, 16),
}

# (page, phrase in context, the timex's own text, value, type)
CASES: list[tuple[str, str, str, str, str]] = [
    ("000", "(KCNA) on Sunday", "Sunday", "2024-03-31", "DATE"),
    ("000", "Vientiane last Friday", "last Friday", "2024-03-29", "DATE"),
    ("000", "The three-day trip", "three-day", "P3D", "DURATION"),
    ("000", "Cuba last month", "last month", "2024-02", "DATE"),
    ("000", "Written: 2024-03-31 13:14:17", "2024-03-31 13:14:17", "2024-03-31T13:14:17", "TIME"),
    (
        "001",
        "Updated: March 25, 2024 12:58 IST",
        "March 25, 2024 12:58 IST",
        "2024-03-25T12:58+05:30",
        "TIME",
    ),
    ("001", "Seoul, March 25 A senior", "March 25", "2024-03-25", "DATE"),
    ("001", "state media said on Monday", "Monday", "2024-03-25", "DATE"),
    ("001", "in Beijing on Saturday", "Saturday", "2024-03-23", "DATE"),
    ("001", "noting this year marks", "this year", "2024", "DATE"),
    ("001", "This year marks the 75th", "This year", "2024", "DATE"),
    ("001", "liaison department Thursday", "Thursday", "2024-03-21", "DATE"),
    ("001", "following years of Pyongyang", "years", "PXY", "DURATION"),
    ("001", "as this year's chair", "this year", "2024", "DATE"),
    ("001", "The annual ARF", "annual", "P1Y", "SET"),
    ("002", "VIETNAM, March 25 -", "March 25", "2024-03-25", "DATE"),
    ("002", "in Hà Nội on Monday.", "Monday", "2024-03-25", "DATE"),
    ("002", "Việt Nam from Monday to", "Monday", "2024-03-25", "DATE"),
    ("002", "from Monday to Thursday", "Thursday", "2024-03-28", "DATE"),
    ("002", "to Việt Nam in 2019", "2019", "2019", "DATE"),
    ("003", "in Beijing on June 21, 2019", "June 21, 2019", "2019-06-21", "DATE"),
    (
        "003",
        "Saturday, 23 March 2024 03:56 PM EDT",
        "Saturday, 23 March 2024 03:56 PM EDT",
        "2024-03-23T15:56-04:00",
        "TIME",
    ),
    ("003", "officials met this week in Beijing", "this week", "2024-W12", "DATE"),
    ("003", "media said on Saturday, as", "Saturday", "2024-03-23", "DATE"),
    ("003", "In the meeting on Thursday", "Thursday", "2024-03-21", "DATE"),
    ("003", "met early this year", "early this year", "2024", "DATE"),
    ("003", "At Thursday's meeting", "Thursday", "2024-03-21", "DATE"),
    ("003", "visiting Asian countries this week", "this week", "2024-W12", "DATE"),
    ("004", "Tuesday, April 16, 2024", "Tuesday, April 16, 2024", "2024-04-16", "DATE"),
    ("004", "officials recently met", "recently", "PAST_REF", "DATE"),
    ("004", "North Korean media on Sunday", "Sunday", "2024-04-14", "DATE"),
]


def _page(examples_dir: Path, page: str) -> str:
    (p,) = sorted(examples_dir.glob(f"{page}_*.txt"))
    return p.read_text(encoding="utf-8")


def _at(text: str, timexes: tuple[TimeExpression, ...], context: str, phrase: str) -> TimeExpression:
    i = text.index(context)
    start = text.index(phrase, i)
    found = [t for t in timexes if t.start <= start < t.end]
    assert found, f"no timex covers {phrase!r} in {context!r}"
    return found[0]


@pytest.mark.parametrize(("page", "context", "phrase", "value", "type_"), CASES)
def test_corpus_expression(
    examples_dir: Path, page: str, context: str, phrase: str, value: str, type_: str
) -> None:
    text = _page(examples_dir, page)
    tx = extract_timexes(text, DCT[page])
    t = _at(text, tx, context, phrase)
    assert t.text == phrase, (t.text, phrase)
    assert (t.value, t.type.value) == (value, type_), t


def test_week_has_its_days(examples_dir: Path) -> None:
    text = _page(examples_dir, "003")
    t = _at(text, extract_timexes(text, DCT["003"]), "officials met this week", "this week")
    assert (t.date_from, t.date_to, t.precision) == (
        dt.date(2024, 3, 18),
        dt.date(2024, 3, 24),
        DatePrecision.DAY,
    )


def test_early_this_year_is_the_year_with_start(examples_dir: Path) -> None:
    text = _page(examples_dir, "003")
    t = _at(text, extract_timexes(text, DCT["003"]), "met early this year", "early this year")
    assert (t.mod, t.precision, t.date_from, t.date_to) == (
        "START",
        DatePrecision.YEAR,
        dt.date(2024, 1, 1),
        dt.date(2024, 12, 31),
    )


def test_ordinal_is_not_a_year(examples_dir: Path) -> None:
    text = _page(examples_dir, "001")
    i = text.index("75th")
    assert not [t for t in extract_timexes(text, DCT["001"]) if t.start <= i < t.end]


def test_invalid_date_is_skipped(examples_dir: Path) -> None:
    text = _page(examples_dir, "003")
    i = text.index("2024-56-23")
    assert not [t for t in extract_timexes(text, DCT["003"]) if t.start <= i < t.end]


def test_range_in_dct_week(examples_dir: Path) -> None:
    text = _page(examples_dir, "002")
    tx = extract_timexes(text, DCT["002"])
    mon = _at(text, tx, "from Monday to Thursday", "Monday")
    thu = _at(text, tx, "from Monday to Thursday", "Thursday")
    assert (mon.date_from, thu.date_to) == (dt.date(2024, 3, 25), dt.date(2024, 3, 28))
    assert mon.date_from is not None and mon.date_from.isocalendar()[:2] == DCT["002"].isocalendar()[:2]


@pytest.mark.parametrize("page", sorted(DCT))
def test_every_dated_expression_is_resolved(examples_dir: Path, page: str) -> None:
    """No relative date in the pages is left underspecified when the DCT is known."""
    text = _page(examples_dir, page)
    for t in extract_timexes(text, DCT[page]):
        assert "X" not in t.value.split("T")[0] or t.value.startswith("P"), t
        assert text[t.start : t.end] == t.text
