"""Property: clean_document never raises on arbitrary text, and every span it reports lies inside the
text it indexes."""

from __future__ import annotations

from _rawdoc import make_raw
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsledger.clean import clean_document
from newsledger.records import CleanDocument, Rejection, Span

LINES = st.lists(
    st.one_of(
        st.text(max_size=200),
        st.sampled_from(
            [
                " date 2024-03-22 Menu",
                "Written: 2024-03-31 13:14:17",
                "2024-56-23",
                "By IANS | Updated: March 25, 2024 12:58 IST",
                "Saturday, 23 March 2024 03:56 PM EDT",
                "SEOUL, March 25 (Yonhap) -- ",
                "© 2024 Thomson/Reuters. All rights reserved.",
                "The minister said the talks had gone well and that both sides would meet again soon.",
                "Share",
                "Tags: a | b",
                "…",
                "\u2028",
                "\r",
            ]
        ),
    ),
    max_size=30,
)


def _inside(text: str, sp: Span | None) -> bool:
    return sp is None or (0 <= sp.start <= sp.end <= len(text) and text[sp.start : sp.end] == sp.text)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(LINES, st.sampled_from(["text", "html"]))
def test_never_raises_and_spans_are_inside(lines: list[str], ctype: str) -> None:
    text = "\n".join(lines)
    doc = make_raw(text, content_type=ctype)
    res = clean_document(doc)
    assert isinstance(res, (CleanDocument, Rejection))
    if isinstance(res, Rejection):
        assert res.reason in {"empty", "binary", "too_large", "no_article_text"}, res
        return
    src = res.source_text if res.source_text is not None else text
    for ln in res.lines:
        assert 0 <= ln.raw_start <= ln.raw_end <= len(src)
        assert 0 <= ln.body_start <= ln.body_end <= len(res.body)
    for sp in (
        res.title_evidence,
        res.published_evidence,
        res.outlet_evidence,
        res.agency_evidence,
        res.dateline,
    ):
        assert _inside(text, sp)
    for sp in (*res.bylines, *res.captions, *res.boilerplate):
        assert _inside(text, sp)
    for c in res.date_candidates:
        assert _inside(text, c.evidence)
