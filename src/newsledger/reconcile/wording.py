"""Sentence spans and content words: what the comparison and the summary measure overlap with."""

from __future__ import annotations

import re
from functools import cache, lru_cache

from newsledger.records import AnnotatedDocument, CleanDocument
from newsledger.textkit.stopwords import stopwords

from . import rules

__all__ = ["content_words", "jaccard", "sentence_at", "sentence_spans", "word_count"]

# Fallback split when no annotation: a sentence ends at . ! ? (plus closing quotes) before a capital, digit
# or quote, unless the word before is an initial or a known abbreviation ("U.S.", "Mr.", "Gen.").
_END = re.compile(r"[.!?][\"'”’)]*(?=\s+[\"“‘'(]?[A-Z0-9])")
_ABBREV = frozenset({
    "mr", "ms", "mrs", "dr", "st", "jr", "sr", "gen", "col", "lt", "sgt", "rep", "sen", "gov", "no",
    "mt", "ft",
    "vs", "inc", "corp", "co", "ltd", "jan", "feb", "aug", "sept", "oct", "nov", "dec",
})  # fmt: skip


def _split(body: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    pos = 0
    for para in body.split("\n"):
        start = pos
        for m in _END.finditer(para):
            word = re.search(r"([\w.]+)$", para[: m.start()])
            w = word.group(1).lower() if word else ""
            if (len(w) == 1 and w.isalpha()) or w in _ABBREV or re.fullmatch(r"(?:\w\.)+\w", w):
                continue
            out.append((start, pos + m.end()))
            start = pos + m.end()
        if start < pos + len(para):
            out.append((start, pos + len(para)))
        pos += len(para) + 1
    return out


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


@lru_cache(maxsize=8192)  # a story's sentences are read by the report, count and summary passes in turn
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
        raw = _split(body)
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
