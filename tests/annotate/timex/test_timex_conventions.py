"""TIMEX3 conventions fixed after the issue #5 error analysis (one case or more per kind of error).

Each case is a general TimeML rule, written with made-up sentences (not taken from the dev data).
"""

from __future__ import annotations

import datetime as dt

import pytest

from newsledger.annotate.timex import extract_timexes
from newsledger.annotate.timex.values import is_valid
from newsledger.records import TimeExpression

D = dt.date
MON = D(2024, 3, 25)  # a Monday


def one(text: str, dct: dt.date | None, phrase: str) -> TimeExpression:
    i = text.index(phrase)
    found = [t for t in extract_timexes(text, dct) if t.start <= i < t.end]
    assert len(found) == 1, (text, phrase, extract_timexes(text, dct))
    assert found[0].text == phrase, (found[0].text, phrase)
    assert is_valid(found[0].value, found[0].type), found[0]
    return found[0]


# (kind, text, DCT, timex text, value)
CASES: list[tuple[str, str, dt.date | None, str, str]] = [
    # an expression that opens its sentence reads its tense from its own sentence, not the one before
    ("sentence_start", "The firm said it would bid. Over the weekend, rivals raised their offers.", MON,
     "the weekend", "2024-W12-WE"),
    ("sentence_start", "Analysts expect a rebound. Friday, the index fell 2%.", MON, "Friday", "2024-03-22"),
    # "over" before "the" is a preposition, outside the span, and no MORE_THAN
    ("over_the", "Fighting continued over the weekend.", MON, "the weekend", "2024-W12-WE"),
    ("over_the", "Sales rose over the past two years.", MON, "the past two years", "P2Y"),
    ("over_the", "The work took over two years.", MON, "over two years", "P2Y"),
    # "couple of" after a determiner
    ("couple", "Prices may rise over the next couple of years.", MON, "the next couple of years", "P2Y"),
    # two-digit decades: the latest begun by the DCT, or the one about to begin
    ("decade_apostrophe", "Sales were flat in the '80s.", D(1989, 10, 26), "the '80s", "198"),
    ("decade_apostrophe", "Growth will return in the '90s.", D(1989, 10, 26), "the '90s", "199"),
    ("decade_apostrophe", "It recalls the '30s.", MON, "the '30s", "193"),
    ("decade_apostrophe", "Prices rose in the '20s.", MON, "the '20s", "202"),
    # quarters with a relative year in front
    ("quarter_rel_year", "It takes effect in next year's first quarter.", D(1989, 10, 31),
     "next year's first quarter", "1990-Q1"),
    ("quarter_rel_year", "Profit rose in the third quarter. In the year-earlier third quarter, it fell.",
     D(1989, 10, 27), "the year-earlier third quarter", "1988-Q3"),
    # "the (full, fiscal) year" in reporting: the DCT's year; "the year ended ..." a one-year period
    ("the_year", "Sales for the full year rose 13%.", D(1989, 11, 2), "the full year", "1989"),
    ("the_year", "Revenue rose in the first nine months of the year.", D(1989, 11, 2), "the year", "1989"),
    ("the_year", "Net rose 5% for the year ended Sept. 30.", D(1989, 11, 2), "the year", "P1Y"),
    # "now that", "until now": the present
    ("now", "Now that the border is open, trade will grow.", MON, "Now", "PRESENT_REF"),
    ("now", "No woman had led a mission until now.", MON, "now", "PRESENT_REF"),
    # tense cues: "plan" as a noun says nothing; "will be paid" points forward
    ("cue_noun", "The thrift announced the plan Aug. 21.", D(1989, 10, 27), "Aug. 21", "1989-08-21"),
    ("cue_passive", "The dividend will be paid Dec. 14.", D(1989, 10, 26), "Dec. 14", "1989-12-14"),
    ("cue_passive", "He could not be located Wednesday.", D(2024, 3, 29), "Wednesday", "2024-03-27"),
    ("cue_noun", "On Friday, she set aside vacation plans.", D(2024, 3, 27), "Friday", "2024-03-22"),
    # quarters and halves "of" a relative or fiscal year
    ("quarter_of_year", "Profit rose in the third quarter of last year.", D(1998, 3, 25),
     "the third quarter of last year", "1997-Q3"),
    ("quarter_of_year", "Sales fell in the first quarter of fiscal 1997.", D(1998, 3, 25),
     "the first quarter of fiscal 1997", "1997-Q1"),
    ("quarter_of_year", "Growth slowed in the first half of this year.", D(1998, 3, 25),
     "the first half of this year", "1998-H1"),
    # plural weekdays and parts of day: a SET
    ("weekday_set", "Flights leave on Tuesday nights.", MON, "Tuesday nights", "XXXX-WXX-2TNI"),
    ("weekday_set", "The market is closed on Sundays.", MON, "Sundays", "XXXX-WXX-7"),
    # "the last week of March" is not last week
    ("week_of_month", "Talks are set for the last week of March.", MON, "March", "2024-03"),
    # "and a half" after the unit
    ("and_a_half", "The hearing lasted an hour and a half.", MON, "an hour and a half", "PT1H30M"),
    ("and_a_half", "He waited for a year and a half.", MON, "a year and a half", "P1Y6M"),
    # "the 1800s" is a century; "the 2000s" written in this century is a decade
    ("hundreds", "Built in the early 1800s, the mill closed.", MON, "the early 1800s", "18"),
    ("hundreds", "Prices soared in the 2000s.", MON, "the 2000s", "200"),
    # 24-hour clock times with a zone, as wire services write them
    ("clock_24h", "The blast came at 0800 GMT.", MON, "0800 GMT", "2024-03-25T08:00Z"),
    # vague future references
    ("future_ref", "Margins will be thin in the near term.", MON, "the near term", "FUTURE_REF"),
    ("future_ref", "The rest will be sold at a later date.", MON, "a later date", "FUTURE_REF"),
    # "that quarter", "the following quarter": the quarter last named
    ("that_quarter", "Profit rose in the third quarter of 1997. Results for that quarter included a charge.",
     MON, "that quarter", "1997-Q3"),
    ("that_quarter", "Sales fell in the fourth quarter of 1997. In the following quarter, they rose.",
     MON, "the following quarter", "1998-Q1"),
    # "later Monday": "later" is outside the weekday's span and is no future cue
    ("later_weekday", "Later Monday, police said two men were held.", D(2024, 3, 27), "Monday", "2024-03-25"),
    ("later_weekday", "He spoke to reporters earlier yesterday.", MON, "earlier yesterday", "2024-03-24"),
    # a relative day before a clock time makes one TIME
    ("day_at_clock", "He came yesterday at 10:30 p.m.", MON, "yesterday at 10:30 p.m.", "2024-03-24T22:30"),
    # a quarter of a stated year's: "1997's fourth quarter", "fiscal 2024's third quarter"
    ("quarter_of_year", "Profit fell in 1997's fourth quarter.", D(1998, 3, 25), "1997's fourth quarter",
     "1997-Q4"),
    ("quarter_of_year", "It expects a loss in fiscal 2024's third quarter.", D(2024, 1, 10),
     "fiscal 2024's third quarter", "2024-Q3"),
    # decades relative to the DCT or to the last stated date
    ("ref_decade", "The plant will close by the end of the decade.", MON, "the end of the decade", "202"),
    ("ref_decade", "Prices soared in the 1970s, and in the following decade they fell.", MON,
     "the following decade", "198"),
    # "or so" (APPROX) and "N more years" belong to the expression
    ("or_so", "The plant will close over the next two years or so.", MON, "the next two years or so", "P2Y"),
    ("or_so", "Then, a week or so ago, talks began.", MON, "a week or so ago", "2024-W12"),
    ("more_units", "The base stays for at least 20 more years.", MON, "at least 20 more years", "P20Y"),
]  # fmt: skip


@pytest.mark.parametrize(("kind", "text", "dct", "phrase", "value"), CASES)
def test_convention(kind: str, text: str, dct: dt.date | None, phrase: str, value: str) -> None:
    t = one(text, dct, phrase)
    assert t.value == value, (kind, t)


def test_long_term_adjective_is_not_a_timex() -> None:
    assert not extract_timexes("The company repaid its long-term debt.", MON)


def test_year_before_is_not_the_dct_year() -> None:
    tx = extract_timexes("Profit was $3 million, down from $4 million the year before.", D(1989, 11, 2))
    assert not [t for t in tx if "year" in t.text], tx
    tx = extract_timexes("China declared it the year of friendship.", D(1989, 11, 2))
    assert not tx, tx
    assert not extract_timexes("He was named Person of the Year.", D(1989, 11, 2))


def test_or_so_is_approx() -> None:
    assert one("Then, a week or so ago, talks began.", MON, "a week or so ago").mod == "APPROX"


def test_over_the_is_not_more_than() -> None:
    assert one("Sales rose over the past two years.", MON, "the past two years").mod is None
    assert one("The work took over two years.", MON, "over two years").mod == "MORE_THAN"
