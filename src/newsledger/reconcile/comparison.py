"""Agreement and contradiction: claims about one subject compared across sources.

Two values are ``equal`` (same normalised value), ``compatible`` (one more precise than the other, or
ranges that overlap: "this week" vs "Thursday", "three or four" vs "four"), ``contradiction`` (disjoint:
"Saturday" vs "Sunday" for the same report, 7 vs 9 rifles), or incomparable (nothing to decide on).
A group's finding is the worst pair: any contradiction between two different documents makes it a
contradiction. Agreement needs two independent sources: documents derived from one another (copies,
syndication, rewrites) count once, so a rewrite agreeing with its origin is ``single_source``.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Mapping, Sequence
from enum import StrEnum

from newsledger.records import Citation, ClaimValue, Contradiction, content_id

from . import rules
from .claims import reporter_class
from .model import ClaimFact
from .wording import jaccard

__all__ = ["FindingKind", "Relation", "compare", "find"]

log = logging.getLogger(__name__)


class FindingKind(StrEnum):
    CONTRADICTION = "contradiction"
    COMPATIBLE = "compatible"
    AGREEMENT = "agreement"
    SINGLE_SOURCE = "single_source"


class Relation(StrEnum):
    EQUAL = "equal"
    COMPATIBLE = "compatible"
    CONTRADICTION = "contradiction"
    INCOMPARABLE = "incomparable"


# claim kinds whose groups are worth a record even with one source ("single-source facts are marked so")
_SINGLE_SOURCE_KINDS = frozenset({"event_date", "event_place", "count"})
# claim kinds whose differences are never contradictions (a source naming fewer people is not wrong)
_NEVER_CONTRADICT = frozenset({"participants", "role"})


def _ranges(a: ClaimFact, b: ClaimFact) -> Relation:
    assert a.date_from and a.date_to and b.date_from and b.date_to
    if a.date_from == b.date_from and a.date_to == b.date_to:
        return Relation.EQUAL
    if a.date_to < b.date_from or b.date_to < a.date_from:
        return Relation.CONTRADICTION
    return Relation.COMPATIBLE


def _compare_dates(a: ClaimFact, b: ClaimFact) -> Relation:
    if (
        a.weekday
        and b.weekday
        and (not a.anchored or not b.anchored or a.date_from is None or b.date_from is None)
    ):
        # a weekday read against each document's own date: compare the days named, not the dates
        return Relation.EQUAL if a.weekday == b.weekday else Relation.CONTRADICTION
    if a.date_from and a.date_to and b.date_from and b.date_to:
        return _ranges(a, b)
    if a.norm == b.norm:
        return Relation.EQUAL
    return Relation.INCOMPARABLE


def _compare_numbers(a: ClaimFact, b: ClaimFact) -> Relation:
    if a.low is None or a.high is None or b.low is None or b.high is None:
        return Relation.INCOMPARABLE
    if a.restrict != b.restrict:
        return Relation.INCOMPARABLE  # "11 Yemeni pirates" counts part of "23 pirates"
    if a.low == b.low and a.high == b.high:
        return Relation.EQUAL
    if a.high < b.low or b.high < a.low:
        return Relation.CONTRADICTION
    return Relation.COMPATIBLE


def _compare_places(a: ClaimFact, b: ClaimFact) -> Relation:
    if a.norm == b.norm:
        return Relation.EQUAL
    if a.norm in b.norm or b.norm in a.norm:
        return Relation.COMPATIBLE
    if a.country and b.country:
        return Relation.COMPATIBLE if a.country == b.country else Relation.CONTRADICTION
    return Relation.INCOMPARABLE


def _compare_sets(a: ClaimFact, b: ClaimFact) -> Relation:
    if a.words == b.words:
        return Relation.EQUAL
    if a.words <= b.words or b.words <= a.words:
        return Relation.COMPATIBLE
    return Relation.INCOMPARABLE


def compare(a: ClaimFact, b: ClaimFact) -> Relation:
    """How two claims of one group relate."""
    kind = a.claim.kind
    if kind in ("event_date", "report_date", "published"):
        return _compare_dates(a, b)
    if kind == "count":
        return _compare_numbers(a, b)
    if kind == "event_place":
        return _compare_places(a, b)
    if kind == "participants":
        return _compare_sets(a, b)
    return Relation.EQUAL if a.norm == b.norm else Relation.INCOMPARABLE


def _derived(a: str, b: str, roots: Mapping[str, str]) -> bool:
    return roots.get(a, a) == roots.get(b, b)


def _same_reporter(a: ClaimFact, b: ClaimFact) -> bool:
    """Unknown reporters may be the same; known ones must share their head word ("North Korean media" /
    "state media")."""
    ka, kb = reporter_class(a.reporter), reporter_class(b.reporter)
    return ka == "*" or kb == "*" or ka == kb


def _statement_clusters(facts: Sequence[ClaimFact], roots: Mapping[str, str]) -> list[list[ClaimFact]]:
    """Split a statement group into clusters of claims whose sentences say the same thing."""
    parent = list(range(len(facts)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, a in enumerate(facts):
        for j in range(i + 1, len(facts)):
            b = facts[j]
            if a.claim.doc == b.claim.doc:
                continue
            same_event = a.event_id is not None and a.event_id == b.event_id
            derived = _derived(a.claim.doc, b.claim.doc, roots)
            if a.claim.kind == "report_date" and not derived and not _same_reporter(a, b):
                continue  # "KCNA said on Saturday" / "Yonhap said on Sunday": two statements
            if derived:
                need = rules.SAME_STATEMENT_JACCARD_DERIVED
            elif a.claim.kind == "count" and (same_event or (a.lead and b.lead)):
                need = rules.SAME_EVENT_COUNT_JACCARD
            elif same_event:
                need = rules.SAME_STATEMENT_JACCARD_DERIVED
            else:
                need = rules.SAME_STATEMENT_JACCARD
            if jaccard(a.words, b.words) >= need:
                parent[find(i)] = find(j)
    clusters: dict[int, list[ClaimFact]] = defaultdict(list)
    for i, f in enumerate(facts):
        clusters[find(i)].append(f)
    return list(clusters.values())


def _finding_kind(facts: Sequence[ClaimFact], roots: Mapping[str, str]) -> FindingKind | None:
    """The group's finding. Documents are compared pairwise: two documents contradict each other when
    every comparable pair of their values contradicts (a document that also states the other's value is
    adding a detail, e.g. "23 pirates ... 12 pirates were Somali", not contradicting)."""
    by_doc: dict[str, list[ClaimFact]] = defaultdict(list)
    for f in facts:
        by_doc[f.claim.doc].append(f)
    docs = sorted(by_doc)
    worst = Relation.EQUAL
    seen_pair = False
    for i, da in enumerate(docs):
        for db in docs[i + 1 :]:
            rels = {compare(a, b) for a in by_doc[da] for b in by_doc[db]} - {Relation.INCOMPARABLE}
            if not rels:
                continue
            seen_pair = True
            if rels == {Relation.CONTRADICTION}:
                if facts[0].claim.kind in _NEVER_CONTRADICT:
                    worst = Relation.COMPATIBLE
                    continue
                return FindingKind.CONTRADICTION
            if Relation.EQUAL not in rels or Relation.COMPATIBLE in rels:
                worst = Relation.COMPATIBLE
    if facts and facts[0].claim.kind == "published":
        # a page against itself: the hint and the stamp are two claims of one document
        a, b = facts[0], facts[-1]
        return (
            FindingKind.CONTRADICTION if len(facts) == 2 and compare(a, b) is Relation.CONTRADICTION else None
        )
    independent = {roots.get(f.claim.doc, f.claim.doc) for f in facts}
    if not seen_pair:
        if len({f.claim.doc for f in facts}) == 1 and facts[0].claim.kind in _SINGLE_SOURCE_KINDS:
            return FindingKind.SINGLE_SOURCE
        if (
            len(independent) == 1
            and len({f.claim.doc for f in facts}) > 1
            and all(f.norm == facts[0].norm for f in facts)
        ):
            return FindingKind.SINGLE_SOURCE
        return None
    if worst is Relation.COMPATIBLE:
        return FindingKind.COMPATIBLE
    return FindingKind.AGREEMENT if len(independent) > 1 else FindingKind.SINGLE_SOURCE


def find(
    story_id: str, facts: Sequence[ClaimFact], roots: Mapping[str, str]
) -> tuple[tuple[Contradiction, ...], dict[str, list[ClaimFact]]]:
    """Findings (``Contradiction`` records of every kind) and, per finding id, the claims behind it."""
    groups: dict[str, list[ClaimFact]] = defaultdict(list)
    for f in facts:
        groups[f.group].append(f)
    out: list[Contradiction] = []
    members: dict[str, list[ClaimFact]] = {}
    for key in sorted(groups):
        clusters = _statement_clusters(groups[key], roots) if key.startswith("~") else [groups[key]]
        for cluster in clusters:
            if key.startswith("~") and len({f.claim.doc for f in cluster}) < 2:
                continue  # a statement only one document makes: nothing to compare
            kind = _finding_kind(cluster, roots)
            if kind is None:
                continue
            cluster = sorted(cluster, key=lambda f: (f.claim.doc, f.claim.evidence.start))
            anchor = cluster[0]
            ident_key = key if not key.startswith("~") else f"{key}:{anchor.claim.doc}:{anchor.sentence[0]}"
            fid = content_id("ctr", story_id, ident_key)
            by_norm: dict[str, list[ClaimFact]] = defaultdict(list)
            for f in cluster:
                by_norm[f.norm].append(f)
            values = []
            for norm in sorted(
                by_norm, key=lambda n: (by_norm[n][0].claim.doc, by_norm[n][0].claim.evidence.start)
            ):
                fs = by_norm[norm]
                cites: list[Citation] = sorted(
                    {f.claim.evidence for f in fs}, key=lambda c: (c.doc, c.text, c.start, c.end)
                )
                values.append(ClaimValue(value=fs[0].claim.value, sources=tuple(cites)))
            out.append(
                Contradiction(
                    id=fid, story_id=story_id, subject=anchor.subject, values=tuple(values), kind=str(kind)
                )
            )
            members[fid] = cluster
            log.debug("finding %s %s: %s", kind, anchor.subject, [v.value for v in values])
    return tuple(out), members
