"""examples/corpus: the publication dates read off the pages, and bodies without the page furniture.

Behaviour, not wording: each check names a kind of boilerplate (cookie notice, app banner, related
stories, tag line, photo caption, repeated lead) and looks for the line of that kind on the page.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from _rawdoc import make_raw

from newsledger.clean import clean_document
from newsledger.records import CleanDocument

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "corpus"

# read off the pages (see eval/eval_clean.py EXAMPLE_DATES for why each is right)
DATES = {
    "000_aee73d3ee0a04789": "2024-03-31",
    "001_508f9ee8832536ea": "2024-03-25",
    "002_aecd282c698b8fde": "2024-03-25",
    "003_3986aa8515dcb806": "2024-03-23",
    "004_5469ecd3d7bffaa7": "2024-04-16",
}


def _cleaned() -> dict[str, tuple[str, CleanDocument]]:
    out = {}
    for p in sorted(EXAMPLES.glob("*.txt")):
        text = p.read_text(encoding="utf-8")
        res = clean_document(make_raw(text, doc_id=p.stem))
        assert isinstance(res, CleanDocument), (p.stem, res)
        out[p.stem] = (text, res)
    return out


CLEANED = _cleaned()


@pytest.mark.parametrize("doc_id", sorted(DATES))
def test_publication_date_with_evidence(doc_id: str) -> None:
    text, res = CLEANED[doc_id]
    assert res.published is not None and res.published.isoformat() == DATES[doc_id]
    ev = res.published_evidence
    assert ev is not None and text[ev.start : ev.end] == ev.text


def _lines_of_kind(text: str, *words: str) -> list[str]:
    return [ln.strip() for ln in text.splitlines() if any(w in ln.lower() for w in words) and ln.strip()]


@pytest.mark.parametrize(
    ("kind", "words"),
    [
        ("cookie notice", ("cookie",)),
        ("app banner", ("open in app", "google play", "app store")),
        ("tag line", ("tags:",)),
        ("newsletter sign-up", ("newsletter", "sign up")),
        ("copyright line", ("©", "all rights reserved")),
        ("comment prompt", ("comment",)),
    ],
)
def test_page_furniture_is_not_in_any_body(kind: str, words: tuple[str, ...]) -> None:
    for doc_id, (text, res) in CLEANED.items():
        for line in _lines_of_kind(text, *words):
            if len(line) < 400:
                assert line not in res.body.splitlines(), (doc_id, kind, line)


def test_related_story_headlines_are_not_in_the_body() -> None:
    for doc_id, (text, res) in CLEANED.items():
        lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
        for k, line in enumerate(lines):
            if line.lower().startswith(("related", "realted", "international realted")):
                for follower in lines[k + 1 : k + 6]:
                    assert follower not in res.body, (doc_id, follower)


def test_photo_caption_is_metadata_not_body() -> None:
    _, res = CLEANED["003_3986aa8515dcb806"]
    for cap in res.captions:
        assert cap.text not in res.body
    assert all("Getty" not in para for para in res.body.splitlines())


def test_repeated_lead_is_kept_once_in_body_place() -> None:
    for doc_id, (_, res) in CLEANED.items():
        paras = res.body.splitlines()
        assert len(paras) == len(set(paras)), doc_id
    _, res = CLEANED["003_3986aa8515dcb806"]
    assert res.body.splitlines()[0].startswith("North Korean and Chinese officials met this week")


def test_headline_is_the_title_not_body() -> None:
    for doc_id, (_, res) in CLEANED.items():
        if res.title:
            assert res.title not in res.body.splitlines(), doc_id
    assert CLEANED["000_aee73d3ee0a04789"][1].title == "KCNA: N. Korean Delegation Visits Laos"
