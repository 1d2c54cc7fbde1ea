"""Function words per language: the most frequent words, for stop-word density and a cheap language guess.

``stopwords.json`` holds, per ISO 639-1 code, the 200 most frequent lower-cased single ``\\w+`` words of the
jusText 3.0.2 stoplists (Wikipedia frequency lists; jusText is BSD-2-Clause, (c) 2011 Jan Pomikálek), in
frequency order. Chinese and Japanese have no word boundaries, so they get sets of frequent function
*characters* instead (:data:`CJK_FUNCTION_CHARS`), written here by hand.

``language_profile(words)`` counts, for every language, how many of the given words are its function words:
on running text the language with the most hits is almost always the language of the text, which lets the
clean stage skip the slower statistical detector when the answer is clear.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import cache
from importlib import resources

__all__ = [
    "CJK_FUNCTION_CHARS",
    "JA_KANA_FUNCTION_CHARS",
    "language_profile",
    "languages",
    "stopwords",
    "top_two",
]

# Frequent grammatical characters of written Chinese (particles, copula, common prepositions, measure words).
CJK_FUNCTION_CHARS = frozenset(
    "的了是在和有也这就不我他们中为对与将上个到说要以及等被从而之于其但并后时"
    "這們為對與將個說從於並後時"  # the same in traditional characters
)
# Hiragana particles and auxiliaries that dominate Japanese running text.
JA_KANA_FUNCTION_CHARS = frozenset("のにはをたがでてとしれさるいもなかう")


@cache
def _table() -> dict[str, frozenset[str]]:
    raw = resources.files("newsledger.textkit").joinpath("stopwords.json").read_text(encoding="utf-8")
    data: dict[str, list[str]] = json.loads(raw)
    return {code: frozenset(words) for code, words in data.items()}


def languages() -> tuple[str, ...]:
    """ISO 639-1 codes that have a function-word list."""
    return tuple(sorted(_table()))


def stopwords(lang: str) -> frozenset[str]:
    """The lower-cased function words of ``lang`` (empty for a language without a list)."""
    return _table().get(lang, frozenset())


@cache
def _word_langs() -> dict[str, tuple[str, ...]]:
    index: dict[str, list[str]] = {}
    for code, words in _table().items():
        for w in words:
            index.setdefault(w, []).append(code)
    return {w: tuple(codes) for w, codes in index.items()}


@cache
def _vocabulary() -> frozenset[str]:
    return frozenset(_word_langs())


def language_profile(words: Iterable[str]) -> dict[str, int]:
    """How many *distinct* function words of each language occur among ``words`` (lower-cased tokens).

    Distinct words, not occurrences: one set intersection in C instead of counting every token, and a
    repeated "the" in a menu does not outvote the text.
    """
    index = _word_langs()
    out: dict[str, int] = {}
    for w in _vocabulary().intersection(words):
        for c in index[w]:
            out[c] = out.get(c, 0) + 1
    return out


def top_two(profile: dict[str, int]) -> tuple[str | None, int, int]:
    """The best language of a profile, its hits and the runner-up's hits."""
    best: str | None = None
    n1 = n2 = 0
    for lang, k in profile.items():
        if k > n1 or (k == n1 and best is not None and lang < best):
            best, n1, n2 = lang, k, n1
        elif k > n2:
            n2 = k
    return best, n1, n2
