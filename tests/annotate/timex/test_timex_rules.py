"""Grammar and anchoring, case by case: news conventions, granularity, DCT edge cases, no DCT."""

from __future__ import annotations

import datetime as dt

import pytest

from newsledger.annotate.timex import extract_timexes
from newsledger.annotate.timex.values import is_valid, value_range
from newsledger.records import DatePrecision, TimeExpression, TimexType

D = dt.date
FRI = D(2024, 3, 22)  # a Friday
MON = D(2024, 3, 25)  # a Monday


def one(text: str, dct: dt.date | None, phrase: str) -> TimeExpression:
    i = text.index(phrase)
    found = [t for t in extract_timexes(text, dct) if t.start <= i < t.end]
    assert len(found) == 1, (text, phrase, extract_timexes(text, dct))
    assert found[0].text == phrase, (found[0].text, phrase)
    return found[0]


# (text, DCT, timex text, value)
CASES: list[tuple[str, dt.date | None, str, str]] = [
    # bare weekdays in past-tense reporting: the most recent such day, the DCT itself when it is that day
    ("The ministers met on Thursday in Beijing.", FRI, "Thursday", "2024-03-21"),
    ("State media said on Monday that talks went well.", MON, "Monday", "2024-03-25"),
    ("The two sides held talks on Friday.", MON, "Friday", "2024-03-22"),
    ("He arrived in Hanoi Sunday.", MON, "Sunday", "2024-03-24"),
    ("last Friday", FRI, "last Friday", "2024-03-15"),
    ("They met last Friday.", MON, "last Friday", "2024-03-22"),
    # the future
    ("The delegation will visit Laos on Friday.", MON, "Friday", "2024-03-29"),
    ("Talks are scheduled for Wednesday.", MON, "Wednesday", "2024-03-27"),
    ("They meet again next Friday.", FRI, "next Friday", "2024-03-29"),
    ("He is visiting Seoul on Thursday.", MON, "Thursday", "2024-03-28"),
    ("At Thursday's meeting, Wang conveyed a message.", D(2024, 3, 23), "Thursday", "2024-03-21"),
    # periods
    ("Officials met this week.", FRI, "this week", "2024-W12"),
    ("Prices rose last week.", FRI, "last week", "2024-W11"),
    ("Exports fell last month.", FRI, "last month", "2024-02"),
    ("Exports will rise next month.", FRI, "next month", "2024-04"),
    ("This year marks the 75th anniversary.", FRI, "This year", "2024"),
    ("Sales fell last year.", FRI, "last year", "2023"),
    ("Growth will slow next year.", FRI, "next year", "2025"),
    ("Profit rose in the third quarter.", D(2024, 11, 2), "the third quarter", "2024-Q3"),
    ("Profit rose in the fourth quarter.", D(2024, 1, 26), "the fourth quarter", "2023-Q4"),
    ("The plan was agreed this summer.", D(2024, 7, 2), "this summer", "2024-SU"),
    ("Pyongyang signed it in the 1990s.", FRI, "the 1990s", "199"),
    ("It was the bloodiest war of the 20th century.", FRI, "the 20th century", "19"),
    # absolute dates keep their granularity
    ("Kim visited Vietnam in 2019.", FRI, "2019", "2019"),
    ("It opened in March 2024.", FRI, "March 2024", "2024-03"),
    ("It was signed on June 21, 2019.", FRI, "June 21, 2019", "2019-06-21"),
    ("It was signed on 21 June 2019.", FRI, "21 June 2019", "2019-06-21"),
    ("It was signed on Sept. 30, 1999.", FRI, "Sept. 30, 1999", "1999-09-30"),
    ("Published 2024-03-31.", FRI, "2024-03-31", "2024-03-31"),
    ("Published 03/25/2024.", FRI, "03/25/2024", "2024-03-25"),
    ("Published 25.03.2024.", FRI, "25.03.2024", "2024-03-25"),
    (
        "Saturday, 23 March 2024 03:56 PM EDT",
        FRI,
        "Saturday, 23 March 2024 03:56 PM EDT",
        "2024-03-23T15:56-04:00",
    ),
    ("Updated: 2024-03-31 13:14:17", FRI, "2024-03-31 13:14:17", "2024-03-31T13:14:17"),
    ("The vote closes at 10 p.m. Wednesday.", FRI, "10 p.m. Wednesday", "2024-03-20T22:00"),
    ("He spoke at noon.", FRI, "noon", "2024-03-22T12:00"),
    # a day and month without a year: the year nearest the DCT
    ("The summit opens on March 25.", FRI, "March 25", "2024-03-25"),
    ("The summit opened on December 30.", D(2024, 1, 2), "December 30", "2023-12-30"),
    ("The summit opens on January 3.", D(2023, 12, 28), "January 3", "2024-01-03"),
    ("Talks resumed in December.", D(2024, 1, 10), "December", "2023-12"),
    ("Elections are due in May.", D(2024, 3, 10), "May", "2024-05"),
    # modifiers
    ("They met early this year.", FRI, "early this year", "2024"),
    ("Talks collapsed in mid-2019.", FRI, "mid-2019", "2019"),
    ("It was built in the late 1970s.", FRI, "the late 1970s", "197"),
    ("He left late last year.", FRI, "late last year", "2023"),
    # relative days
    ("Kim arrived yesterday.", FRI, "yesterday", "2024-03-21"),
    ("Kim arrives tomorrow.", FRI, "tomorrow", "2024-03-23"),
    ("Kim spoke today.", FRI, "today", "2024-03-22"),
    ("Kim spoke this morning.", FRI, "this morning", "2024-03-22TMO"),
    ("Kim spoke last night.", FRI, "last night", "2024-03-21TNI"),
    ("Two weeks ago, the talks began.", FRI, "Two weeks ago", "2024-W10"),
    ("Three days ago, the talks began.", FRI, "Three days ago", "2024-03-19"),
    ("Five years ago the border closed.", FRI, "Five years ago", "2019"),
    # durations
    ("The three-day trip ended.", FRI, "three-day", "P3D"),
    ("The talks lasted two hours.", FRI, "two hours", "PT2H"),
    ("He served 2 1/2 years.", FRI, "2 1/2 years", "P2Y6M"),
    ("He has lived there for years.", FRI, "years", "PXY"),
    ("Sales rose in the past three months.", FRI, "the past three months", "P3M"),
    ("It has been closed for a decade.", FRI, "a decade", "P10Y"),
    ("It was shut for nearly forty years.", FRI, "nearly forty years", "P40Y"),
    ("They talked for half an hour.", FRI, "half an hour", "PT30M"),
    # sets
    ("The annual forum is held in Laos.", FRI, "annual", "P1Y"),
    ("They meet every week.", FRI, "every week", "P1W"),
    ("The paper is printed daily.", FRI, "daily", "P1D"),
    ("They meet each Thursday.", FRI, "each Thursday", "XXXX-WXX-4"),
    ("Prices rise 3 percent a year.", FRI, "a year", "P1Y"),
    ("They meet twice a month.", FRI, "twice a month", "P1M"),
    # references
    ("Kim is now in Beijing.", FRI, "now", "PRESENT_REF"),
    ("Kim is currently in Beijing.", FRI, "currently", "PRESENT_REF"),
    ("Kim recently visited Laos.", FRI, "recently", "PAST_REF"),
    ("Kim may return in the future.", FRI, "the future", "FUTURE_REF"),
    # holidays
    ("Shops close on Christmas.", D(2024, 12, 20), "Christmas", "2024-12-25"),
    ("Shops closed on Thanksgiving.", D(2023, 11, 30), "Thanksgiving", "2023-11-23"),
]


