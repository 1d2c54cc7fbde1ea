"""Properties of :func:`newsledger.clean.features._rows`: the per-line values do not depend on the rest of
the page (the function counts some characters only where the page holds them, finds rare strings, times,
dates and comment words on the page's lines joined, and sums stop words and title-case words over the
page's tokens at once; each line's values must still equal those of the line alone), and they equal value
for value those of the straightforward line-by-line version it replaced (``_rows_reference``)."""

from __future__ import annotations

import numpy as np
from _rows_reference import rows_reference
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsledger.clean.features import (
    _COMMENT_RE,
    _COMMENT_SCAN,
    _NUMDATE_RE,
    _NUMDATE_SCAN,
    _rows,
    line_words,
    page_info,
)
from newsledger.clean.segment import segment

SAMPLES = [
    "Home | News | Sport",
    "WWW.EXAMPLE.COM",
    "Visit Example.Org for more",
    "The minister said the talks had gone well, and that both sides would meet again soon. He left.",
    "中国新闻网，北京、上海。记者报道",
    "Posted by Jane on March 3, 2024 at 10:15",
    "12 Comments",
    "Tags: politics, economy",
    "1. First item",
    "« Previous › Next • More · Less",
    "“Quoted text ends here.”",
    "İSTANBUL (AP) — Something happened",
    "a    padded    table    cell",
    "Read more...",
    "By JOHN SMITH",
    "Share on Facebook Twitter Email Print",
    "@handle wrote:",
    " ".join(["word"] * 45),
    " ".join(["Capital"] * 20 + ["lower"] * 30),
    "Jane says: great piece", "Report abuse", "Leave a Reply", "Comments (12):", "Log in to reply",
    "Posted by Bob on 3/4/2024 at 10:15 pm", "Updated 2024-03-05 12:30", "2011年11月28日 記者", "ſays: x",
    "Share | by John Smith", "Topics : economy", "Related Stories: x", "a | b | c | | d", "Wow! Really? Yes.",
    "Visit http://x.org and www.y.net", "İstanbul İzmir. Next", "“Quote.”", "Done.)", "1) first", "② item",
    "a    b", "x\u00a0y z", "123 456 7", "Dec 3, 2024 · 5 min read", "Follow @x on Twitter",
]  # fmt: skip
# Words and pieces of the vocabulary the Python pass looks for, to build lines that hit it.
PIECES = [
    "tags", "Tags:", "source", ":", "by", "By", "von", "| by", "reply", "Reply", "report", "abuse", "says:",
    "said...", "wrote:", "comments", "Comment", "(3)", "posted", "Posted by", "on", "at", "log in to",
    "leave a", "share", "Facebook", "email", "more", "March", "may", "May", "12", "2024", "10:15", "3/4/2024",
    "2024-03-05", "年", "月", "•", "»", "·", "›", " | ", "@", "www.x.com", "http://", "...", "…", "!", "?",
    ".", ",", "，", "、", "。", "“", "”", "(", ")", "-", "*", "word", "the", "and", "Capital", "ſ", "İ", "Σ",
    "\u00a0", "    ",
]  # fmt: skip


LINE = st.one_of(
    st.sampled_from(SAMPLES),
    st.text(min_size=1, max_size=120).map(lambda s: " ".join(s.split())).filter(bool),
    st.lists(st.sampled_from(PIECES), min_size=1, max_size=24)
    .map(lambda ws: " ".join(ws).strip())
    .filter(bool),
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    lines=st.lists(LINE, min_size=1, max_size=12), lang=st.sampled_from(["en", "ru", None]), cjk=st.booleans()
)
def test_rows_are_per_line(lines: list[str], lang: str | None, cjk: bool) -> None:
    page, lowered = _rows(lines, lang, cjk)
    assert page.shape[1] == len(lines)
    assert lowered == [line.lower().split() for line in lines]
    for i, line in enumerate(lines):
        alone, _ = _rows([line], lang, cjk)
        np.testing.assert_array_equal(page[:, i], alone[:, 0], err_msg=repr(line))


def test_rows_examples() -> None:
    page, _ = _rows(SAMPLES, "en", False)
    assert page.shape == (page.shape[0], len(SAMPLES))
    for i, line in enumerate(SAMPLES):
        alone, _ = _rows([line], "en", False)
        np.testing.assert_array_equal(page[:, i], alone[:, 0], err_msg=repr(line))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    lines=st.lists(LINE, min_size=1, max_size=40), lang=st.sampled_from(["en", "de", None]), cjk=st.booleans()
)
def test_rows_equal_reference(lines: list[str], lang: str | None, cjk: bool) -> None:
    page, lowered = _rows(lines, lang, cjk)
    want, want_lowered = rows_reference(lines, lang, cjk)
    assert lowered == want_lowered
    np.testing.assert_array_equal(page, want)


def test_rows_examples_equal_reference() -> None:
    for lang in ("en", None):
        page, _ = _rows(SAMPLES, lang, False)
        want, _ = rows_reference(SAMPLES, lang, False)
        np.testing.assert_array_equal(page, want)


@settings(max_examples=500, deadline=None)
@given(
    line=st.one_of(
        st.lists(st.sampled_from(PIECES), min_size=1, max_size=8).map("".join),
        st.lists(st.sampled_from(PIECES), min_size=1, max_size=8).map(" ".join),
        st.text(max_size=40),
    )
)
def test_fast_searches_find_the_same_lines(line: str) -> None:
    assert (_COMMENT_SCAN.search(line) is None) == (_COMMENT_RE.search(line) is None)
    assert (_NUMDATE_SCAN.search(line) is None) == (_NUMDATE_RE.search(line) is None)


_PIECES_TEXT = [
    "the", "and", "der", "die", "und", "de", "la", "ΟΔΟΣ", "Σ", "İ", "ſ", "漢", "の", " date 2024-03-22", "x",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(
    parts=st.lists(
        st.one_of(st.sampled_from(_PIECES_TEXT), st.sampled_from([" ", "\n", "\r", "\t", "\u00a0", "  \n "])),
        min_size=1,
        max_size=60,
    ),
    begin=st.integers(0, 30),
)
def test_page_info_from_the_line_words_equals_the_sample(parts: list[str], begin: int) -> None:
    """page_info given the lines' lower-cased tokens guesses what it guesses from the text's sample."""
    text = "".join(parts)
    begin = min(begin, len(text))
    seg = segment(text, begin)
    assert page_info(text, line_words(seg.lines)[1], begin) == page_info(text)
