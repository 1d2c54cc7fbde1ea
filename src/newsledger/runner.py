"""The runner: ingest -> store (pending) -> per-document pipeline on an engine -> corpus stages -> store.

Resumable and incremental: documents are inserted as ``pending`` with their raw bytes before any work;
each batch's results land in one transaction; a run first finishes whatever an earlier, interrupted run
left pending. The same content again is recognised by its hash and changes nothing. Corpus stages
(resolve, stories, ledger, reconcile) run over the whole store at the end of each run.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import logging
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from newsledger import __version__
from newsledger.config import RunSettings
from newsledger.engine import run_batches
from newsledger.errors import InputError
from newsledger.ingest import read_inputs
from newsledger.pipeline import EventMentions, PipelineSettings, stage_versions
from newsledger.records import (
    AnnotatedDocument,
    CleanDocument,
    Contradiction,
    Derivation,
    DocumentVector,
    Entity,
    Event,
    RawDocument,
    Rejection,
    Resolution,
    Story,
    StoryHistoryEntry,
    content_id,
)
from newsledger.store import Store
from newsledger.textkit.iterables import batched
from newsledger.textkit.memory import few_full_collections, fixed_mmap_threshold, repacked

log = logging.getLogger(__name__)

# Inputs are inserted into the store in chunks of this many documents (bounded memory while streaming).
INGEST_CHUNK = 500


@dataclass(slots=True)
class RunSummary:
    run_id: str
    seen: int = 0
    new: int = 0
    unchanged: int = 0
    processed: int = 0
    rejected: int = 0
    stories: int = 0
    events: int = 0
    entities: int = 0
    rejections: list[tuple[str, str]] = field(default_factory=list)

    def line(self) -> str:
        return (
            f"processed={self.processed} rejected={self.rejected} stories={self.stories} "
            f"events={self.events} entities={self.entities} new={self.new} unchanged={self.unchanged} "
            f"seen={self.seen}"
        )


ProgressCallback = Callable[[str, int, int | None], None]


def _noop(_stage: str, _done: int, _total: int | None) -> None:
    return None


def run(
    store: Store,
    inputs: Sequence[str],
    settings: RunSettings | None = None,
    progress: ProgressCallback = _noop,
) -> RunSummary:
    settings = settings or RunSettings()
    for item in inputs:  # fail before touching the store when an input path is not there at all
        if item != "-" and not os.path.exists(item):
            raise InputError(f"input not found: {item}", path=item)
    run_id = content_id("run", dt.datetime.now(dt.UTC).isoformat(), str(os.getpid()))
    summary = RunSummary(run_id=run_id)
    store.start_run(run_id, inputs, f"{__version__} {stage_versions()}")

    retried = store.requeue_internal_errors()
    if retried:
        log.warning("retrying %d document(s) that failed on an internal error before", retried)
    _ingest(store, inputs, run_id, summary, progress)
    _process_pending(store, settings, progress)
    corpus_counts = run_corpus(store, run_id, progress)

    counts = store.counts()
    summary.processed = counts.get("processed", 0)
    summary.rejected = counts.get("rejected", 0)
    summary.stories = corpus_counts.get("stories", 0)
    summary.events = corpus_counts.get("events", 0)
    summary.entities = corpus_counts.get("entities", 0)
    store.finish_run(
        run_id,
        {"seen": summary.seen, "new": summary.new, "unchanged": summary.unchanged, **counts, **corpus_counts},
    )
    return summary


def _ingest(
    store: Store, inputs: Sequence[str], run_id: str, summary: RunSummary, progress: ProgressCallback
) -> None:
    """Read the inputs in blocks of ``INGEST_CHUNK``; each block is checked against the store in two
    queries (ids, content hashes) rather than two per document, then stored in one transaction."""
    for block in batched(read_inputs(inputs), INGEST_CHUNK):
        _ingest_block(store, block, run_id, summary, progress)


def _ingest_block(
    store: Store,
    block: Sequence[RawDocument | Rejection],
    run_id: str,
    summary: RunSummary,
    progress: ProgressCallback,
) -> None:
    if not block:
        return
    known = store.known_many([_item_id(x) for x in block])
    by_hash = store.ids_for_hashes([x.content_hash for x in block if isinstance(x, RawDocument)])
    chunk: list[RawDocument | Rejection] = []
    ids_in_chunk: dict[str, str] = {}
    hashes_in_chunk: dict[str, str] = {}
    for read in block:
        summary.seen += 1
        item = _dedupe(store, read, ids_in_chunk, hashes_in_chunk, known, by_hash)
        if item is None:
            summary.unchanged += 1
            continue
        summary.new += 1
        if isinstance(item, Rejection):
            summary.rejections.append((item.doc_id, item.reason))
            log.info("rejected %s at %s: %s %s", item.doc_id, item.stage, item.reason, item.detail[:200])
        chunk.append(item)
        progress("ingest", summary.seen, None)
    store.add_inputs(chunk, run_id)


def _item_id(item: RawDocument | Rejection) -> str:
    return item.id if isinstance(item, RawDocument) else item.doc_id


def _dedupe(
    store: Store,
    item: RawDocument | Rejection,
    ids_in_chunk: dict[str, str],
    hashes_in_chunk: dict[str, str],
    known: dict[str, tuple[str, str]],
    by_hash: dict[str, str],
) -> RawDocument | Rejection | None:
    """None when the input is already stored as it is; a rejection for an id clash; else the item.

    ``known`` and ``by_hash``: what the store held of the block's ids and hashes before the block; the
    block's own earlier items are in ``ids_in_chunk`` and ``hashes_in_chunk``.
    """
    doc_id = _item_id(item)
    chash = item.content_hash
    prior = known.get(doc_id)
    prior_hash = prior[0] if prior else ids_in_chunk.get(doc_id)
    if prior_hash is not None:
        if prior_hash == chash:
            return None
        # Same id, other content: keep the first, account for the second under a derived id.
        new_id = f"{doc_id}#{chash[:12]}" if chash else f"{doc_id}#dup"
        if store.known(new_id) or new_id in ids_in_chunk:
            return None
        ids_in_chunk[new_id] = chash
        return Rejection(
            doc_id=new_id,
            stage="ingest",
            reason="duplicate_id",
            detail=f"id {doc_id!r} already stored with other content",
            source_path=item.source_path,
            raw=item.raw,
            content_hash=chash,
        )
    ids_in_chunk[doc_id] = chash
    if isinstance(item, RawDocument):
        same = by_hash.get(chash) or hashes_in_chunk.get(chash)
        if same is not None:
            return Rejection(
                doc_id=doc_id,
                stage="ingest",
                reason="duplicate_content",
                detail=f"same content as document {same!r}",
                source_path=item.source_path,
                content_hash=chash,
            )
        hashes_in_chunk[chash] = doc_id
    return item


def _batches(store: Store, ids: Sequence[str], size: int) -> Iterator[list[RawDocument]]:
    for i in range(0, len(ids), size):
        yield store.raw_documents(ids[i : i + size])


def _process_pending(store: Store, settings: RunSettings, progress: ProgressCallback) -> None:
    pending = store.pending_ids()
    if not pending:
        return
    done = 0
    for results in run_batches(
        _batches(store, pending, settings.batch_size),
        engine=settings.engine,
        workers=settings.workers,
        scheduler=settings.scheduler,
        settings=PipelineSettings(device=settings.device),
    ):
        store.save_results(results)
        for r in results:
            if r.rejection is not None:
                log.info(
                    "rejected %s at %s: %s %s",
                    r.doc_id,
                    r.rejection.stage,
                    r.rejection.reason,
                    r.rejection.detail[:200],
                )
        done += len(results)
        progress("process", done, len(pending))


def _try(stage: str, fn: Callable[[], Any], default: Any) -> Any:
    """Run a corpus stage; a stage not built yet (NotImplementedError) yields its empty output."""
    try:
        return fn()
    except NotImplementedError:
        log.warning("stage %s is not available yet: its outputs stay empty", stage)
        return default


def run_corpus(store: Store, run_id: str, progress: ProgressCallback = _noop) -> dict[str, int]:
    """Corpus-level stages over everything processed so far; outputs replace the previous ones.

    The cleaned documents (without their maps to the raw text) and the event mentions stay in memory;
    the annotations, five times their size, are read from the store when a stage needs them and not
    kept: twice by resolve, once by reconcile; the documents with event mentions are read once more after
    the stories stage and streamed to the ledger (see :func:`_reconcile` for what reconcile holds)."""
    from newsledger.events import build_itineraries, build_ledger
    from newsledger.resolve import resolve_streamed

    # large buffers freed by one stage are given back rather than kept as heap holes for the next
    fixed_mmap_threshold()
    # DuckDB keeps the blocks it reads and writes cached up to its memory limit: the corpus stages run
    # under a lower one (``Store.lean_memory``)
    with store.lean_memory():
        found = {c.doc_id: c for c in store.outputs("clean", CleanDocument, ordered=False, blank=_FOR_CORPUS)}
        clean = {d: found[d] for d in store.processed_ids() if d in found}  # document order, unsorted scan
        del found
        mentions = [m for e in store.outputs("events", EventMentions) for m in e.mentions]
        published = {d: c.published for d, c in clean.items()}

        scan = functools.partial(_annotated, store, clean)  # a whole unordered scan, again on each call

        progress("resolve", 0, None)
        with few_full_collections():  # clusters: long-lived objects, no garbage cycles
            resolved = _try("resolve", lambda: resolve_streamed(scan), Resolution(entities=(), links=()))
            # the entities and links are built as resolve frees its clusters, and would keep that memory
            # resident through every later stage; rebuilt, they hold only their own
            parts: list[tuple[Any, ...]] = [resolved.entities, resolved.links]
            del resolved
            entities, links = repacked(parts)
            resolution = Resolution(entities=entities, links=links)
        progress("stories", 0, None)
        with few_full_collections():
            stories_out = _stories(store, run_id, clean, resolution)
        derivations = stories_out.derivations
        _release_models()
        progress("ledger", 0, None)
        events = _try(
            "ledger",
            lambda: build_ledger(
                mentions,
                _ledger_documents(store, clean, {m.doc_id for m in mentions}),
                resolution,
                published,
                derivations,
            ),
            (),
        )
        itineraries = _try("itineraries", lambda: build_itineraries(events), ())
        progress("reconcile", 0, None)
        with few_full_collections():
            stories, contradictions, timelines = _reconcile(
                stories_out.stories,
                clean,
                scan(),
                events,
                derivations,
                resolution,
            )
        store.replace_corpus(
            {
                "entities": ((e.id, e) for e in resolution.entities),
                "links": ((f"{lk.doc}|{lk.index}", lk) for lk in resolution.links),
                "events": ((e.id, e) for e in events),
                "itineraries": ((i.actor_id, i) for i in itineraries),
                "stories": ((s.id, s) for s in stories),
                "assignments": (
                    (d, _Assignment(doc_id=d, story_id=s)) for d, s in stories_out.assignments.items()
                ),
                "derivations": ((d.doc_id, d) for d in derivations),
                "story_history": (("|".join(_history_key(h)), h) for h in stories_out.history),
                "contradictions": ((c.id, c) for c in contradictions),
                "timelines": ((sid, t) for sid, t in timelines.items()),
            },
        )
    return {
        "entities": len(resolution.entities),
        "events": len(events),
        "stories": len(stories),
        "contradictions": len(contradictions),
    }


def _history_key(h: StoryHistoryEntry) -> tuple[str, str, str, str]:
    """One history entry each: a story may split twice or absorb two others in one run."""
    return (h.run_id, h.story_id, h.action, ",".join(h.other_ids))


def _history(
    stored: Iterable[StoryHistoryEntry], new: Iterable[StoryHistoryEntry]
) -> tuple[StoryHistoryEntry, ...]:
    """The stored history with this run's entries added (an entry seen again replaces itself)."""
    out = {_history_key(h): h for h in stored}
    for h in new:
        out[_history_key(h)] = h
    return tuple(out[k] for k in sorted(out))


