"""The stage table and the per-document pipeline (no I/O).

Stages are declared once in :data:`STAGES` (name, level, what they require and provide); a test checks
that every stage's needs are provided by an earlier one. :func:`process_batch` runs the per-document
stages over a batch of raw documents, in order, inside one worker process (models load once per process,
lazily, inside the stage packages), and returns one :class:`DocumentResult` per input: the JSON payloads
of each stage's records, or the :class:`Rejection` of the stage that gave up. An unexpected exception in
a stage becomes an ``internal_error`` rejection for that document; the batch goes on. It is made of two
halves that may run in different processes: :func:`text_stages` (clean, annotate, events: spaCy, no
torch) and :func:`embed_stage` (the sentence encoder), joined by :func:`finish_batch`.
"""

from __future__ import annotations

import importlib
import logging
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from newsledger.config import MAX_BODY_CHARS
from newsledger.records import (
    AnnotatedDocument,
    CleanDocument,
    DocumentVector,
    EventMention,
    RawDocument,
    Rejection,
)
from newsledger.textkit.codec import dumps
from newsledger.textkit.memory import trim_heap

log = logging.getLogger(__name__)

T = TypeVar("T")


@dataclass(frozen=True, slots=True, kw_only=True)
class StageSpec:
    name: str
    module: str  # package exposing NAME and VERSION
    level: str  # "document" (in workers) or "corpus" (over the store, on the client)
    requires: tuple[str, ...]
    provides: tuple[str, ...]

    def version(self) -> str:
        return str(importlib.import_module(self.module).VERSION)


STAGES: tuple[StageSpec, ...] = (
    StageSpec(name="ingest", module="newsledger.ingest", level="document", requires=(), provides=("raw",)),
    StageSpec(
        name="clean", module="newsledger.clean", level="document", requires=("raw",), provides=("clean",)
    ),
    StageSpec(
        name="annotate",
        module="newsledger.annotate",
        level="document",
        requires=("clean",),
        provides=("sentences", "mentions", "timexes", "parse"),
    ),
    StageSpec(
        name="events",
        module="newsledger.events",
        level="document",
        requires=("clean", "parse", "mentions", "timexes"),
        provides=("event_mentions",),
    ),
    StageSpec(
        name="embed", module="newsledger.stories", level="document", requires=("clean",), provides=("vector",)
    ),
    StageSpec(
        name="resolve",
        module="newsledger.resolve",
        level="corpus",
        requires=("mentions",),
        provides=("entities",),
    ),
    StageSpec(
        name="stories",
        module="newsledger.stories",
        level="corpus",
        requires=("vector", "entities", "clean"),
        provides=("stories", "derivations"),
    ),
    StageSpec(
        name="ledger",
        module="newsledger.events",
        level="corpus",
        requires=("event_mentions", "entities", "derivations"),
        provides=("events", "itineraries"),
    ),
    StageSpec(
        name="reconcile",
        module="newsledger.reconcile",
        level="corpus",
        requires=("stories", "events", "entities", "derivations"),
        provides=("contradictions", "summaries", "timelines"),
    ),
)


@dataclass(frozen=True, slots=True, kw_only=True)
class PipelineSettings:
    device: str = "cpu"
    # 16, not 64: same speed on CPU, ~450 MB less peak RSS per worker (attention buffers of 64 x 256 tokens)
    embed_batch_size: int = 16


class DocumentResult:
    """What the per-document pipeline produced for one document: payloads per stage or a rejection."""

    __slots__ = ("doc_id", "outputs", "rejection")

    def __init__(
        self, doc_id: str, outputs: Sequence[tuple[str, str, str]], rejection: Rejection | None
    ) -> None:
        self.doc_id = doc_id
        self.outputs = tuple(outputs)  # (stage, version, JSON payload)
        self.rejection = rejection

    def __repr__(self) -> str:
        return f"DocumentResult({self.doc_id!r}, stages={[o[0] for o in self.outputs]}, {self.rejection!r})"


