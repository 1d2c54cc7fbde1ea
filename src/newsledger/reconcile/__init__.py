"""Reconcile (issue #9): claims, agreement and contradiction across sources, timelines, cited summaries.

Entry point: :func:`reconcile_story` (one story's documents, events, derivations and entities in; claims,
findings, a cited summary and a timeline out). No model is loaded; everything is rules over the upstream
records (see :mod:`.rules`).
"""

from __future__ import annotations

import logging
from collections import defaultdict

from newsledger.records import Claim, CleanDocument, Derivation

from . import claims as _claims
from .comparison import FindingKind, find
from .model import ClaimFact, ReconcileInput, ReconcileResult, TimelineEntry, TimelineSource
from .summary import ExtractiveSummariser, Summariser
from .timeline import build_timeline, timeline_export
from .wording import sentence_at, sentence_spans

NAME = "reconcile"
VERSION = "1"

__all__ = [
    "NAME",
    "VERSION",
    "ExtractiveSummariser",
    "FindingKind",
    "ReconcileInput",
    "ReconcileResult",
    "Summariser",
    "TimelineEntry",
    "TimelineSource",
    "derivation_roots",
    "reconcile_story",
    "timeline_export",
]

logging.getLogger(__name__).addHandler(logging.NullHandler())
log = logging.getLogger(__name__)


def derivation_roots(doc_ids: tuple[str, ...], derivations: tuple[Derivation, ...]) -> dict[str, str]:
    """Each document's origin: follow ``derived_from`` links (copies, syndication, rewrites) to a document
    that derives from none; documents sharing a root are one source, not corroboration."""
    parent = {d.doc_id: d.derived_from for d in derivations if d.doc_id != d.derived_from}
    out: dict[str, str] = {}
    for doc in doc_ids:
        cur, seen = doc, {doc}
        while cur in parent and parent[cur] not in seen:
            cur = parent[cur]
            seen.add(cur)
        out[doc] = cur
    return out


def reconcile_story(inp: ReconcileInput, *, summariser: Summariser | None = None) -> ReconcileResult:
    """Claims of every document of ``inp.story``, the findings comparing them (``Contradiction`` records
    with ``kind`` contradiction / compatible / agreement / single_source), an extractive cited summary
    and the story's timeline."""
    story = inp.story
    docs = {c.doc_id: (c, a) for c, a in inp.docs}
    doc_ids = tuple(sorted(docs))
    roots = derivation_roots(doc_ids, inp.derivations)
    derived_from = {d.doc_id: d.derived_from for d in inp.derivations}
    spans = {d: sentence_spans(c, a) for d, (c, a) in docs.items()}
    event_of_sentence: dict[tuple[str, int, int], str] = {}
    for ev in sorted(inp.events, key=lambda e: (-len(e.sources), e.id)):
        for src in ev.sources:
            s, e = src.sentence
            sent = sentence_at(spans.get(src.doc, ()), s, e)
            event_of_sentence.setdefault((src.doc, sent[0], sent[1]), ev.id)

    facts: list[ClaimFact] = []
    facts += _claims.event_claims(inp.events, docs, inp.entities)
    for d in doc_ids:
        clean, ann = docs[d]
        facts += _claims.report_claims(clean, ann, spans[d], event_of_sentence)
        facts += _claims.count_claims(clean, spans[d], event_of_sentence)
        facts += _claims.published_claims(clean)
        facts += _claims.role_claims(clean, ann)

    findings, members = find(story.id, facts, roots)
    by_event: dict[str, set[str]] = defaultdict(set)
    for f in findings:
        if f.kind == FindingKind.CONTRADICTION:
            for m in members[f.id]:
                if m.event_id is not None:
                    by_event[m.event_id].add(f.id)
    cleans: dict[str, CleanDocument] = {d: c for d, (c, _) in docs.items()}
    timeline = build_timeline(inp.events, cleans, derived_from, {k: sorted(v) for k, v in by_event.items()})
    summary = (summariser or ExtractiveSummariser())(
        [docs[d] for d in doc_ids], sorted(inp.events, key=lambda e: e.id), roots
    )
    claim_records: tuple[Claim, ...] = tuple(
        sorted(
            (f.claim for f in facts),
            key=lambda c: (c.doc, c.evidence.text, c.evidence.start, c.evidence.end, c.kind, c.subject),
        )
    )
    log.debug(
        "story %s: %d claims, %d findings (%d contradictions), %d summary sentences",
        story.id,
        len(claim_records),
        len(findings),
        sum(1 for f in findings if f.kind == FindingKind.CONTRADICTION),
        len(summary),
    )
    return ReconcileResult(
        story_id=story.id,
        claims=claim_records,
        contradictions=tuple(sorted(findings, key=lambda f: (f.kind != FindingKind.CONTRADICTION, f.id))),
        summary=summary,
        timeline=timeline,
    )
