"""Sentences, tokens and mentions index the body; one output per input, in order; bad text never raises."""

from __future__ import annotations

import datetime as dt

import pytest

from newsledger.annotate import annotate_documents
from newsledger.records import AnnotatedDocument, CleanDocument, Rejection


def _doc(body: str, doc_id: str = "d1", published: dt.date | None = dt.date(2024, 3, 22)) -> CleanDocument:
    return CleanDocument(doc_id=doc_id, body=body, lines=(), published=published)


BODY = (
    "Chinese Foreign Minister Wang Yi met his North Korean counterpart in Beijing on Tuesday.\n"
    "Kim Song-nam, director of the international department at the North's ruling Workers' Party, "
    "attended the talks.\n"
    "The two sides agreed to meet again in Pyongyang next year."
)


def _ok(doc: CleanDocument) -> AnnotatedDocument:
    (out,) = annotate_documents([doc])
    assert isinstance(out, AnnotatedDocument), out
    return out


def test_offsets_slice_back() -> None:
    a = _ok(_doc(BODY))
    assert a.body == BODY and a.dct == dt.date(2024, 3, 22)
    assert a.sentences and a.tokens and a.mentions
    for s in a.sentences:
        assert BODY[s.start : s.end].strip() == BODY[s.start : s.end] != ""
    for t in a.tokens:
        assert 0 <= t.start < t.end <= len(BODY) and BODY[t.start : t.end].strip()
        assert 0 <= t.head < len(a.tokens) and 0 <= t.sent < len(a.sentences)
        s = a.sentences[t.sent]
        assert s.start <= t.start and t.end <= s.end
    for m in a.mentions:
        assert BODY[m.start : m.end] == m.text
        s = a.sentences[m.sent]
        assert s.start <= m.start and m.end <= s.end
        if m.role_span is not None:
            assert BODY[m.role_span[0] : m.role_span[1]] == m.role


def test_sentences_never_span_paragraphs() -> None:
    a = _ok(_doc('He said "no.\nThe ministry did not reply'))
    assert [a.body[s.start : s.end] for s in a.sentences] == ['He said "no.', "The ministry did not reply"]


def test_one_output_per_input_in_order() -> None:
    docs = [_doc(BODY, "a"), _doc("", "b", None), _doc("Paris is in France.", "c")]
    out = annotate_documents(docs)
    assert [o.doc_id for o in out] == ["a", "b", "c"]
    assert annotate_documents([]) == []


@pytest.mark.parametrize(
    "body",
    [
        "",
        "   \n\n  ",
        '"He said "that" and "this',
        "«« »» ” “ ( [ { ",
        "\u0000\ufeff\u200b zero width",
        "word " * 12_000,  # 60 kB, one sentence, no punctuation (1 MB: see the report, ~100 s)
        "\n".join(["x"] * 2000),
        "2024-03-22 " * 1000,
    ],
)
def test_bad_text_never_raises(body: str) -> None:
    (out,) = annotate_documents([_doc(body)])
    assert isinstance(out, AnnotatedDocument | Rejection)
    if isinstance(out, AnnotatedDocument):
        for t in out.tokens:
            assert body[t.start : t.end].strip()


def test_one_megabyte_without_spaces_is_cut_not_fatal() -> None:
    body = "a" * 1_000_000
    (out,) = annotate_documents([_doc(body)])
    assert isinstance(out, AnnotatedDocument)
    assert out.tokens[0].start == 0 and out.tokens[-1].end == len(body)


def test_a_failing_step_becomes_a_rejection(monkeypatch: pytest.MonkeyPatch) -> None:
    import newsledger.annotate.timex as timex

    def boom(text: str, dct: dt.date | None) -> tuple[()]:
        raise ValueError("grammar broke")

    monkeypatch.setattr(timex, "extract_timexes", boom)
    out = annotate_documents([_doc(BODY, "a"), _doc("Paris is in France.", "b")])
    assert [type(o) for o in out] == [Rejection, Rejection]
    assert isinstance(out[0], Rejection)
    assert (
        out[0].stage == "annotate" and out[0].reason == "annotate_failed" and "grammar broke" in out[0].detail
    )


def test_timex_grammar_not_there_yet_gives_no_timexes(monkeypatch: pytest.MonkeyPatch) -> None:
    import newsledger.annotate.timex as timex

    def missing(text: str, dct: dt.date | None) -> tuple[()]:
        raise NotImplementedError

    monkeypatch.setattr(timex, "extract_timexes", missing)
    a = _ok(_doc(BODY))
    assert a.timexes == () and a.mentions


def test_timexes_index_the_body() -> None:
    a = _ok(_doc(BODY))
    for t in a.timexes:
        assert BODY[t.start : t.end] == t.text
