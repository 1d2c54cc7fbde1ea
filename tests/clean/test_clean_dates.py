"""Publication date: the page's own stamp beats the crawl hint, zones and times are kept as stated, the
evidence slices back, malformed dates never become candidates, every candidate is kept."""

from __future__ import annotations

import datetime as dt

import pytest
from _rawdoc import make_raw

from newsledger.clean import clean_document
from newsledger.clean.features import line_features, page_info
from newsledger.clean.pubdate import LineContext, scan_dates, text_candidates
from newsledger.clean.segment import segment
from newsledger.records import CleanDocument

BODY = (
    "Officials from both countries met on Thursday in the capital and agreed to expand trade links, "
    "according to a statement released after the talks.\n"
    "The delegations discussed customs rules, shipping routes and a new joint commission that will meet "
    "twice a year to review progress on the agreements signed during the visit.\n"
    "Analysts said the meeting was a sign that relations were improving after several years of tension.\n"
)


def _clean(text: str, **kw: str) -> CleanDocument:
    res = clean_document(make_raw(text, **kw))
    assert isinstance(res, CleanDocument), res
    return res


def test_written_stamp_beats_the_crawl_hint_which_stays_a_candidate() -> None:
    text = " date 2024-03-22 Menu\nWorld\nTrade talks make progress\nWritten: 2024-03-31 13:14:17\n" + BODY
    res = _clean(text)
    assert res.published == dt.date(2024, 3, 31)
    ev = res.published_evidence
    assert ev is not None and text[ev.start : ev.end] == ev.text == "2024-03-31"
    assert dt.date(2024, 3, 22) in {c.date for c in res.date_candidates}
    assert res.date_candidates[0].date == res.published


@pytest.mark.parametrize(
    ("stamp", "day", "time", "tz"),
    [
        ("By Staff | Updated: March 25, 2024 12:58 IST", dt.date(2024, 3, 25), "12:58", "IST"),
        ("Saturday, 23 March 2024 03:56 PM EDT", dt.date(2024, 3, 23), "15:56", "EDT"),
        ("Posted on November 12th, 2012 @ 10:26am (PT)", dt.date(2012, 11, 12), "10:26", "PT"),
    ],
)
def test_stamps_with_time_and_zone_keep_the_stated_day(stamp: str, day: dt.date, time: str, tz: str) -> None:
    res = _clean("Menu\nTrade talks make progress\n" + stamp + "\n" + BODY)
    assert res.published == day
    win = res.date_candidates[0]
    assert win.time == time and (win.tz or "").strip("()") == tz


def test_dateline_without_year_takes_the_year_of_the_other_evidence() -> None:
    text = " date 2024-03-25 SEOUL, March 25 (Yonhap) -- " + BODY
    res = _clean(text)
    assert res.published == dt.date(2024, 3, 25)
    assert res.dateline_place == "SEOUL" and res.agency == "Yonhap"


def test_a_lone_date_in_the_prose_is_not_a_publication_date() -> None:
    text = "Menu\nTrade talks\n" + BODY.replace("on Thursday", "on June 21, 2019,")
    res = _clean(text)
    assert res.published is None


def test_jsonl_published_field_is_a_strong_candidate() -> None:
    res = _clean("Trade talks\n" + BODY, meta_published="2024-03-25T10:00:00Z")
    assert res.published == dt.date(2024, 3, 25)


@pytest.mark.parametrize("bad", ["2024-56-23", "2024-13-01", "2024-02-30", "32.01.2024", "00/00/2024"])
def test_malformed_strings_are_not_dates(bad: str) -> None:
    res = _clean("Trade talks\nPublished: " + bad + "\n" + BODY)
    assert res.published is None
    assert all(c.evidence is None or bad not in c.evidence.text for c in res.date_candidates)


def test_scan_dates_reads_the_common_forms() -> None:
    found = {
        s: [(m.year, m.month, m.day) for m in scan_dates(s)]
        for s in (
            "Tuesday, April 16, 2024",
            "28 ноября 2011 года",
            "2011年11月28日",
            "25. März 2024",
            "5 de marzo de 2024",
            "Δημοσιεύτηκε: Δεκέμβριος 20 2011",
        )
    }
    assert found["Tuesday, April 16, 2024"] == [(2024, 4, 16)]
    assert found["28 ноября 2011 года"] == [(2011, 11, 28)]
    assert found["2011年11月28日"] == [(2011, 11, 28)]
    assert found["25. März 2024"] == [(2024, 3, 25)]
    assert found["5 de marzo de 2024"] == [(2024, 3, 5)]
    assert found["Δημοσιεύτηκε: Δεκέμβριος 20 2011"] == [(2011, 12, 20)]
    assert scan_dates("you may 5 times") == []


@pytest.mark.parametrize("body_first", [None, 0, 2])
def test_candidates_from_the_features_first_digits_equal_a_scan_of_the_lines(body_first: int | None) -> None:
    """text_candidates given each line's first digit (the line features) finds what scanning finds."""
    long_line = "word " * 30 + "In 2019 the plan changed, on 3/4/2021 again and on March 5, 2022."
    text = (
        "Posted on March 3, 2024 at 10:15 am\nHome | News\n12 Comments\n"
        + BODY
        + long_line
        + "\nUpdated 2024-03-05 12:30 GMT\n"
        + ("x" * 650)
        + " 2020-01-01\n"
    )
    seg = segment(text)
    feats = line_features(seg, page_info(text))
    assert feats.digit_at is not None
    ctx = LineContext(
        body_first=body_first,
        body_last=len(seg) - 2 if body_first is not None else None,
        captions=frozenset(),
        bylines=frozenset(),
        dateline_line=None,
    )
    args = (text, seg.starts, seg.ends, seg.lines, ctx)
    assert text_candidates(*args, digit_at=feats.digit_at.tolist()) == text_candidates(*args)
    assert text_candidates(*args)