@dataclass(frozen=True, slots=True, kw_only=True)
class EventMentions:
    """The per-document payload of the events stage."""

    doc_id: str
    mentions: tuple[EventMention, ...]


def _internal(doc_id: str, stage: str, exc: BaseException) -> Rejection:
    log.debug("internal error in %s for %s:\n%s", stage, doc_id, traceback.format_exc())
    return Rejection(
        doc_id=doc_id, stage=stage, reason="internal_error", detail=f"{type(exc).__name__}: {exc}"[:2000]
    )


def _guard(doc_id: str, stage: str, fn: Callable[[], T]) -> T | Rejection:
    try:
        return fn()
    except Exception as exc:  # one bad document never ends the run
        return _internal(doc_id, stage, exc)


class TextStagesResult:
    """A batch after the text stages (clean, annotate, events): the payloads so far, the rejections, and
    ``(doc_id, text)`` for each document the embed stage still has to encode (``embed_input``)."""

    __slots__ = ("doc_ids", "embed_input", "outputs", "rejected")

    def __init__(
        self,
        doc_ids: Sequence[str],
        outputs: dict[str, list[tuple[str, str, str]]],
        rejected: dict[str, Rejection],
        embed_input: Sequence[tuple[str, str]],
    ) -> None:
        self.doc_ids = tuple(doc_ids)
        self.outputs = outputs
        self.rejected = rejected
        self.embed_input = tuple(embed_input)


# the embed stage's outcome for one document: its ("embed", version, payload) output or its rejection
EmbedOutcome = tuple[str, str, str] | Rejection


def process_batch(
    raws: Sequence[RawDocument], settings: PipelineSettings | None = None
) -> list[DocumentResult]:
    """Run clean -> annotate -> events -> embed over a batch; one result per input, in order.

    Never raises: if the batch machinery itself fails (a stage that cannot even be imported), every
    document of the batch becomes an ``internal_error`` rejection and the run goes on. The same as
    ``finish_batch(text, embed_stage(text.embed_input))`` with ``text = text_stages(raws)``, which is how
    the local engine splits the work between processes that hold different models.
    """
    text = text_stages(raws)
    return finish_batch(text, embed_stage(text.embed_input, settings))


def text_stages(raws: Sequence[RawDocument]) -> TextStagesResult:
    """Clean, annotate and events over a batch (the spaCy half of the pipeline; torch is never imported).

    Never raises: a failure of the batch as a whole rejects each of its documents as ``internal_error``.
    """
    try:
        return _text_stages(raws)
    except Exception as exc:
        log.warning("batch of %d failed as a whole: %s", len(raws), exc)
        rejected = {r.id: _internal(r.id, "pipeline", exc) for r in raws}
        return TextStagesResult([r.id for r in raws], {}, rejected, ())
    finally:
        trim_heap()  # a worker's resident memory stays flat from batch to batch


def embed_stage(
    items: Sequence[tuple[str, str]], settings: PipelineSettings | None = None
) -> list[EmbedOutcome]:
    """The embed stage over ``TextStagesResult.embed_input``: one outcome per item, in order; never raises."""
    if not items:
        return []
    try:
        return _embed_stage(items, settings or PipelineSettings())
    except Exception as exc:
        log.warning("embedding of %d documents failed as a whole: %s", len(items), exc)
        return [_internal(doc_id, "pipeline", exc) for doc_id, _ in items]
    finally:
        trim_heap()


def finish_batch(text: TextStagesResult, embedded: Sequence[EmbedOutcome]) -> list[DocumentResult]:
    """One ``DocumentResult`` per document of the batch, in input order, from both halves."""
    outputs, rejected = text.outputs, dict(text.rejected)
    for (doc_id, _), got in zip(text.embed_input, embedded, strict=True):
        if isinstance(got, Rejection):
            rejected[doc_id] = got
        else:
            outputs[doc_id].append(got)
    results = []
    for doc_id in text.doc_ids:
        rej = rejected.get(doc_id)
        results.append(DocumentResult(doc_id, () if rej else outputs[doc_id], rej))
    return results


