"""Sentence spans and content words: what the comparison and the summary measure overlap with."""

from __future__ import annotations

import re
from functools import cache

from newsledger.records import AnnotatedDocument, CleanDocument
from newsledger.textkit.stopwords import stopwords

from . import rules

__all__ = ["content_words", "jaccard", "sentence_at", "sentence_spans", "word_count"]

_FALLBACK_SENT = re.compile(r"[^\n]+?(?:[.!?][\"'”’)]*(?=\s)|$)", re.MULTILINE)


@cache
def _stop() -> frozenset[str]:
    return frozenset(stopwords("en")) | rules.EXTRA_STOP


def _stem(w: str) -> str:
    # crude plural folding, enough to make "officials"/"official" and "ties"/"tie" meet
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 3 and w.endswith("s") and not w.endswith("ss"):
        return w[:-1]
    return w


def content_words(text: str) -> frozenset[str]:
    """Lower-cased, plural-folded words of ``text`` minus function words and reporting words."""
    stop = _stop()
    return frozenset(
        _stem(w) for w in (m.group(0).lower() for m in rules.WORD.finditer(text)) if w not in stop
    )


def word_count(text: str) -> int:
    return sum(1 for _ in rules.WORD.finditer(text))


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def sentence_spans(clean: CleanDocument, ann: AnnotatedDocument | None) -> tuple[tuple[int, int], ...]:
    """Sentence spans of the body, trimmed of surrounding whitespace; from the annotation when present,
    else a punctuation split per paragraph."""
    body = clean.body
    raw: list[tuple[int, int]]
    if ann is not None and ann.sentences and ann.body == body:
        raw = [(s.start, s.end) for s in ann.sentences]
    else:
        raw = [(m.start(), m.end()) for m in _FALLBACK_SENT.finditer(body)]
    out: list[tuple[int, int]] = []
    for s, e in raw:
        while s < e and body[s].isspace():
            s += 1
        while e > s and body[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return tuple(out)


def sentence_at(spans: tuple[tuple[int, int], ...], start: int, end: int) -> tuple[int, int]:
    """The sentence span containing ``[start, end)``; the span itself when none does."""
    for s, e in spans:
        if s <= start and end <= e:
            return (s, e)
    for s, e in spans:
        if s < end and start < e:
            return (s, e)
    return (start, end)
