"""Every span the stage reports slices back out of the text it indexes."""

from __future__ import annotations

from pathlib import Path

import pytest
from _rawdoc import make_raw

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
