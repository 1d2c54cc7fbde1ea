"""HTML input: trafilatura's main text, metadata dates with evidence in the HTML, the same post-rules."""

from __future__ import annotations

import datetime as dt

from _rawdoc import make_raw

from newsledger.clean import clean_document
from newsledger.records import CleanDocument

PARA = (
    "Officials from both countries met on Thursday in the capital and agreed to expand trade links, "
    "according to a statement released after the talks between the two delegations."
)
HTML = f"""<!doctype html>
<html><head><title>Trade talks make progress | Example News</title>
<meta property="article:published_time" content="2024-03-25T12:58:00+05:30">
<meta property="og:site_name" content="Example News"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Trade talks make progress</h1>
<p>{PARA}</p>
<p>The delegations discussed customs rules, shipping routes and a new joint commission that will meet twice
a year to review progress on the agreements signed during the visit, the ministry said.</p>
<p>Analysts said the meeting was a sign that relations were improving after several years of tension,
although many of the measures still needed approval by parliament.</p>
<p>{PARA}</p>
</article><footer>© 2024 Example News. All rights reserved.</footer></body></html>"""


def test_html_body_date_and_title() -> None:
    res = clean_document(make_raw(HTML, content_type="html", url="https://news.example.com/a"))
    assert isinstance(res, CleanDocument)
    assert res.body.count(PARA) == 1, "repeated paragraph kept once"
    assert "All rights reserved" not in res.body
    assert res.published == dt.date(2024, 3, 25)
    ev = res.published_evidence
    assert ev is not None and HTML[ev.start : ev.end] == ev.text
    assert res.title and "Trade talks make progress" in res.title
    assert res.source_text is not None
    for ln in res.lines:
        assert res.source_text[ln.raw_start : ln.raw_end].endswith(res.body[ln.body_start : ln.body_end])


def test_text_that_is_html_is_routed_to_the_html_path() -> None:
    res = clean_document(make_raw(HTML))
    assert isinstance(res, CleanDocument) and res.source_text is not None
