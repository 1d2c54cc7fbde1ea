"""Online story clustering: documents one at a time, in time order, each joins its best story or founds one.

A document is scored against candidate stories: the ``ANN_STORIES`` live stories whose centroids are
nearest its vector (``index.py``), plus any story that already holds one of its event ids:

    score = W_EMBED * cos(vector, story centroid) + W_TERMS * cos(terms, story terms)
            + fact agreement (years, other numbers) - time penalty

where *terms* are tf-idf weights (idf counted online over the documents seen so far, no look-ahead) of
the body's capitalised words and numbers plus the document's resolved entity ids. The best story at or
above ``JOIN_THRESHOLD`` wins; otherwise the document founds a story whose id is the content id of its
own doc id, and that id never changes. When one document ties two stories strongly together they merge:
the older id absorbs the younger, recorded as a ``merge`` history entry (no renumbering). When a story's
members fall into two well-separated groups (a wrong early join), the group without the founder is split
off under a new id, recorded as a ``split`` history entry; the founder's group keeps the old id.

Cost per document stays flat as the corpus grows: the candidate index holds one entry per live story, and
a dated story leaves it once the newest date seen is ``TIME_FULL_PENALTY_DAYS`` past its last document
(from there on the time penalty alone keeps any later document out, so nothing is lost). Such stories go
to an archive searched only for documents dated before the newest date seen (late arrivals) and for
undated documents among dated ones, by exact scan.
"""

from __future__ import annotations

import datetime as dt
import heapq
import logging
import math
import operator
import re
import sys
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import repeat
from typing import TypeVar

import numpy as np
import numpy.typing as npt

from newsledger.records import Story, StoryHistoryEntry, content_id
from newsledger.stories import rules
from newsledger.stories.index import StoryIndex
from newsledger.stories.state import DocEntry, StoryEntry, StoryState
from newsledger.textkit.stopwords import stopwords

log = logging.getLogger(__name__)

FloatVec = npt.NDArray[np.float32]

_TERM = re.compile(r"[A-Z][\w'\-]*\w|\d+(?:[.,]\d+)*")
_NUMBER = re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)*(?![\w])")
_YEAR = re.compile(rules.YEAR_PATTERN)

Facts = tuple[frozenset[str], frozenset[str]]
_NO_FACTS: Facts = (frozenset(), frozenset())


@dataclass(frozen=True, slots=True, kw_only=True)
class StoryInput:
    """What the clusterer needs of one document (built by the runner from earlier stages' outputs)."""

    doc_id: str
    title: str | None
    body: str
    published: dt.date | None
    vector: tuple[float, ...] | npt.NDArray[np.float32]
    entity_ids: tuple[str, ...] = ()
    event_ids: tuple[str, ...] = ()
    outlet: str | None = None
    agency: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class StoryUpdate:
    """Result of one ``update_stories`` call: the new state, every document's story, the stories, history."""

    state: StoryState
    assignments: dict[str, str]
    stories: tuple[Story, ...]
    history: tuple[StoryHistoryEntry, ...]


def body_terms(body: str, entity_ids: Iterable[str] = ()) -> Counter[str]:
    """Counts of the identity-bearing terms of a document: capitalised words, numbers, entity ids."""
    stop = stopwords("en")
    out: Counter[str] = Counter()
    for m in _TERM.finditer(body):
        w = m.group(0).lower()
        if w in stop or (len(w) < rules.TERM_MIN_LEN and not w[0].isdigit()) or len(w) < 2:
            continue
        out[sys.intern(w)] += 1  # one string per term for every document and story that keeps it
    for e in entity_ids:
        out[sys.intern(f"e:{e}")] += 1
    return out


def doc_facts(body: str) -> Facts:
    """The years a document mentions, and its other numbers of two or more characters (counts, scores,
    ages, tolls, amounts): the facts that tell one event from another of the same kind."""
    years: set[str] = set()
    numbers: set[str] = set()
    for m in _NUMBER.finditer(body):
        n = m.group(0)
        if _YEAR.fullmatch(n):
            years.add(n)
        elif len(n) >= rules.FACT_NUMBER_MIN_LEN:
            numbers.add(n)
    return frozenset(years), frozenset(numbers)


