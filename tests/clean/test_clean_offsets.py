"""Every span the stage reports slices back out of the text it indexes."""

from __future__ import annotations

from pathlib import Path

import pytest
from _rawdoc import make_raw
from _runline import RUN_ARTICLE, RUN_FOOTER, RUN_MENU

from newsledger.clean import clean_document
from newsledger.records import CleanDocument, RawDocument, Span

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "corpus"


def _examples() -> list[RawDocument]:
    return [make_raw(p.read_text(encoding="utf-8"), doc_id=p.stem) for p in sorted(EXAMPLES.glob("*.txt"))]


def _check_span(text: str, span: Span | None) -> None:
    if span is None:
        return
    assert 0 <= span.start <= span.end <= len(text)
    assert text[span.start : span.end] == span.text


@pytest.mark.parametrize("doc", _examples(), ids=lambda d: d.id)
def test_all_spans_slice_back_into_the_raw_text(doc: RawDocument) -> None:
    res = clean_document(doc)
    assert isinstance(res, CleanDocument)
    text = doc.text
    for sp in (
        res.title_evidence,
        res.outlet_evidence,
        res.agency_evidence,
        res.published_evidence,
        res.dateline,
    ):
        _check_span(text, sp)
    for sp in (*res.bylines, *res.captions, *res.boilerplate):
        _check_span(text, sp)
    for cand in res.date_candidates:
        _check_span(text, cand.evidence)


@pytest.mark.parametrize("doc", _examples(), ids=lambda d: d.id)
def test_body_lines_map_to_raw_lines(doc: RawDocument) -> None:
    res = clean_document(doc)
    assert isinstance(res, CleanDocument)
    assert res.body == "\n".join(res.body[ln.body_start : ln.body_end] for ln in res.lines)
    for ln in res.lines:
        para = res.body[ln.body_start : ln.body_end]
        assert para and "\n" not in para
        assert doc.text[ln.raw_start : ln.raw_end].endswith(para)
    starts = [ln.raw_start for ln in res.lines]
    assert starts == sorted(starts), "paragraphs keep their page order"


# a page rendered from a table layout: section name and headline, byline and date, padded into rows
PADDED = (
    "Home     News     Sport     Business\n"
    "Football" + " " * 38 + "Dowling set for absence\n"
    "Midfielder Dowling will miss the next three games after picking up a knee injury in training, "
    "the club said on Tuesday.\n"
    "The manager said the scan showed no lasting damage and that he hoped to have him back for the "
    "derby next month.\n"
    "The club have lost two of their last five matches and sit fourth in the table.\n"
    "Share     Email     Print\n"
)


def test_a_headline_cell_is_the_title_and_its_span_slices_back() -> None:
    doc = make_raw(PADDED)
    res = clean_document(doc)
    assert isinstance(res, CleanDocument)
    assert res.title == "Dowling set for absence"
    _check_span(doc.text, res.title_evidence)
    assert res.body.startswith("Midfielder Dowling will miss")


def test_a_headline_cell_leaves_its_body_line_and_the_rest_stays(monkeypatch: pytest.MonkeyPatch) -> None:
    # the headline shares a padded line with the lead: the cell is the title, the lead stays body
    text = "Dowling set for absence" + " " * 12 + PADDED.split("\n", 2)[2]
    head = "Dowling set for absence"

    def find_title(text: str, starts: list[int], lines: list[str], *_: object) -> tuple[str, Span, int]:
        i = next(k for k, line in enumerate(lines) if line.startswith(head))
        return head, Span(start=starts[i], end=starts[i] + len(head), text=head), i

    monkeypatch.setattr("newsledger.clean.meta.find_title", find_title)
    doc = make_raw(text)
    res = clean_document(doc)
    assert isinstance(res, CleanDocument)
    assert res.title == head
    assert res.body.startswith("Midfielder Dowling will miss")
    assert head not in res.body
    for ln in res.lines:
        assert doc.text[ln.raw_start : ln.raw_end] == res.body[ln.body_start : ln.body_end]


def test_a_paragraph_in_a_padded_row_is_body_without_the_rows_furniture() -> None:
    lead = PADDED.split("\n")[2]
    text = PADDED.replace(lead, "News" + " " * 8 + lead + " " * 6 + "Print     Email")
    doc = make_raw(text)
    res = clean_document(doc)
    assert isinstance(res, CleanDocument)
    assert res.body.split("\n")[0] == lead
    assert "Print" not in res.body and "Email" not in res.body
    for ln in res.lines:
        assert doc.text[ln.raw_start : ln.raw_end] == res.body[ln.body_start : ln.body_end]
    # the row's other cells are boilerplate spans, in page order with the other lines
    left = {sp.text for sp in res.boilerplate}
    assert {"News", "Print", "Email"} <= left
    for sp in res.boilerplate:
        _check_span(doc.text, sp)
    starts = [sp.start for sp in res.boilerplate]
    assert starts == sorted(starts)


def test_a_page_run_into_one_line_keeps_its_article_and_reports_the_rest() -> None:
    # broken markup ran the menu, the article and the footer into one line: the body is the article, and
    # the menu and the footer are boilerplate spans that slice back out of the raw text
    text = f"Example News\n{RUN_MENU} {RUN_ARTICLE} {RUN_FOOTER}\nContact us\n"
    doc = make_raw(text)
    res = clean_document(doc)
    assert isinstance(res, CleanDocument)
    assert res.body == RUN_ARTICLE
    (ln,) = res.lines
    assert doc.text[ln.raw_start : ln.raw_end] == RUN_ARTICLE
    left = {sp.text for sp in res.boilerplate}
    assert {RUN_MENU, RUN_FOOTER} <= left
    for sp in res.boilerplate:
        _check_span(doc.text, sp)
    starts = [sp.start for sp in res.boilerplate]
    assert starts == sorted(starts)
