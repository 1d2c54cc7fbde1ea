"""Annotate stage: sentences, tokens with parse, entity mentions (with roles) and time expressions.

Entry: ``annotate_documents(docs) -> list[AnnotatedDocument | Rejection]`` (batched ``nlp.pipe``); the
DCT of each document is its ``CleanDocument.published``. (Owned by issue #5.)
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from contextlib import nullcontext
from typing import Any

from newsledger.annotate import rules
from newsledger.annotate.chunks import chunk_spans
from newsledger.annotate.mentions import build_mentions
from newsledger.annotate.model import load_nlp
from newsledger.annotate.parse import parse_chunks
from newsledger.annotate.timex import VERSION as TIMEX_VERSION
from newsledger.records import AnnotatedDocument, CleanDocument, Rejection, TimeExpression

__all__ = ["NAME", "VERSION", "annotate_documents", "keep_lexemes"]

log = logging.getLogger(__name__)
log.addHandler(logging.NullHandler())

_MODEL_TEXT = str.maketrans(rules.MODEL_CHAR_MAP)  # same-length substitutions: offsets are unchanged

NAME = "annotate"
# the stage output includes the time expressions, so a timex change re-annotates stored documents too
VERSION = f"2.{TIMEX_VERSION}"


def annotate_documents(docs: Sequence[CleanDocument]) -> list[AnnotatedDocument | Rejection]:
    """One ``AnnotatedDocument`` (or ``Rejection``) per input, in order; never raises for a bad document.

    All bodies are cut into paragraph chunks and parsed in one batched ``nlp.pipe``; if the batch fails
    as a whole, documents are parsed one by one so only the culprit is rejected.
    """
    if not docs:
        return []
    nlp = load_nlp()
    jobs: list[tuple[str, tuple[int, int]]] = []
    for i, d in enumerate(docs):
        for a, b in chunk_spans(d.body):
            jobs.append((d.body[a:b].translate(_MODEL_TEXT), (i, a)))
    per_doc: list[list[tuple[int, Any]]] = [[] for _ in docs]
    mean_len = sum(len(t) for t, _ in jobs) // max(1, len(jobs))
    batch = max(1, min(rules.PIPE_BATCH_SIZE, rules.PIPE_BATCH_CHARS // max(1, mean_len)))
    # Everything spaCy allocates for these texts (new strings, lexemes) is freed at the end of the zone; the
    # records built in it hold Python strings only. Without it the string store keeps every new string (800
    # articles: +4,453 strings); the worker's RSS growth is mostly elsewhere (see engine.local). A process
    # that is replaced after a bounded number of batches parses without it (keep_lexemes).
    with nlp.memory_zone() if _ZONE_PER_CALL else nullcontext():
        try:
            for sdoc, (i, a) in nlp.pipe(jobs, as_tuples=True, batch_size=batch):
                per_doc[i].append((a, sdoc))
        except Exception as exc:  # isolate the culprit: parse each document alone
            log.warning("annotate batch of %d failed (%s); parsing one by one", len(docs), exc)
            per_doc = []
            return [_annotate_alone(nlp, d) for d in docs]
        out = [_finish(d, per_doc[i]) for i, d in enumerate(docs)]
        per_doc = []  # no spaCy Doc outlives the zone
    return out


# Whether each call parses in a memory zone of its own. The zone costs time: every lexeme the batch makes
# is made again by the next batch (~93 an article on Reuters wires), and making one runs the lexical
# attribute functions. Text stages in a local engine worker's settings (one thread), 1,580 articles after
# 20 batches of warm-up, alternating runs: 34.5 / 34.1 ms an article in a zone per call, 32.0 / 32.5 without
# (identical outputs), for +5 MB of peak RSS.
_ZONE_PER_CALL = True


def keep_lexemes() -> None:
    """Parse without a memory zone per call in this process from now on: for a local engine worker,
    which is replaced after ``WORKER_MAX_BATCHES`` batches, so the strings and lexemes it keeps are bounded
    (the in-process and Dask paths keep the zone: their processes live as long as the run)."""
    global _ZONE_PER_CALL
    _ZONE_PER_CALL = False


def _annotate_alone(nlp: Any, doc: CleanDocument) -> AnnotatedDocument | Rejection:
    try:
        chunks = [(a, nlp(doc.body[a:b].translate(_MODEL_TEXT))) for a, b in chunk_spans(doc.body)]
    except Exception as exc:
        return _reject(doc, f"parse: {type(exc).__name__}: {exc}")
    return _finish(doc, chunks)


def _finish(doc: CleanDocument, chunks: list[tuple[int, Any]]) -> AnnotatedDocument | Rejection:
    try:
        parse = parse_chunks(chunks)
        mentions = build_mentions(doc.body, parse)
    except Exception as exc:
        return _reject(doc, f"entities: {type(exc).__name__}: {exc}")
    try:
        timexes = _timexes(doc)
    except Exception as exc:
        return _reject(doc, f"timex: {type(exc).__name__}: {exc}")
    return AnnotatedDocument(
        doc_id=doc.doc_id,
        body=doc.body,
        dct=doc.published,
        sentences=parse.sentences,
        tokens=parse.tokens,
        mentions=mentions,
        timexes=timexes,
    )


def _timexes(doc: CleanDocument) -> tuple[TimeExpression, ...]:
    from newsledger.annotate.timex import extract_timexes

    try:
        return extract_timexes(doc.body, doc.published)
    except NotImplementedError:  # the grammar is not there yet: no timexes rather than made-up ones
        return ()


def _reject(doc: CleanDocument, detail: str) -> Rejection:
    log.info("annotate rejected %s: %s", doc.doc_id, detail)
    return Rejection(doc_id=doc.doc_id, stage=NAME, reason="annotate_failed", detail=detail[:500])