def fact_agreement(mine: frozenset[str], story: Counter[str], weight: float, conflict: float) -> float:
    """How a document's facts of one kind agree with a story's: ``weight`` x the cosine of its fact set
    with the story's member counts; ``-conflict`` when both name some and share none; nothing when either
    names none."""
    if not mine or not story:
        return 0.0
    shared = sum(story.get(f, 0) for f in mine)
    if shared == 0:
        return -conflict
    norm = math.sqrt(len(mine)) * math.sqrt(sum(c * c for c in story.values()))
    return weight * shared / norm


_W = TypeVar("_W", int, float)


def _heaviest(weights: Mapping[str, _W], k: int) -> dict[str, _W]:
    """The ``k`` heaviest entries (ties by key), as a dict."""
    return dict(sorted(weights.items(), key=lambda p: (-p[1], p[0]))[:k])


def headline(title: str | None, body: str) -> str:
    """The document's title; without one, the body's first line cut at a word near HEADLINE_MAX_CHARS."""
    t = (title or "").strip()
    if t:
        return t
    first = body.strip().split("\n", 1)[0]
    if len(first) <= rules.HEADLINE_MAX_CHARS:
        return first
    cut = first.rfind(" ", 0, rules.HEADLINE_MAX_CHARS)
    return first[: cut if cut > 0 else rules.HEADLINE_MAX_CHARS] + "…"


def time_order_key(published: dt.date | None, doc_id: str) -> tuple[int, str]:
    """Documents are taken by publication date, then doc id; undated ones after all dated ones."""
    return (published.toordinal() if published else dt.date.max.toordinal(), doc_id)


@dataclass(slots=True)
class _Story:
    id: str
    founder: str
    doc_ids: list[str]
    first: dt.date | None
    last: dt.date | None
    vsum: FloatVec
    terms: dict[str, float]
    tnorm: float
    events: set[str] = field(default_factory=set)
    years: Counter[str] = field(default_factory=Counter)  # members mentioning each year
    numbers: Counter[str] = field(default_factory=Counter)  # members mentioning each other number
    alive: bool = True
    details_dropped: bool = False  # every member's split details are gone (see _Clusterer._drop_details)
    unit: FloatVec | None = None  # vsum / |vsum|, kept with vsum (scored against every candidate)

    def centroid(self) -> FloatVec:
        if self.unit is None:
            n = float(np.linalg.norm(self.vsum))
            self.unit = self.vsum / n if n > 0 else self.vsum
        return self.unit

    def centroid_cos(self, v: FloatVec) -> float:
        return float(self.centroid() @ v)


