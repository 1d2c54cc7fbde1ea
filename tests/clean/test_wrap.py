"""Hard-wrapped text: line breaks inside a paragraph become spaces before the page is classified."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import pytest
from _rawdoc import ARTICLE, make_raw
from eval.common import shared_data_dir

from newsledger.clean import clean_document, clean_documents
from newsledger.clean.segment import segment
from newsledger.clean.wrap import unwrap
from newsledger.records import CleanDocument

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "corpus"

# a wire in the shape of a plain-text newswire feed (written for this test): headline, dateline, paragraphs
# wrapped at 64 characters, each paragraph's first line indented
WIRE = """HARBOUR AUTHORITY RAISES PORT FEES FOR BULK CARRIERS

MARSEILLE, March 3 - The regional harbour authority said on Tuesday
it would raise the fees it charges bulk carriers by nine percent
from next month, citing the cost of dredging the outer channel.
    Shipping agents said the increase, the second in two years, was
likely to push some grain and coal traffic towards competing ports
along the coast, where fees have been frozen since last summer.
    The authority said the new fees would still be below those of
most northern European ports and that the dredging programme had
to be paid for by the ships that needed the deeper channel.
    Reuter
"""


def _para_map(raw: str, res: CleanDocument) -> None:
    """Each paragraph's raw span holds it, with the raw line breaks inside read as spaces."""
    for ln in res.lines:
        para = res.body[ln.body_start : ln.body_end]
        assert para and "\n" not in para
        assert raw[ln.raw_start : ln.raw_end].replace("\n", " ").endswith(para)


def test_unwrap_joins_the_lines_of_a_paragraph_and_keeps_every_offset() -> None:
    out, seg = unwrap(WIRE)
    assert seg == segment(out)  # the lines of the result, as the page-dump path reads them
    assert len(out) == len(WIRE)
    changed = [i for i, (a, b) in enumerate(zip(WIRE, out, strict=True)) if a != b]
    assert changed and all(WIRE[i] == "\n" and out[i] == " " for i in changed)
    lines = [ln.strip() for ln in out.splitlines() if ln.strip()]
    assert lines[0] == "HARBOUR AUTHORITY RAISES PORT FEES FOR BULK CARRIERS"
    assert lines[1].startswith("MARSEILLE, March 3 - ") and lines[1].endswith("outer channel.")
    assert lines[2].startswith("Shipping agents") and lines[2].endswith("since last summer.")
    assert lines[3].startswith("The authority said") and lines[4] == "Reuter"


def test_clean_reads_a_wrapped_wire_as_paragraphs() -> None:
    res = clean_document(make_raw(WIRE))
    assert isinstance(res, CleanDocument)
    assert res.title == "HARBOUR AUTHORITY RAISES PORT FEES FOR BULK CARRIERS"
    paras = res.body.split("\n")
    assert paras[0].startswith("MARSEILLE, March 3 - The regional harbour authority said on Tuesday it would")
    assert any(p.startswith("Shipping agents said") and p.endswith("since last summer.") for p in paras)
    assert res.dateline_place is not None and "MARSEILLE" in res.dateline_place
    _para_map(WIRE, res)
    # spans report the raw text, line breaks and all
    for sp in (res.title_evidence, res.dateline, *res.boilerplate):
        if sp is not None:
            assert WIRE[sp.start : sp.end] == sp.text


def test_a_wrapped_boilerplate_paragraph_keeps_its_raw_line_breaks() -> None:
    # a sign-up paragraph, wrapped like the rest: read as one line, classified out of the body, and its
    # span reports the raw text (line breaks and all), as every span does
    wire = WIRE + (
        "    Click here to subscribe to our daily shipping newsletter and\n"
        "get the latest port news delivered to your inbox every morning\n"
    )
    res = clean_document(make_raw(wire))
    assert isinstance(res, CleanDocument)
    assert "newsletter" not in res.body
    signup = [sp for sp in res.boilerplate if "newsletter" in sp.text]
    assert len(signup) == 1
    assert signup[0].text == wire[signup[0].start : signup[0].end] and "and\nget" in signup[0].text
    evidence = [c.evidence for c in res.date_candidates]
    for sp in (res.title_evidence, res.dateline, *res.boilerplate, *evidence):
        if sp is not None:
            assert wire[sp.start : sp.end] == sp.text