# A cleaned document as the corpus stages read it: without its maps back to the raw text (paragraph lines,
# boilerplate, byline and caption spans, HTML rendering), which only the per-document stages and the
# exports use. On 1,967 articles the cleaned documents took 59 MB instead of 79 MB; not decoding them at
# all read the cleaned documents of 100k articles in 10 s of CPU instead of 17.
_FOR_CORPUS: dict[str, Any] = {
    "lines": [],
    "boilerplate": [],
    "bylines": [],
    "captions": [],
    "source_text": None,
}


def _ledger_documents(
    store: Store, clean: dict[str, CleanDocument], ids: set[str]
) -> Iterator[AnnotatedDocument]:
    """The annotated documents with event mentions, streamed to the ledger, which reads their bodies,
    entity mentions and tokens one document at a time. Read after the stories stage, not kept from
    resolve's scans: held through story clustering and the rewrite check they were the largest part of the
    corpus stages' memory (69 of 257 MB of Python objects on 10k Reuters articles, 4,711 documents)."""
    return _annotated(store, clean, sorted(ids), blank=_FOR_LEDGER)


# What the ledger does not read of an annotated document (see _ledger_documents)
_FOR_LEDGER: dict[str, Any] = {"sentences": [], "timexes": []}


def _annotated(
    store: Store,
    clean: dict[str, CleanDocument],
    ids: Sequence[str] | None = None,
    *,
    blank: dict[str, Any] | None = None,
) -> Iterator[AnnotatedDocument]:
    """The stored annotations (of ``ids``, else all), unordered, each with its cleaned document's body."""
    for a in store.outputs("annotate", AnnotatedDocument, ids, ordered=False, blank=blank):
        yield _share_body(a, clean)


