"""``clean_documents`` gives, document by document, exactly what ``clean_document`` gives: the block-wise
features and model calls change nothing, rejections included, and a document that fails inside stays its
own ``internal_error`` rejection without touching the rest of the batch."""

from __future__ import annotations

import dataclasses
import gzip
import json
from pathlib import Path
from typing import Any

import pytest
from _rawdoc import ARTICLE, make_raw
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import newsledger.clean as clean_mod
from newsledger.clean import CleanSettings, clean_document, clean_documents, features
from newsledger.ingest import read_inputs
from newsledger.records import CleanDocument, RawDocument, Rejection

HTML = (
    "<html><head><title>Budget passes</title></head><body><nav>Home | News</nav><article><h1>Budget passes"
    "</h1><p>The city council approved the new budget on Tuesday after a long debate about schools.</p>"
    "<p>The mayor said the plan would keep taxes flat while adding money for repairs.</p></article>"
    "</body></html>"
)
# pages with nothing to classify, or rejected before any classification, mixed into the batch
ODD = [
    ("", "empty"),
    ("   \n\n\t  \n", "empty"),
    (" date 2024-03-22 \n\n", "empty"),
    ("\x00\x01\x02\x03binary\x04\x05\x06" * 50, "binary"),
    ("Home\nNews\nSport\nShare\nTweet", None),
    ("one line only", None),
]


def _examples(examples_dir: Path) -> list[RawDocument]:
    return [d for d in read_inputs([str(examples_dir)]) if isinstance(d, RawDocument)]


def _mixed(examples_dir: Path) -> list[RawDocument]:
    docs = _examples(examples_dir)
    out: list[RawDocument] = []
    for i, (text, _) in enumerate(ODD):
        out.append(make_raw(text, doc_id=f"odd{i}"))
        if i < len(docs):
            out.append(docs[i])
    out.extend(docs[len(ODD) :])
    out.append(make_raw(ARTICLE, doc_id="article"))
    out.append(make_raw(HTML, doc_id="html", content_type="html", url="https://example.com/a"))
    out.append(make_raw(" date 2024-03-22 \n" + ARTICLE, doc_id="hinted"))
    return out


def _assert_same(got: list[CleanDocument | Rejection], want: list[CleanDocument | Rejection]) -> None:
    assert len(got) == len(want)
    for g, w in zip(got, want, strict=True):
        assert type(g) is type(w), (w, g)
        for f in dataclasses.fields(w):
            assert getattr(g, f.name) == getattr(w, f.name), (getattr(w, "doc_id", "?"), f.name)
        assert g == w


def test_batch_equals_one_by_one_on_examples_and_bad_input(examples_dir: Path) -> None:
    docs = _mixed(examples_dir)
    want = [clean_document(d) for d in docs]
    _assert_same(clean_documents(docs), want)
    reasons = {r.doc_id: r.reason for r in want if isinstance(r, Rejection)}
    for i, (_, reason) in enumerate(ODD):
        if reason is not None:
            assert reasons[f"odd{i}"] == reason
    assert any(isinstance(r, CleanDocument) for r in want)


def test_batch_with_settings_and_too_large(examples_dir: Path) -> None:
    docs = _mixed(examples_dir)
    docs.insert(3, make_raw("word " * 20_000, doc_id="big"))
    s = CleanSettings(max_chars=50_000, detect_language=False, threshold=0.4)
    want = [clean_document(d, s) for d in docs]
    assert any(isinstance(r, Rejection) and r.reason == "too_large" for r in want)
    _assert_same(clean_documents(docs, s), want)


def test_default_size_limit_in_a_batch(examples_dir: Path) -> None:
    docs = _examples(examples_dir)[:3]
    docs.insert(1, make_raw("x" * (clean_mod.rules.MAX_CHARS + 1), doc_id="huge"))
    got = clean_documents(docs)
    assert isinstance(got[1], Rejection) and got[1].reason == "too_large"
    _assert_same(got, [clean_document(d) for d in docs])


@pytest.mark.parametrize("block_lines", [1, 50, 4_000])
def test_block_boundaries_do_not_matter(
    examples_dir: Path, monkeypatch: pytest.MonkeyPatch, block_lines: int
) -> None:
    docs = _mixed(examples_dir)
    want = [clean_document(d) for d in docs]
    monkeypatch.setattr(clean_mod, "BLOCK_LINES", block_lines)
    _assert_same(clean_documents(docs), want)


def test_dev_pages(shared_data: Path) -> None:
    """Real page dumps of many sites and languages (every 14th page of boilerplate_dev: 153 pages, 7
    languages, in one batch)."""
    pages = shared_data / "boilerplate_dev" / "pages.jsonl.gz"
    if not pages.exists():
        pytest.skip("boilerplate_dev is not present")
    docs: list[RawDocument] = []
    with gzip.open(pages, "rt", encoding="utf-8") as f:
        for i, line in enumerate(f):
            if i % 14 == 0:
                rec = json.loads(line)
                docs.append(make_raw(rec["text"], doc_id=rec["id"]))
    _assert_same(clean_documents(docs), [clean_document(d) for d in docs])


