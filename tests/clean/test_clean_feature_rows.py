"""Property: the per-line values of :func:`newsledger.clean.features._rows` do not depend on the rest of the
page. The function counts some characters only where the page holds them and sums stop words and
title-case words over the page's tokens at once; each line's values must still equal those of the line
alone."""

from __future__ import annotations

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsledger.clean.features import _rows

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
]

LINE = st.one_of(
    st.sampled_from(SAMPLES),
    st.text(min_size=1, max_size=120).map(lambda s: " ".join(s.split())).filter(bool),
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
