"""The spaCy model loads lazily, once per process."""

from __future__ import annotations

import subprocess
import sys

import pytest

from newsledger.annotate.model import load_nlp


def test_importing_the_stage_does_not_import_spacy() -> None:
    code = "import sys, newsledger.annotate; print('spacy' in sys.modules, 'pycountry' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


def test_model_is_loaded_once_with_the_parser() -> None:
    nlp = load_nlp()
    assert load_nlp() is nlp
    assert {"parser", "ner", "tagger", "newsledger_lemmatizer"} <= set(nlp.pipe_names)
    assert nlp.pipe_names.index("newsledger_paragraph_starts") < nlp.pipe_names.index("parser")


def test_model_layers_use_the_configured_matrix_backend() -> None:
    from newsledger.annotate import rules

    nlp = load_nlp()
    for name in ("tok2vec", "ner"):
        layers = list(nlp.get_pipe(name).model.walk())
        backend = [getattr(layer.ops, "use_blis", None) for layer in layers]
        # all the layers that run under thinc's ops (the parser's upper layer is driven from C)
        assert backend.count(rules.SPACY_USE_BLIS) >= len(backend) - 1, name


def test_without_a_zone_per_call_the_lexemes_stay_and_the_annotations_are_the_same(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A local text worker parses without a memory zone per call (keep_lexemes): the words it met stay in
    spaCy's vocabulary, and the annotations are those a zone per call gives."""
    import newsledger.annotate as annotate
    from newsledger.records import CleanDocument

    nlp = load_nlp()
    body = "Zorvathian envoy Quillemere Pashtovik met Brenmoorish officials in Kelvaroon on Tuesday."
    doc = CleanDocument(doc_id="z", body=body, lines=())
    before = len(nlp.vocab.strings)
    in_zone = annotate.annotate_documents([doc])
    assert len(nlp.vocab.strings) == before  # the zone freed the new words
    monkeypatch.setattr(annotate, "_ZONE_PER_CALL", True)  # restored after the test
    annotate.keep_lexemes()
    assert not annotate._ZONE_PER_CALL
    kept = annotate.annotate_documents([doc])
    assert "Quillemere" in nlp.vocab.strings and len(nlp.vocab.strings) > before
    assert kept == in_zone