def test_a_failing_document_is_its_own_rejection(examples_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A bug hit by one page after classification (here: in the outlet search) rejects only that page."""
    docs = _mixed(examples_dir)
    real = clean_mod.meta.find_outlet

    def flaky(text: str, *args: object, **kwargs: object) -> object:
        if "Council approves" in text:
            raise RuntimeError("boom")
        return real(text, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(clean_mod.meta, "find_outlet", flaky)
    want = [clean_document(d) for d in docs]
    got = clean_documents(docs)
    _assert_same(got, want)
    failed = [r for r in got if isinstance(r, Rejection) and r.reason == "internal_error"]
    assert [r.doc_id for r in failed] == ["article", "hinted"]
    assert failed[0].detail == "RuntimeError: boom"


def test_a_failing_page_does_not_sink_its_block(examples_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A bug in the block-wise features (here: the teaser check of one page) fails the block; its pages are
    then cleaned one by one, and only the page that fails alone is rejected."""
    docs = _mixed(examples_dir)
    docs.append(make_raw(ARTICLE + "Council approves new budget after long...\n", doc_id="teaser"))
    real = features._teasers

    def flaky(lines: list[str]) -> object:
        if any("after long..." in x for x in lines):
            raise ValueError("bad page")
        return real(lines)

    monkeypatch.setattr(features, "_teasers", flaky)
    want = [clean_document(d) for d in docs]
    got = clean_documents(docs)
    _assert_same(got, want)
    failed = [r.doc_id for r in got if isinstance(r, Rejection) and r.reason == "internal_error"]
    assert failed == ["teaser"]


def test_a_failure_before_classification(examples_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    docs = _mixed(examples_dir)
    real = clean_mod.page_info

    def flaky(text: str, *args: Any) -> features.PageInfo:
        if "Council approves" in text:
            raise KeyError("info")
        return real(text, *args)

    monkeypatch.setattr(clean_mod, "page_info", flaky)
    want = [clean_document(d) for d in docs]
    got = clean_documents(docs)
    _assert_same(got, want)
    assert [r.doc_id for r in got if isinstance(r, Rejection) and r.reason == "internal_error"] == [
        "article",
        "hinted",
    ]


def test_empty_batch() -> None:
    assert clean_documents([]) == []


PAGE_LINES = st.lists(
    st.one_of(
        st.text(max_size=120),
        st.sampled_from(
            [
                " date 2024-03-22 Menu",
                "Saturday, 23 March 2024 03:56 PM EDT",
                "SEOUL, March 25 (Yonhap) -- ",
                "The minister said the talks had gone well and that both sides would meet again soon.",
                "Opposition members argued that the spending on roads was too low and voted against it.",
                "Read more...",
                "Share",
                "中国新闻网，北京、上海。记者报道",
                "Москва, 25 марта. Правительство одобрило новый бюджет на следующий год.",
                "",
            ]
        ),
    ),
    max_size=25,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(PAGE_LINES, max_size=6))
def test_batch_equals_one_by_one_on_generated_pages(pages: list[list[str]]) -> None:
    docs = [make_raw("\n".join(lines), doc_id=f"p{i}") for i, lines in enumerate(pages)]
    _assert_same(clean_documents(docs), [clean_document(d) for d in docs])


@pytest.mark.parametrize("enabled", [True, False])
def test_the_cyclic_collector_is_paused_during_a_batch_and_restored(
    examples_dir: Path, monkeypatch: pytest.MonkeyPatch, enabled: bool
) -> None:
    """The collector is off while a batch is cleaned (cleaning makes no reference cycles), and left as the
    caller had it afterwards, also when the batch fails as a whole."""
    import gc

    seen: list[bool] = []
    real = clean_mod._clean_documents

    def spy(docs: Any, s: Any) -> Any:
        seen.append(gc.isenabled())
        return real(docs, s)

    monkeypatch.setattr(clean_mod, "_clean_documents", spy)
    was = gc.isenabled()
    try:
        (gc.enable if enabled else gc.disable)()
        docs = _examples(examples_dir)[:2]
        got = clean_documents(docs)
        assert seen == [False]
        assert gc.isenabled() is enabled
        _assert_same(got, [clean_document(d) for d in docs])

        def boom(docs: Any, s: Any) -> Any:
            raise MemoryError("out of memory")

        monkeypatch.setattr(clean_mod, "_clean_documents", boom)
        with pytest.raises(MemoryError):
            clean_documents(docs)
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()
