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


def _paragraph_starts(doc: Any) -> Any:
    """Make the token after a line break start a sentence: a sentence never spans two paragraphs.

    The parser keeps boundaries that are already set and decides the rest.
    """
    for i in range(1, len(doc)):
        prev = doc[i - 1]
        if "\n" in prev.text_with_ws and not doc[i].is_space:
            doc[i].is_sent_start = True
    return doc


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
                nlp = spacy.load(rules.SPACY_MODEL, exclude=list(rules.SPACY_EXCLUDE))
                nlp.add_pipe(_PARAGRAPHS, before="parser")
                nlp.max_length = rules.NLP_MAX_LENGTH
                log.debug("loaded %s with %s", rules.SPACY_MODEL, nlp.pipe_names)
                _NLP = nlp
    return _NLP
