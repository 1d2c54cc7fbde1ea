"""The spaCy pipeline, loaded once per process, lazily, and cached at module level."""

from __future__ import annotations

import logging
import threading
from typing import Any

from newsledger.annotate import rules

log = logging.getLogger(__name__)

_LOCK = threading.Lock()
_NLP: Any = None
_PARAGRAPHS = "newsledger_paragraph_starts"
# fastpipes.py: same output as the stock rule components, computed once per distinct token shape
_FAST = {"attribute_ruler": "newsledger_attribute_ruler", "lemmatizer": "newsledger_lemmatizer"}


def _paragraph_starts(doc: Any) -> Any:
    """Make the first token after a line break start a sentence: a sentence never spans two paragraphs.

    The parser keeps boundaries that are already set and decides the rest. Only the line breaks are
    visited. The text is joined from the token strings rather than read as ``doc.text``, which makes a
    Token object per token (under cProfile 2.2 of 2.3 ms an article on 300 Reuters articles; without the
    profiler much less: annotate on 1,000 articles 38.38 -> 37.82 s of CPU, on a shared machine). A
    token's trailing whitespace is one space at most, so every line break is inside some token's text.
    """
    import numpy as np
    from spacy.attrs import IDX, IS_SPACE, ORTH, SPACY

    n = len(doc)
    if n == 0:
        return doc
    arr = doc.to_array([ORTH, SPACY, IDX, IS_SPACE])
    strings = doc.vocab.strings
    text = "".join([strings[o] + " " if sp else strings[o] for o, sp in arr[:, :2].tolist()])
    p = text.find("\n")
    if p < 0:
        return doc
    starts = arr[:, 2]
    space = arr[:, 3].tolist()
    while p >= 0:
        i = int(np.searchsorted(starts, p, side="right"))  # first token starting after the break
        while i < n and space[i]:
            i += 1
        if 0 < i < n:
            doc[i].is_sent_start = True
        p = text.find("\n", p + 1)
    return doc


def _fast_version(nlp: Any, stock_name: str) -> Any:
    from newsledger.annotate import fastpipes

    stock = nlp.get_pipe(stock_name)
    if stock_name == "attribute_ruler":
        return fastpipes.fast_attribute_ruler(stock)
    return fastpipes.fast_rule_lemmatizer(stock)


def _fast_factory(stock_name: str) -> Any:
    """A factory taking only ``(nlp, name)``: spaCy validates a factory's other arguments as config."""

    def make(nlp: Any, name: str) -> Any:
        return _fast_version(nlp, stock_name)

    return make


def _use_fast_rule_components(nlp: Any) -> None:
    """Put the fast equivalents in place of the stock rule components (kept, disabled) when they apply."""
    from spacy.language import Language

    for stock, fast in _FAST.items():
        if stock not in nlp.pipe_names or _fast_version(nlp, stock) is None:
            log.debug("keeping spaCy's %s", stock)  # a rule shape the fast version does not handle
            continue
        if not Language.has_factory(fast):
            Language.factory(fast, func=_fast_factory(stock))
        nlp.add_pipe(fast, after=stock)
        nlp.disable_pipe(stock)


def load_nlp() -> Any:
    """The ``spacy.Language`` used by the stage (tagger, parser, lemmatizer, NER kept: events need the parse).

    Imported and loaded on first use only, so commands that do not annotate never import spaCy.
    """
    global _NLP
    if _NLP is None:
        with _LOCK:
            if _NLP is None:
                import spacy
                from spacy.language import Language

                if not Language.has_factory(_PARAGRAPHS):
                    Language.component(_PARAGRAPHS, func=_paragraph_starts)
                from thinc.api import use_ops

                # the layers take their ops when built: load under the ops the stage wants
                with use_ops("numpy", use_blis=rules.SPACY_USE_BLIS):
                    nlp = spacy.load(rules.SPACY_MODEL, exclude=list(rules.SPACY_EXCLUDE))
                nlp.add_pipe(_PARAGRAPHS, before="parser")
                _use_fast_rule_components(nlp)
                nlp.max_length = rules.NLP_MAX_LENGTH
                log.debug("loaded %s with %s", rules.SPACY_MODEL, nlp.pipe_names)
                _NLP = nlp
    return _NLP