@pytest.mark.parametrize(("text", "dct", "phrase", "value"), CASES)
def test_value(text: str, dct: dt.date | None, phrase: str, value: str) -> None:
    t = one(text, dct, phrase)
    assert t.value == value, t
    assert is_valid(t.value, t.type), t


@pytest.mark.parametrize(
    ("text", "dct", "phrase", "value", "date_from", "date_to"),
    [
        # ISO weeks across a year boundary
        (
            "Talks were held this week.",
            D(2024, 12, 30),
            "this week",
            "2025-W01",
            D(2024, 12, 30),
            D(2025, 1, 5),
        ),
        (
            "Talks were held last week.",
            D(2024, 1, 3),
            "last week",
            "2023-W52",
            D(2023, 12, 25),
            D(2023, 12, 31),
        ),
        (
            "Talks were held last month.",
            D(2024, 1, 15),
            "last month",
            "2023-12",
            D(2023, 12, 1),
            D(2023, 12, 31),
        ),
        ("Talks resume next month.", D(2023, 12, 20), "next month", "2024-01", D(2024, 1, 1), D(2024, 1, 31)),
        ("Talks were held last year.", D(2024, 1, 1), "last year", "2023", D(2023, 1, 1), D(2023, 12, 31)),
        ("Talks resume tomorrow.", D(2023, 12, 31), "tomorrow", "2024-01-01", D(2024, 1, 1), D(2024, 1, 1)),
        ("They met on Friday.", D(2024, 1, 2), "Friday", "2023-12-29", D(2023, 12, 29), D(2023, 12, 29)),
        ("They will meet on Monday.", D(2023, 12, 29), "Monday", "2024-01-01", D(2024, 1, 1), D(2024, 1, 1)),
        # leap days
        ("He arrived yesterday.", D(2024, 3, 1), "yesterday", "2024-02-29", D(2024, 2, 29), D(2024, 2, 29)),
        (
            "It fell on February 29.",
            D(2024, 3, 10),
            "February 29",
            "2024-02-29",
            D(2024, 2, 29),
            D(2024, 2, 29),
        ),
        (
            "It falls on February 29.",
            D(2023, 12, 1),
            "February 29",
            "2024-02-29",
            D(2024, 2, 29),
            D(2024, 2, 29),
        ),
        (
            "Talks were held last month.",
            D(2024, 3, 31),
            "last month",
            "2024-02",
            D(2024, 2, 1),
            D(2024, 2, 29),
        ),
        (
            "A year ago the border closed.",
            D(2024, 2, 29),
            "A year ago",
            "2023",
            D(2023, 1, 1),
            D(2023, 12, 31),
        ),
        ("Talks were held last week.", D(2024, 3, 4), "last week", "2024-W09", D(2024, 2, 26), D(2024, 3, 3)),
    ],
)
def test_dct_edges(
    text: str, dct: dt.date, phrase: str, value: str, date_from: dt.date, date_to: dt.date
) -> None:
    t = one(text, dct, phrase)
    assert (t.value, t.date_from, t.date_to) == (value, date_from, date_to), t