def _text_stages(raws: Sequence[RawDocument]) -> TextStagesResult:
    from newsledger.annotate import VERSION as ANNOTATE_VERSION
    from newsledger.annotate import annotate_documents
    from newsledger.clean import VERSION as CLEAN_VERSION
    from newsledger.clean import clean_document, clean_documents
    from newsledger.events import VERSION as EVENTS_VERSION
    from newsledger.events import extract_event_mentions
    from newsledger.stories.embed import document_text

    outputs: dict[str, list[tuple[str, str, str]]] = {r.id: [] for r in raws}
    rejected: dict[str, Rejection] = {}

    cleaned: list[CleanDocument] = []
    try:  # the whole batch at once (page dumps are classified a block at a time); the stage never raises
        clean_results = clean_documents(raws)
    except Exception:  # ... but if it does, isolate the culprit one by one
        clean_results = [_guard(raw.id, "clean", lambda raw=raw: clean_document(raw)) for raw in raws]  # type: ignore[misc]
    for raw, res in zip(raws, clean_results, strict=True):
        if isinstance(res, Rejection):
            rejected[raw.id] = res
        elif len(res.body) > MAX_BODY_CHARS:
            rejected[raw.id] = Rejection(
                doc_id=raw.id,
                stage="annotate",
                reason="body_too_long",
                detail=f"cleaned body has {len(res.body)} characters > {MAX_BODY_CHARS}",
            )
        else:
            cleaned.append(res)
            outputs[raw.id].append(("clean", CLEAN_VERSION, dumps(res)))

    annotated: list[tuple[CleanDocument, AnnotatedDocument]] = []
    if cleaned:
        try:
            ann = annotate_documents(cleaned)
        except Exception:  # batch failed as a whole: retry one by one to isolate the culprit
            ann = [
                _guard(c.doc_id, "annotate", lambda c=c: annotate_documents([c])[0])  # type: ignore[misc]
                for c in cleaned
            ]
        for c, a in zip(cleaned, ann, strict=True):
            if isinstance(a, Rejection):
                rejected[c.doc_id] = a
                continue
            annotated.append((c, a))
            slim = AnnotatedDocument(
                doc_id=a.doc_id,
                body=a.body,
                dct=a.dct,
                sentences=a.sentences,
                tokens=(),
                mentions=a.mentions,
                timexes=a.timexes,
            )
            outputs[c.doc_id].append(("annotate", ANNOTATE_VERSION, dumps(slim)))

    embed_input: list[tuple[str, str]] = []
    for c, a in annotated:
        ev = _guard(c.doc_id, "events", lambda a=a, c=c: extract_event_mentions(a, c))  # type: ignore[misc]
        if isinstance(ev, Rejection):
            rejected[c.doc_id] = ev
            continue
        outputs[c.doc_id].append(
            ("events", EVENTS_VERSION, dumps(EventMentions(doc_id=c.doc_id, mentions=ev)))
        )
        embed_input.append((c.doc_id, document_text(c.title, c.body)))
    return TextStagesResult([r.id for r in raws], outputs, rejected, embed_input)


def _embed_stage(items: Sequence[tuple[str, str]], settings: PipelineSettings) -> list[EmbedOutcome]:
    from newsledger.stories import VERSION as STORIES_VERSION
    from newsledger.stories.embed import embed_texts

    vectors: list[DocumentVector | Rejection]
    try:
        vectors = list(embed_texts(items, device=settings.device, batch_size=settings.embed_batch_size))
    except Exception:  # isolate the culprit one by one
        vectors = [
            _guard(it[0], "embed", lambda it=it: embed_texts([it], device=settings.device)[0])  # type: ignore[misc]
            for it in items
        ]
    return [v if isinstance(v, Rejection) else ("embed", STORIES_VERSION, dumps(v)) for v in vectors]


def stage_versions() -> dict[str, str]:
    out: dict[str, str] = {}
    for s in STAGES:
        try:
            out[s.name] = s.version()
        except (ImportError, AttributeError):
            out[s.name] = "absent"
    return out