@pytest.mark.parametrize(
    "text",
    [
        ARTICLE,
        *(p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.txt"))),
        # related-story headlines: upper-case starts
        "\n".join(
            [
                "Council approves new budget after a long debate on roads",
                "Mayor says the city will hire more teachers next year",
                "Flood warnings issued for the river valley towns tonight",
                "Local team wins the regional final in extra time again",
                "New bridge opens to traffic two months ahead of plan",
            ]
        ),
        # a comment thread (lines end without punctuation, "by ..." lines begin in lower case): its lines
        # break wherever a comment ends, not where the next word would not fit
        "\n".join(
            [
                "Man if he's not going to get that pitch, it's going to be a looooong day",
                "by someone on Aug 9, 2012 1:13 PM EDT reply actions",
                "Set up outside, ball was inner half",
                "by another on Aug 9, 2012 1:14 PM EDT reply actions",
                "Hopefully they play Zobie at SS another 9 games so he has SS eligibility next year",
                "by a third on Aug 9, 2012 1:12 PM EDT reply actions 1 recs",
                "Not sure Ryan is enough of a bat for the downgrade at SS",
                "by a fourth on Aug 9, 2012 1:15 PM EDT up reply actions",
            ]
        ),
    ],
)
def test_page_dumps_are_not_unwrapped(text: str) -> None:
    out, seg = unwrap(text)
    assert out is text
    assert seg == segment(text)


def test_paragraph_breaks_stay() -> None:
    text = WIRE.replace("\n    ", "\n\n")  # paragraphs separated by blank lines instead of indents
    out, seg = unwrap(text)
    assert seg == segment(out)
    assert out != text and "\n\n" in out
    assert out.count("\n\n") == text.count("\n\n")


def test_unwrapped_reuters_articles() -> None:
    """On real wires (Reuters-21578, read in place): the headline is found and the body keeps its text."""
    data = shared_data_dir()
    path = data / "reuters21578" / "reuters21578.jsonl.gz" if data else None
    if path is None or not path.exists():
        pytest.skip("../shared/data/reuters21578 not present")
    docs = []
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            if r.get("title") and len(r.get("text", "").split()) >= 250:
                text = f"{r['title']}\n\n{r.get('dateline') or ''} {r['text']}"
                docs.append(make_raw(text, doc_id=str(r["id"])))
            if len(docs) == 200:
                break
    assert sum(unwrap(d.text)[0] is not d.text for d in docs) >= 190
    out = clean_documents(docs)
    tok = re.compile(r"\w+")
    titles = kept = 0
    for d, res in zip(docs, out, strict=True):
        assert isinstance(res, CleanDocument)
        titles += res.title == d.text.split("\n", 1)[0].strip()
        kept += len(tok.findall(res.body)) >= 0.9 * len(tok.findall(d.text.split("\n", 1)[1]))
        _para_map(d.text, res)
    assert titles >= 190  # 200 of 200; before unwrapping: 120
    assert kept >= 180  # 197 of 200; before unwrapping: 27


def test_a_hard_wrapped_paragraphs_indented_lines_are_not_table_cells() -> None:
    # a wire whose paragraphs are indented on every line: the joined paragraph keeps the indentation as runs
    # of spaces, which are not a table row's cell padding (the short first "cell" stays body)
    first = "    Shipping agents said the increase, the second in two years, was"
    wire = WIRE.replace(
        "    Shipping agents said the increase, the second in two years, was\n"
        "likely to push some grain and coal traffic towards competing ports\n"
        "along the coast, where fees have been frozen since last summer.\n",
        first + "\n"
        "    likely to push some grain and coal traffic towards all the competing\n"
        "    ports along the coast, where fees have been frozen since last summer.\n",
    )
    assert wire != WIRE
    _, seg = unwrap(wire)
    assert any(line.startswith(first.strip() + "     likely") for line in seg.lines)  # joined, padded
    res = clean_document(make_raw(wire))
    assert isinstance(res, CleanDocument)
    assert first.strip() in res.body
    assert "likely to push some grain" in res.body