def _share_body(a: AnnotatedDocument, clean: dict[str, CleanDocument]) -> AnnotatedDocument:
    """The annotations with the cleaned document's body string (the same text, held once)."""
    c = clean.get(a.doc_id)
    return replace(a, body=c.body) if c is not None and c.body == a.body else a


def _release_models() -> None:
    """Drop the sentence encoder the derivation pass loaded and give the freed heap back before the next
    stages (on 10,000 articles the process held ~750 MB more after the stories stage than before it)."""
    import gc

    from newsledger.stories.embed import release_model
    from newsledger.textkit.memory import trim_heap

    release_model()
    gc.collect()
    trim_heap()


@dataclass(frozen=True, slots=True, kw_only=True)
class _Assignment:
    doc_id: str
    story_id: str


@dataclass(slots=True)
class _StoriesOut:
    stories: tuple[Story, ...] = ()
    assignments: dict[str, str] = field(default_factory=dict)
    derivations: tuple[Derivation, ...] = ()
    history: tuple[StoryHistoryEntry, ...] = ()


_STORY_STATE = "story_state"


def _stories(
    store: Store,
    run_id: str,
    clean: dict[str, CleanDocument],
    resolution: Resolution,
) -> _StoriesOut:
    """Incremental story assignment of the documents not yet placed, then derivation over all."""
    from newsledger.stories import (
        DerivationInput,
        StoryInput,
        empty_state,
        find_derivations,
        load_state,
        state_from_rows,
        state_rows,
        update_stories,
    )

    if store.has_state(_STORY_STATE):
        state = state_from_rows(store.state_rows(_STORY_STATE))
    else:  # a schema-1 store keeps it as one blob until the next write
        blob = store.get_blob(_STORY_STATE)
        state = load_state(blob) if blob else empty_state()
    placed = {d.doc_id for d in state.docs}
    unplaced = [d for d in sorted(clean) if d not in placed]  # only these need their vectors in memory
    # as float32 arrays (1.5 KB a document) rather than tuples of Python floats (~12 KB). When most documents
    # are new, one unordered scan keeps theirs: selecting them by id and in order made DuckDB sort every
    # vector's JSON first (+507 MB before update_stories on the 30k scaled store)
    wanted = set(unplaced)
    scan = (
        store.outputs("embed", DocumentVector, ordered=False)
        if 2 * len(wanted) > len(clean)
        else store.outputs("embed", DocumentVector, unplaced, ordered=False)
    )
    vectors = {
        v.doc_id: np.asarray(v.vector, dtype=np.float32)
        for v in (scan if unplaced else ())
        if v.doc_id in wanted
    }
    ents: dict[str, set[str]] = {}
    for link in resolution.links:
        ents.setdefault(link.doc, set()).add(link.entity_id)
    new = [
        StoryInput(
            doc_id=d,
            title=c.title,
            body=c.body,
            published=c.published,
            vector=vectors[d],
            entity_ids=tuple(sorted(ents.get(d, ()))),
            outlet=c.outlet,
            agency=c.agency,
        )
        for d, c in sorted(clean.items())
        if d not in placed and d in vectors
    ]
    del ents  # not held through the clustering and the derivation pass (10 MB at 10k articles)
    upd = _try("stories", functools.partial(update_stories, new, state, run_id=run_id), None)
    del state, new, vectors
    if upd is None:
        assignments: dict[str, str] | None = None
    else:  # the new state is written now and swapped in with the outputs: no stage after this holds it
        store.stage_state(_STORY_STATE, state_rows(upd.state))
        assignments, stories, history = dict(upd.assignments), tuple(upd.stories), upd.history
        del upd
    derivations = _try(
        "derivations",
        lambda: find_derivations(
            [
                DerivationInput(
                    doc_id=d,
                    body=c.body,
                    published=c.published,
                    outlet=c.outlet,
                    agency=c.agency,
                    title=c.title,
                    story_id=assignments.get(d) if assignments is not None else None,
                )
                for d, c in sorted(clean.items())
            ]
        ),
        (),
    )
    if assignments is None:
        return _StoriesOut(derivations=tuple(derivations))
    return _StoriesOut(
        stories=stories,
        assignments=assignments,
        derivations=tuple(derivations),
        history=_history(store.corpus("story_history", StoryHistoryEntry), history),
    )