class _Clusterer:
    """The working form of a ``StoryState`` during one update (mutable; never escapes this module)."""

    def __init__(self, state: StoryState, room: int = 0) -> None:
        """``room``: how many documents this update will add (the vector matrix is made that size once)."""
        self.dim = int(state.doc_vectors.shape[1]) if state.doc_vectors.shape[0] else rules.EMBED_DIM
        self.doc_ids: list[str] = [d.doc_id for d in state.docs]
        self.doc_row = {d: i for i, d in enumerate(self.doc_ids)}
        self.doc_story: list[str] = [d.story_id for d in state.docs]
        self.doc_date: list[dt.date | None] = [d.published for d in state.docs]
        self.doc_title: list[str] = [d.title for d in state.docs]
        self.doc_terms: list[dict[str, float]] = [dict(d.terms) for d in state.docs]
        self.doc_facts: list[Facts] = [(frozenset(d.years), frozenset(d.numbers)) for d in state.docs]
        self.doc_events: list[tuple[str, ...]] = [d.event_ids for d in state.docs]
        # whether a document still carries what a split of its story needs (terms, facts, event ids): they
        # are dropped once its story can no longer split (SPLIT_MAX_SIZE passed, or out of reach by time), so
        # the state keeps them only for the live window, not for the whole corpus
        self.doc_detailed: list[bool] = [d.detailed for d in state.docs]
        cap = max(1024, len(self.doc_ids) + room)
        self.vecs = np.zeros((cap, self.dim), dtype=np.float32)
        self.vecs[: len(self.doc_ids)] = state.doc_vectors
        self.stories: dict[str, _Story] = {}
        for s, vsum in zip(state.stories, state.story_sums, strict=True):
            terms = dict(s.terms)
            self.stories[s.id] = _Story(
                id=s.id,
                founder=s.founder,
                doc_ids=list(s.doc_ids),
                first=s.first_published,
                last=s.last_published,
                vsum=np.array(vsum, dtype=np.float32),
                terms=terms,
                tnorm=math.sqrt(sum(w * w for w in terms.values())),
                events=set(s.event_ids),
                years=Counter(dict(s.years)),
                numbers=Counter(dict(s.numbers)),
            )
        self.absorbed = dict(state.absorbed)
        self.df: Counter[str] = Counter(dict(state.term_df))
        self.n_docs = state.n_docs
        self.history: list[StoryHistoryEntry] = []
        # candidate search: live stories in ``index``; stories out of reach by time in ``archive``
        self.index = StoryIndex(self.dim)
        self.archive = StoryIndex(self.dim, graph=False)
        self.expiry: list[tuple[int, str]] = []  # heap of (last date ordinal, story id); stale ones skipped
        self.newest: dt.date | None = max((s.last for s in self.stories.values() if s.last), default=None)
        self.event_story: dict[str, str] = {}
        horizon = self._horizon()
        for st in sorted(self.stories.values(), key=lambda x: x.id):
            if st.last is not None and st.last.toordinal() < horizon:
                self.archive.put(st.id, st.centroid())
                self._drop_details(st)
            else:
                self.index.put(st.id, st.centroid())
                self._track(st)
            for e in st.events:
                self.event_story[e] = st.id

    # ---------------------------------------------------------------------------------------- search
    def _track(self, s: _Story) -> None:
        if s.last is not None:
            heapq.heappush(self.expiry, (s.last.toordinal(), s.id))

    def _horizon(self) -> int:
        """Stories whose last document is dated before this day ordinal are out of reach of new ones."""
        return self.newest.toordinal() - rules.TIME_FULL_PENALTY_DAYS if self.newest else -1

    def _expire(self) -> None:
        """Move stories the newest date has put out of reach from the index to the archive."""
        horizon = self._horizon()
        while self.expiry and self.expiry[0][0] < horizon:
            o, sid = heapq.heappop(self.expiry)
            s = self.stories.get(sid)
            if s is None or s.last is None or s.last.toordinal() != o or sid not in self.index:
                continue  # absorbed, extended since, or already archived
            self.index.drop(sid)
            self.archive.put(sid, s.centroid())
            self._drop_details(s)

    def _drop_details(self, s: _Story, new_doc: str | None = None) -> None:
        """Forget the members' split details: the story is out of reach by time or past SPLIT_MAX_SIZE.
        ``new_doc``: the member that just joined; once a story's details are gone only its need dropping,
        so a join to a large story does not walk all its members."""
        members = [new_doc] if new_doc is not None and s.details_dropped else s.doc_ids
        s.details_dropped = True
        for d in members:
            r = self.doc_row[d]
            if self.doc_detailed[r]:
                self.doc_terms[r] = {}
                self.doc_facts[r] = _NO_FACTS
                self.doc_events[r] = ()
                self.doc_detailed[r] = False

    def _candidates(self, v: FloatVec, doc: StoryInput) -> list[str]:
        cands = set(self.index.nearest(v, rules.ANN_STORIES))
        if len(self.archive) and (doc.published is None or (self.newest and doc.published < self.newest)):
            cands.update(self.archive.nearest(v, rules.ANN_STORIES))
        for e in doc.event_ids:
            sid = self.event_story.get(e)
            if sid is not None:
                cands.add(self._story_of(sid))
        return sorted(cands)

    def _story_of(self, sid: str) -> str:
        while sid in self.absorbed:
            sid = self.absorbed[sid]
        return sid

    # ---------------------------------------------------------------------------------------- scoring
    def _time_penalty(self, d: dt.date | None, s: _Story) -> float:
        if d is None or s.first is None or s.last is None:
            return 0.0
        gap = 0 if s.first <= d <= s.last else min(abs((d - s.first).days), abs((d - s.last).days))
        over = gap - rules.TIME_GRACE_DAYS
        if over <= 0:
            return 0.0
        span = rules.TIME_FULL_PENALTY_DAYS - rules.TIME_GRACE_DAYS
        return rules.TIME_MAX_PENALTY * min(1.0, over / span)

    def _score(self, v: FloatVec, tv: dict[str, float], facts: Facts, doc: StoryInput, s: _Story) -> float:
        emb = s.centroid_cos(v)
        # the dot product of the term vectors, term by term in the document's order (as a generator over
        # tv.items() summed it), in C-level maps: ~200 candidates a document at 10k articles
        lex = (
            sum(map(operator.mul, tv.values(), map(s.terms.get, tv, repeat(0.0)))) / s.tnorm
            if s.tnorm > 0
            else 0.0
        )
        score = rules.W_EMBED * emb + rules.W_TERMS * lex
        score += self._fact_score(facts, doc, s)
        if doc.event_ids and s.events.intersection(doc.event_ids):
            return score + rules.EVENT_BONUS
        return score - self._time_penalty(doc.published, s)

    @staticmethod
    def _fact_score(facts: Facts, doc: StoryInput, s: _Story) -> float:
        """Fact agreement, where the document or the story has no publication date: facts stand in for
        the time the dates would give (``rules.FACT_WEIGHT``); between dated ones the time penalty decides."""
        if doc.published is not None and s.last is not None:
            return 0.0
        w, c = rules.FACT_WEIGHT, rules.FACT_CONFLICT
        return fact_agreement(facts[0], s.years, w, c) + fact_agreement(facts[1], s.numbers, w, c)

    def _term_vector(self, doc: StoryInput) -> dict[str, float]:
        counts = body_terms(doc.body, ())
        for e in doc.entity_ids:
            counts[sys.intern(f"e:{e}")] += rules.ENTITY_TERM_WEIGHT  # type: ignore[assignment]
        self.n_docs += 1
        for t in counts:
            self.df[t] += 1
        vec = {
            t: (1.0 + math.log(c)) * math.log((self.n_docs + 1) / (self.df[t] + 0.5))
            for t, c in counts.items()
        }
        norm = math.sqrt(sum(w * w for w in vec.values()))
        return {t: w / norm for t, w in vec.items()} if norm > 0 else {}

    # ---------------------------------------------------------------------------------------- update
    def add(self, doc: StoryInput, run_id: str) -> str:
        v = np.asarray(doc.vector, dtype=np.float32)
        n = float(np.linalg.norm(v))
        if n > 0:
            v = v / n
        tv = self._term_vector(doc)
        facts = doc_facts(doc.body)
        if doc.published is not None and (self.newest is None or doc.published > self.newest):
            self.newest = doc.published
            self._expire()
        cands = self._candidates(v, doc)
        scored = sorted(
            ((self._score(v, tv, facts, doc, self.stories[c]), c) for c in cands), key=lambda p: (-p[0], p[1])
        )
        if scored and scored[0][0] >= rules.JOIN_THRESHOLD:
            best_score, sid = scored[0]
            log.debug("%s joins %s (score %.3f)", doc.doc_id, sid, best_score)
            sid = self._maybe_merge(sid, scored, facts, doc, run_id)
            self._join(self.stories[sid], doc, v, tv, facts)
        else:
            sid = content_id("story", doc.doc_id)
            self.stories[sid] = _Story(
                id=sid,
                founder=doc.doc_id,
                doc_ids=[],
                first=None,
                last=None,
                vsum=np.zeros(self.dim, dtype=np.float32),
                terms={},
                tnorm=0.0,
            )
            self._join(self.stories[sid], doc, v, tv, facts)
        self._append_doc(doc, sid, v, tv, facts)
        self._maybe_split(self.stories[sid], doc.doc_id, run_id)
        return self.doc_story[-1]

    def _maybe_merge(
        self, sid: str, scored: list[tuple[float, str]], facts: Facts, doc: StoryInput, run_id: str
    ) -> str:
        # merges weigh names, words and vectors only (MERGE_THRESHOLD was set without fact agreement)
        best = self.stories[sid]
        if scored[0][0] - self._fact_score(facts, doc, best) < rules.MERGE_THRESHOLD:
            return sid
        for score, other_id in scored[1:]:
            other = self.stories[other_id]
            if score - self._fact_score(facts, doc, other) < rules.MERGE_THRESHOLD:
                continue
            nb, no = float(np.linalg.norm(best.vsum)), float(np.linalg.norm(other.vsum))
            if nb == 0 or no == 0 or float(best.vsum @ other.vsum) / (nb * no) < rules.MERGE_CENTROID_COS:
                continue
            keep, gone = (best, other) if self._older(best, other) else (other, best)
            self._absorb(keep, gone)
            self.history.append(
                StoryHistoryEntry(
                    story_id=keep.id,
                    action="merge",
                    other_ids=(gone.id,),
                    run_id=run_id,
                    detail=f"via {doc.doc_id}",
                )
            )
            log.debug("story %s absorbs %s (via %s)", keep.id, gone.id, doc.doc_id)
            best = keep
        return best.id

    def _older(self, a: _Story, b: _Story) -> bool:
        ka = (a.first.toordinal() if a.first else dt.date.max.toordinal(), a.founder)
        kb = (b.first.toordinal() if b.first else dt.date.max.toordinal(), b.founder)
        return ka <= kb

    def _absorb(self, keep: _Story, gone: _Story) -> None:
        keep.doc_ids.extend(gone.doc_ids)
        keep.vsum = keep.vsum + gone.vsum
        keep.unit = None
        for t, w in gone.terms.items():
            keep.terms[t] = keep.terms.get(t, 0.0) + w
        keep.events |= gone.events
        keep.details_dropped = keep.details_dropped and gone.details_dropped
        keep.years.update(gone.years)
        keep.numbers.update(gone.numbers)
        keep.first = _min_date(keep.first, gone.first)
        keep.last = _max_date(keep.last, gone.last)
        self._prune(keep)
        gone.alive = False
        self.absorbed[gone.id] = keep.id
        del self.stories[gone.id]
        self.index.drop(gone.id)
        self.archive.drop(gone.id)
        self._place(keep, refresh=True)
        self._track(keep)
        for e in keep.events:
            self.event_story[e] = keep.id
        for d in gone.doc_ids:
            self.doc_story[self.doc_row[d]] = keep.id

    def _join(self, s: _Story, doc: StoryInput, v: FloatVec, tv: dict[str, float], facts: Facts) -> None:
        s.doc_ids.append(doc.doc_id)
        s.years.update(facts[0])
        s.numbers.update(facts[1])
        s.vsum = s.vsum + v
        s.unit = None
        for t, w in tv.items():
            s.terms[t] = s.terms.get(t, 0.0) + w
        s.events.update(doc.event_ids)
        for e in doc.event_ids:
            self.event_story[e] = s.id
        last = s.last
        s.first = _min_date(s.first, doc.published)
        s.last = _max_date(s.last, doc.published)
        self._prune(s)
        if s.last != last:
            self._track(s)
        size = len(s.doc_ids)
        # graph entry re-inserted at sizes 4, 16, 64, ...: O(log size) times; candidates only need it near
        self._place(s, refresh=size & (size - 1) == 0 and size.bit_length() % 2 == 1)

    def _place(self, s: _Story, *, refresh: bool) -> None:
        """Put the story's centroid in the index (back from the archive if a late document revived it)."""
        if s.id in self.archive:
            self.archive.drop(s.id)
            refresh = True
        self.index.put(s.id, s.centroid(), refresh=refresh)

    def _prune(self, s: _Story) -> None:
        cap = rules.STORY_MAX_TERMS * 3 // 2
        if len(s.terms) > cap:
            s.terms = _heaviest(s.terms, rules.STORY_MAX_TERMS)
        for c in (s.years, s.numbers):
            if len(c) > cap:
                keep = _heaviest(c, rules.STORY_MAX_TERMS)
                c.clear()
                c.update(keep)
        s.tnorm = math.sqrt(sum(w * w for w in s.terms.values()))

    def _append_doc(self, doc: StoryInput, sid: str, v: FloatVec, tv: dict[str, float], facts: Facts) -> None:
        row = len(self.doc_ids)
        if row >= self.vecs.shape[0]:
            grown = np.zeros((2 * self.vecs.shape[0], self.dim), dtype=np.float32)
            grown[:row] = self.vecs[:row]
            self.vecs = grown
        self.vecs[row] = v
        self.doc_ids.append(doc.doc_id)
        self.doc_row[doc.doc_id] = row
        self.doc_story.append(sid)
        self.doc_date.append(doc.published)
        self.doc_title.append(headline(doc.title, doc.body))
        self.doc_terms.append(_heaviest(tv, rules.DOC_MAX_TERMS))
        self.doc_facts.append(facts)
        self.doc_events.append(tuple(doc.event_ids))
        self.doc_detailed.append(True)

    # ---------------------------------------------------------------------------------------- split
    def _maybe_split(self, s: _Story, doc_id: str, run_id: str) -> None:
        """Split a story whose members fall into two well-separated groups (a wrong early join that later
        documents of both events made plain) unless most members of both name one same year: the group
        holding the founder keeps the id, the other becomes a new story, recorded as a ``split`` entry."""
        n = len(s.doc_ids)
        if n > rules.SPLIT_MAX_SIZE:
            self._drop_details(s, doc_id)
            return
        if n < 2 * rules.SPLIT_MIN_PART:
            return
        rows = [self.doc_row[d] for d in s.doc_ids]
        if not all(self.doc_detailed[r] for r in rows):
            return  # members placed by a state without details, or a story revived from the archive
        sim = rules.W_EMBED * (self.vecs[rows] @ self.vecs[rows].T) + rules.W_TERMS * self._term_sims(rows)
        a, b = _two_groups(sim)
        if min(len(a), len(b)) < rules.SPLIT_MIN_PART:
            return
        between = float(sim[np.ix_(a, b)].mean())
        if min(_mean_within(sim, a), _mean_within(sim, b)) - between < rules.SPLIT_GAP:
            return
        if self._shared_year(rows, a, b):
            return
        founder = s.doc_ids.index(s.founder) if s.founder in s.doc_ids else 0
        keep, move = (a, b) if founder in a else (b, a)
        moved = [s.doc_ids[i] for i in move]
        moved.sort(key=lambda d: time_order_key(self.doc_date[self.doc_row[d]], d))
        k = 0
        new_id = content_id("story", f"split:{moved[0]}")
        while new_id in self.stories or new_id in self.absorbed:
            k += 1
            new_id = content_id("story", f"split:{moved[0]}:{k}")
        new = _Story(
            id=new_id,
            founder=moved[0],
            doc_ids=moved,
            first=None,
            last=None,
            vsum=np.zeros(self.dim, dtype=np.float32),
            terms={},
            tnorm=0.0,
        )
        s.doc_ids = [s.doc_ids[i] for i in keep]
        self.stories[new_id] = new
        for part in (s, new):
            self._rebuild(part)
            self._place(part, refresh=True)
            self._track(part)
        for d in moved:
            self.doc_story[self.doc_row[d]] = new_id
        self.history.append(
            StoryHistoryEntry(
                story_id=s.id,
                action="split",
                other_ids=(new_id,),
                run_id=run_id,
                detail=f"{len(moved)} of {n} documents, via {doc_id}",
            )
        )
        log.debug("story %s splits off %s (%d of %d documents, via %s)", s.id, new_id, len(moved), n, doc_id)

    def _shared_year(self, rows: list[int], a: list[int], b: list[int]) -> bool:
        """Whether one year is named by more than SPLIT_YEAR_SHARE of the members of each group."""
        common: set[str] | None = None
        for g in (a, b):
            c: Counter[str] = Counter()
            for i in g:
                c.update(self.doc_facts[rows[i]][0])
            most = {y for y, k in c.items() if k > rules.SPLIT_YEAR_SHARE * len(g)}
            common = most if common is None else common & most
        return bool(common)

    def _term_sims(self, rows: list[int]) -> npt.NDArray[np.float64]:
        """Cosines of the members' term vectors (each stored unit-length before its cut to DOC_MAX_TERMS)."""
        vocab: dict[str, int] = {}
        for r in rows:
            for t in self.doc_terms[r]:
                vocab.setdefault(t, len(vocab))
        m = np.zeros((len(rows), max(1, len(vocab))), dtype=np.float64)
        for i, r in enumerate(rows):
            for t, w in self.doc_terms[r].items():
                m[i, vocab[t]] = w
        out: npt.NDArray[np.float64] = m @ m.T
        return out

    def _rebuild(self, s: _Story) -> None:
        """A story's sums, terms, facts, events and span again from its members (after a split)."""
        rows = [self.doc_row[d] for d in s.doc_ids]
        s.vsum = np.sum(self.vecs[rows], axis=0, dtype=np.float32)
        s.unit = None
        s.terms = {}
        s.years = Counter()
        s.numbers = Counter()
        s.events = set()
        s.first = s.last = None
        for r in rows:
            for t, w in self.doc_terms[r].items():
                s.terms[t] = s.terms.get(t, 0.0) + w
            s.years.update(self.doc_facts[r][0])
            s.numbers.update(self.doc_facts[r][1])
            s.events.update(self.doc_events[r])
            s.first = _min_date(s.first, self.doc_date[r])
            s.last = _max_date(s.last, self.doc_date[r])
        for e in s.events:
            self.event_story[e] = s.id
        self._prune(s)

    # ---------------------------------------------------------------------------------------- output
    def title_of(self, s: _Story) -> str:
        """The most central headline: the titled member closest to the story centroid."""
        rows = [self.doc_row[d] for d in s.doc_ids if self.doc_title[self.doc_row[d]]]
        if not rows:
            return ""
        sims = self.vecs[rows] @ s.vsum
        best = max(range(len(rows)), key=lambda i: (float(sims[i]), -rows[i]))
        return self.doc_title[rows[best]]

    def result(self) -> tuple[StoryState, dict[str, str], tuple[Story, ...]]:
        order = sorted(self.stories.values(), key=lambda s: s.id)
        n = len(self.doc_ids)
        entries = tuple(
            StoryEntry(
                id=s.id,
                founder=s.founder,
                doc_ids=tuple(s.doc_ids),
                first_published=s.first,
                last_published=s.last,
                terms=tuple(sorted(s.terms.items())),
                event_ids=tuple(sorted(s.events)),
                years=tuple(sorted(s.years.items())),
                numbers=tuple(sorted(s.numbers.items())),
            )
            for s in order
        )
        sums = (
            np.stack([s.vsum for s in order]).astype(np.float32, copy=False)
            if order
            else np.zeros((0, self.dim), np.float32)
        )
        state = StoryState(
            docs=tuple(
                DocEntry(
                    doc_id=self.doc_ids[i],
                    story_id=self.doc_story[i],
                    published=self.doc_date[i],
                    title=self.doc_title[i],
                    terms=tuple(sorted(self.doc_terms[i].items())),
                    years=tuple(sorted(self.doc_facts[i][0])),
                    numbers=tuple(sorted(self.doc_facts[i][1])),
                    event_ids=self.doc_events[i],
                    detailed=self.doc_detailed[i],
                )
                for i in range(n)
            ),
            stories=entries,
            absorbed=tuple(sorted(self.absorbed.items())),
            term_df=tuple(sorted(self.df.items())),
            n_docs=self.n_docs,
            doc_vectors=self.vecs[:n],  # the clusterer ends here: its matrix, made the right size, is kept
            story_sums=sums,
        )
        stories = tuple(
            Story(
                id=s.id,
                title=self.title_of(s),
                doc_ids=tuple(
                    sorted(s.doc_ids, key=lambda d: time_order_key(self.doc_date[self.doc_row[d]], d))
                ),
                first_published=s.first,
                last_published=s.last,
            )
            for s in order
        )
        assignments = {self.doc_ids[i]: self.doc_story[i] for i in range(n)}
        return state, assignments, stories


