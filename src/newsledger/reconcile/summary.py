"""Extractive, cited story summaries: 3-7 body sentences chosen for coverage of the story's events and
sources, no two saying the same thing, in time order; every sentence cites its own span."""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from newsledger.records import AnnotatedDocument, Citation, CleanDocument, Event, SummarySentence

from . import rules
from .wording import content_words, jaccard, sentence_spans, word_count

__all__ = ["Candidate", "ExtractiveSummariser", "Summariser"]


class Summariser(Protocol):
    """A story summariser: documents (with their derivation roots) and events in, cited sentences out."""

    def __call__(
        self,
        docs: Sequence[tuple[CleanDocument, AnnotatedDocument | None]],
        events: Sequence[Event],
        roots: Mapping[str, str],
    ) -> tuple[SummarySentence, ...]: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class Candidate:
    doc: str
    start: int
    end: int
    text: str
    position: int
    words: frozenset[str]
    facts: frozenset[str]  # content words and numbers: what redundancy is measured on
    events: frozenset[str]
    when: dt.date | None
    published: dt.date | None


_NUMBER = re.compile(r"\b\d[\d,.]*\b")


def _numbers(text: str) -> frozenset[str]:
    out = {m.group(0).replace(",", "") for m in _NUMBER.finditer(text)}
    out |= {
        str(rules.NUMBER_WORDS[w]) for w in re.findall(r"[a-z]+", text.lower()) if w in rules.NUMBER_WORDS
    }
    return frozenset(f"#{n}" for n in out)


def _idf_cosine(
    a: frozenset[str], b: frozenset[str], idf: Mapping[str, float], norms: Mapping[frozenset[str], float]
) -> float:
    """Cosine of two word sets weighted by inverse sentence frequency in the story: sharing rare words
    ("23", "custody", "Gibe") makes two sentences the same statement, sharing the story's topic words
    ("pirates", "Navy") does not. ``norms`` caches each set's weight norm."""
    den = norms[a] * norms[b]
    if not den:
        return 0.0
    return sum(idf.get(w, 0.0) ** 2 for w in a & b) / den


def _when(dates: Sequence[dt.date], published: dt.date | None) -> dt.date | None:
    """When a sentence happened, for ordering: its earliest event date, leaving out background events
    dated long before the document ("... agreed during Kim's visit in 2019")."""
    if published is not None:
        recent = [d for d in dates if (published - d).days <= rules.BACKGROUND_DAYS]
        return min(recent) if recent else published
    return min(dates) if dates else None


def _same_figure(a: Candidate, b: Candidate) -> bool:
    """Two sentences reporting one event with the same figure ("took 23 of them into custody" / "had
    captured 23 pirates") say the same thing, however differently worded."""
    if not (a.events & b.events):
        return False
    shared = {n for n in a.facts & b.facts if n.startswith("#")}
    return any(float(n[1:]) >= rules.FIGURE_MIN for n in shared if n[1:].replace(".", "", 1).isdigit())


def _candidates(
    docs: Sequence[tuple[CleanDocument, AnnotatedDocument | None]], events: Sequence[Event]
) -> list[Candidate]:
    ev_sent: dict[tuple[str, int, int], set[str]] = {}
    ev_date: dict[str, dt.date] = {e.id: e.date for e in events if e.date is not None}
    for ev in events:
        for src in ev.sources:
            ev_sent.setdefault((src.doc, src.sentence[0], src.sentence[1]), set()).add(ev.id)
    out: list[Candidate] = []
    for clean, ann in docs:
        body = clean.body
        pos = 0
        for s, e in sentence_spans(clean, ann):
            text = body[s:e]
            n = word_count(text)
            if n < rules.SUMMARY_MIN_WORDS or n > rules.SUMMARY_MAX_WORDS or rules.NOT_PROSE.search(text):
                continue
            if not text.rstrip("\"'”’)").endswith((".", "!", "?")) and n < 2 * rules.SUMMARY_MIN_WORDS:
                continue  # headline or caption: no closing punctuation and short
            evs: set[str] = set()
            for (d, es, ee), ids in ev_sent.items():
                if d == clean.doc_id and es < e and s < ee:
                    evs |= ids
            dates = [ev_date[i] for i in evs if i in ev_date]
            out.append(
                Candidate(
                    doc=clean.doc_id,
                    start=s,
                    end=e,
                    text=text,
                    position=pos,
                    words=content_words(text),
                    facts=content_words(text) | _numbers(text),
                    events=frozenset(evs),
                    when=_when(dates, clean.published),
                    published=clean.published,
                )
            )
            pos += 1
    return out