def test_from_monday_to_thursday_forward() -> None:
    text = "Kim, who is leading a delegation to visit Vietnam from Monday to Thursday, spoke."
    tx = extract_timexes(text, MON)
    days = [(t.text, t.value) for t in tx]
    assert days == [("Monday", "2024-03-25"), ("Thursday", "2024-03-28")]
    # announced in the week before: still forward, in the coming week
    tx = extract_timexes(text, D(2024, 3, 20))
    assert [t.value for t in tx] == ["2024-03-25", "2024-03-28"]


def test_granularity_and_precision() -> None:
    cases = {
        "March 2024": ("2024-03", DatePrecision.MONTH, D(2024, 3, 1), D(2024, 3, 31)),
        "2019": ("2019", DatePrecision.YEAR, D(2019, 1, 1), D(2019, 12, 31)),
        "June 21, 2019": ("2019-06-21", DatePrecision.DAY, D(2019, 6, 21), D(2019, 6, 21)),
        "the third quarter of 2023": ("2023-Q3", DatePrecision.MONTH, D(2023, 7, 1), D(2023, 9, 30)),
    }
    for phrase, (value, prec, a, b) in cases.items():
        t = one(f"It happened in {phrase}.", FRI, phrase)
        assert (t.value, t.precision, t.date_from, t.date_to) == (value, prec, a, b), t


@pytest.mark.parametrize(
    ("text", "phrase", "value"),
    [
        ("They met on Friday.", "Friday", "XXXX-WXX-5"),
        ("He arrived yesterday.", "yesterday", "XXXX-XX-XX"),
        ("Officials met this week.", "this week", "XXXX-WXX"),
        ("Exports fell last month.", "last month", "XXXX-XX"),
        ("This year marks the 75th anniversary.", "This year", "XXXX"),
        ("The summit opens on March 25.", "March 25", "XXXX-03-25"),
        ("Talks resumed in December.", "December", "XXXX-12"),
        ("Profit rose in the third quarter.", "the third quarter", "XXXX-Q3"),
        ("The vote closes at 10 p.m.", "10 p.m.", "XXXX-XX-XXT22:00"),
        ("It was signed on June 21, 2019.", "June 21, 2019", "2019-06-21"),
        ("Kim visited Vietnam in 2019.", "2019", "2019"),
        ("The three-day trip ended.", "three-day", "P3D"),
        ("Kim is now in Beijing.", "now", "PRESENT_REF"),
    ],
)
def test_no_dct_underspecified(text: str, phrase: str, value: str) -> None:
    t = one(text, None, phrase)
    assert t.value == value, t
    assert is_valid(t.value, t.type)
    if "X" in t.value:
        assert t.date_from is None and t.date_to is None and t.precision is None
        assert t.anchor == "none"


@pytest.mark.parametrize(
    "text",
    [
        "The 75th anniversary was marked.",
        "It cost $2019.",
        "Some 2019 people attended.",
        "There were 2,019 votes.",
        "Call 555 2019 now",
        "It may rain. March on!",
        "He may go.",
        "Page 2019 of the report",
        "Flight 1990 landed.",
        "The score was 3:1.",
        "A quarter of the people left.",
        "The fall in prices hurt.",
    ],
)
def test_no_false_timex(text: str) -> None:
    tx = extract_timexes(text, FRI)
    assert not [t for t in tx if t.value not in ("PRESENT_REF",)], tx


def test_output_invariants_on_mixed_text() -> None:
    text = (
        "On Monday, March 25, 2024, at 9:30 a.m. EST, officials said the three-day talks held last week "
        "would resume next month, a year after they began in 2023 and two decades since the 1990s."
    )
    tx = extract_timexes(text, MON)
    assert tx
    last = 0
    for t in tx:
        assert last <= t.start < t.end <= len(text)
        assert text[t.start : t.end] == t.text
        assert is_valid(t.value, t.type), t
        last = t.end
        if t.type in (TimexType.DATE, TimexType.TIME) and "X" not in t.value and not t.value.endswith("REF"):
            assert (t.date_from, t.date_to, t.precision) == value_range(t.value)


def test_rule_and_anchor_are_named() -> None:
    t = one("They met last Friday.", MON, "last Friday")
    assert t.rule == "weekday" and t.anchor == "dct_past"
    t = one("It was signed on June 21, 2019.", MON, "June 21, 2019")
    assert t.anchor == "absolute"