def _two_groups(sim: npt.NDArray[np.float64]) -> tuple[list[int], list[int]]:
    """Average-link agglomeration of a similarity matrix down to two groups (member positions)."""
    n = sim.shape[0]
    groups: list[list[int] | None] = [[i] for i in range(n)]
    total = np.array(sim, dtype=np.float64)  # summed similarity between groups
    size = np.ones(n)
    alive = np.ones(n, dtype=bool)
    for _ in range(n - 2):
        avg = total / np.outer(size, size)
        avg[~alive, :] = -np.inf
        avg[:, ~alive] = -np.inf
        np.fill_diagonal(avg, -np.inf)
        i, j = divmod(int(np.argmax(avg)), n)
        i, j = min(i, j), max(i, j)
        total[i, :] += total[j, :]
        total[:, i] += total[:, j]
        size[i] += size[j]
        alive[j] = False
        gi, gj = groups[i], groups[j]
        assert gi is not None and gj is not None
        gi.extend(gj)
        groups[j] = None
    a, b = (sorted(g) for g in groups if g is not None)
    return a, b


def _mean_within(sim: npt.NDArray[np.float64], g: list[int]) -> float:
    k = len(g)
    block = sim[np.ix_(g, g)]
    return float((block.sum() - np.trace(block)) / (k * (k - 1)))


def _min_date(a: dt.date | None, b: dt.date | None) -> dt.date | None:
    return b if a is None else a if b is None else min(a, b)


def _max_date(a: dt.date | None, b: dt.date | None) -> dt.date | None:
    return b if a is None else a if b is None else max(a, b)


def update_stories(new: Sequence[StoryInput], state: StoryState, *, run_id: str) -> StoryUpdate:
    """Place the new documents, one at a time in time order (published, then doc id), into ``state``.

    Documents already in the state keep their story (a second run on the same inputs changes nothing).
    Returns the new state, the story of every document (old and new), all stories and this run's history.
    """
    placed = {d.doc_id for d in state.docs}
    fresh: dict[str, StoryInput] = {}
    for d in new:
        if d.doc_id not in placed:
            fresh.setdefault(d.doc_id, d)
    del placed
    work = _Clusterer(state, room=len(fresh))
    for doc in sorted(fresh.values(), key=lambda d: time_order_key(d.published, d.doc_id)):
        work.add(doc, run_id)
    new_state, assignments, stories = work.result()
    log.info("stories: %d new documents, %d stories, %d merges", len(fresh), len(stories), len(work.history))
    return StoryUpdate(state=new_state, assignments=assignments, stories=stories, history=tuple(work.history))