class ExtractiveSummariser:
    """Greedy coverage: each step takes the sentence adding the most new events and new independent
    sources, with support (its words found in other independent documents) and a lead bonus; a sentence
    too close in wording to one already taken is skipped."""

    def __call__(
        self,
        docs: Sequence[tuple[CleanDocument, AnnotatedDocument | None]],
        events: Sequence[Event],
        roots: Mapping[str, str],
    ) -> tuple[SummarySentence, ...]:
        cands = _candidates(docs, events)
        if not cands:
            return ()
        words_by_root: dict[str, set[str]] = {}
        for c in cands:
            words_by_root.setdefault(roots.get(c.doc, c.doc), set()).update(c.words)
        weight = {e.id: 1.0 + 0.5 * min(e.independent_sources, 4) for e in events}

        def support(c: Candidate) -> float:
            root = roots.get(c.doc, c.doc)
            others = [w for r, w in words_by_root.items() if r != root]
            if not others or not c.words:
                return 0.0
            return sum(len(c.words & w) / len(c.words) for w in others) / len(others)

        base = {
            (c.doc, c.start): support(c)
            + rules.LEAD_BONUS * rules.LEAD_DECAY**c.position
            - (0.3 if roots.get(c.doc, c.doc) != c.doc else 0.0)
            - (rules.ANAPHORA_PENALTY if rules.LEADING_ANAPHOR.match(c.text) else 0.0)
            for c in cands
        }
        df = Counter(w for c in cands for w in c.facts)
        idf = {w: math.log((1 + len(cands)) / (1 + n)) + 1.0 for w, n in df.items()}
        norms = {c.facts: math.sqrt(sum(idf[w] ** 2 for w in c.facts)) for c in cands}
        coverable = {i for c in cands for i in c.events}
        target = min(rules.SUMMARY_MAX, max(rules.SUMMARY_MIN, len(coverable) + 1))
        chosen: list[Candidate] = []
        covered: set[str] = set()
        roots_used: set[str] = set()
        # a candidate taken, or too close to one taken, is out for good: each is tested against each pick
        # once, when it is picked (the tests are symmetric), not against all the picks at every step
        out: list[bool] = [False] * len(cands)
        while len(chosen) < target:
            best: tuple[float, str, int] | None = None
            pick: Candidate | None = None
            for k, c in enumerate(cands):
                if out[k]:
                    continue
                gain = sum(weight.get(i, 1.0) for i in c.events - covered)
                gain += rules.NEW_SOURCE_BONUS if roots.get(c.doc, c.doc) not in roots_used else 0.0
                gain += base[(c.doc, c.start)]
                key = (gain, c.doc, -c.start)
                if (
                    best is None
                    or key[0] > best[0]
                    or (key[0] == best[0] and (c.doc, c.start) < (best[1], -best[2]))
                ):
                    best, pick = key, c
            if pick is None:
                break
            for k, c in enumerate(cands):
                if not out[k] and (
                    c is pick
                    or jaccard(c.words, pick.words) >= rules.REDUNDANT_JACCARD
                    or _idf_cosine(c.facts, pick.facts, idf, norms) >= rules.REDUNDANT_COSINE
                    or _same_figure(c, pick)
                ):
                    out[k] = True
            chosen.append(pick)
            covered |= pick.events
            roots_used.add(roots.get(pick.doc, pick.doc))
        chosen.sort(
            key=lambda c: (c.when is None, c.when or dt.date.max, c.published or dt.date.max, c.doc, c.start)
        )
        return tuple(
            SummarySentence(text=c.text, citations=(Citation(doc=c.doc, start=c.start, end=c.end),))
            for c in chosen
        )