def _reconcile(
    stories: tuple[Story, ...],
    clean: dict[str, CleanDocument],
    annotated: Iterable[AnnotatedDocument],
    events: tuple[Event, ...],
    derivations: tuple[Derivation, ...],
    resolution: Resolution,
) -> tuple[tuple[Story, ...], tuple[Contradiction, ...], dict[str, Any]]:
    """Per story: findings (contradictions and agreements), the cited summary, the timeline; stories get
    their event ids and summary.

    ``annotated`` is read once, in any order: a story is reconciled as soon as the annotations of all its
    documents have come, and they are dropped once no waiting story needs them. A store scan meets
    documents in about the order they were processed and a story's documents close together in time, so
    few wait; at worst (every story waiting for a document near the end) all are held, as before."""
    from newsledger.reconcile import ReconcileInput, reconcile_story, timeline_export

    events_by_doc: dict[str, set[str]] = {}
    for ev in events:
        for src in ev.sources:
            events_by_doc.setdefault(src.doc, set()).add(ev.id)
    event_by_id = {e.id: e for e in events}
    entities_by_doc: dict[str, list[Entity]] = {}
    # entity -> doc -> positions of its mentions there: a story's entities carry only the story's own
    # mentions ("U.S." has thousands elsewhere; indexing them all per story took 11 s of 46 at 10k articles)
    mention_pos: dict[str, dict[str, list[int]]] = {}
    for ent in resolution.entities:
        pos: dict[str, list[int]] = {}
        for i, m in enumerate(ent.mentions):
            pos.setdefault(m.doc, []).append(i)
        mention_pos[ent.id] = pos
        for d in pos:
            entities_by_doc.setdefault(d, []).append(ent)

    def own(ent: Entity, docs: Sequence[str]) -> Entity:
        pos = mention_pos[ent.id]
        keep = sorted(i for d in docs for i in pos.get(d, ()))
        return (
            ent
            if len(keep) == len(ent.mentions)
            else replace(ent, mentions=tuple(ent.mentions[i] for i in keep))
        )

    derivations_of: dict[str, list[int]] = {}  # doc -> positions in ``derivations`` (one pass, not per story)
    for i, x in enumerate(derivations):
        derivations_of.setdefault(x.doc_id, []).append(i)

    story_docs = [[d for d in story.doc_ids if d in clean] for story in stories]
    stories_of: dict[str, list[int]] = {}  # doc -> the stories that wait for its annotations
    for k, docs in enumerate(story_docs):
        for d in docs:
            stories_of.setdefault(d, []).append(k)
    waiting = [len(docs) for docs in story_docs]
    needed = {d: len(ks) for d, ks in stories_of.items()}
    held: dict[str, AnnotatedDocument] = {}
    done: dict[int, tuple[Story, tuple[Contradiction, ...], _Timeline | None]] = {}

    def reconcile(k: int) -> None:
        story, docs = stories[k], story_docs[k]
        ev_ids = sorted({e for d in docs for e in events_by_doc.get(d, ())})
        ents = {e.id: e for d in docs for e in entities_by_doc.get(d, ())}
        doc_set = set(docs)
        inp = ReconcileInput(
            story=story,
            docs=tuple((clean[d], held.get(d)) for d in docs),
            events=tuple(event_by_id[e] for e in ev_ids),
            derivations=tuple(
                derivations[i] for i in sorted(i for d in doc_set for i in derivations_of.get(d, ()))
            ),
            entities=tuple(own(ents[e], docs) for e in sorted(ents)),
        )
        res = _try("reconcile", lambda: reconcile_story(inp), None)
        if res is None:
            done[k] = (replace(story, event_ids=tuple(ev_ids)), (), None)
        else:
            timeline = _Timeline(story_id=story.id, entries=json.dumps(timeline_export(res.timeline)))
            done[k] = (
                replace(story, event_ids=tuple(ev_ids), summary=res.summary),
                res.contradictions,
                timeline,
            )
        for d in docs:
            needed[d] -= 1
            if not needed[d]:
                held.pop(d, None)

    for a in annotated:
        ks = stories_of.get(a.doc_id)
        if not ks or a.doc_id in held:
            continue
        held[a.doc_id] = a
        for k in ks:
            waiting[k] -= 1
            if not waiting[k]:
                reconcile(k)
    for k in range(len(stories)):  # stories still waiting for a document without annotations
        if k not in done:
            reconcile(k)
    out_stories: list[Story] = []
    findings: list[Contradiction] = []
    timelines: dict[str, Any] = {}
    for k in range(len(stories)):
        story, found, timeline = done[k]
        out_stories.append(story)
        findings.extend(found)
        if timeline is not None:
            timelines[story.id] = timeline
    return tuple(out_stories), tuple(findings), timelines


@dataclass(frozen=True, slots=True, kw_only=True)
class _Timeline:
    story_id: str
    entries: str  # JSON rows of reconcile.timeline_export
