"""Language of the body: a function-word vote when it is clear, else lingua (bundled models, no network).

Lingua costs ~0.1-0.7 ms per call here even in low-accuracy mode, which alone would halve the stage's
throughput; the function-word profile of the body (:func:`newsledger.textkit.stopwords.language_profile`)
decides the clear cases for free, and lingua is asked only when that vote is close or has too little text.
"""

from __future__ import annotations

import logging
import re
from functools import cache
from typing import Any

from newsledger.textkit.stopwords import language_profile, top_two

log = logging.getLogger(__name__)

_WORD = re.compile(r"\w+")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]")
_KANA = re.compile(r"[\u3040-\u30ff]")
_HANGUL = re.compile(r"[\uac00-\ud7af]")

# The function-word vote is trusted when the winner has at least this many hits and leads the runner-up
# by this share of its hits (languages sharing function words, e.g. Bosnian/Croatian/Serbian, stay close).
VOTE_MIN_HITS = 8
VOTE_MIN_MARGIN = 0.35
# A page-level vote this clear decides the body's language too (menus in another language would lower it).
PAGE_VOTE_MARGIN = 0.6
# Characters of body text given to lingua.
LINGUA_SAMPLE_CHARS = 300


@cache
def _detector() -> Any:
    try:
        from lingua import LanguageDetectorBuilder
    except ImportError:  # pragma: no cover - lingua is a pinned dependency
        return None
    return LanguageDetectorBuilder.from_all_languages().with_low_accuracy_mode().build()


def _lingua(sample: str) -> str | None:
    det = _detector()
    if det is None:
        return None
    try:
        lang = det.detect_language_of(sample)
    except Exception:  # a detector failure must not fail the document
        log.debug("lingua failed", exc_info=True)
        return None
    if lang is None:
        return None
    return str(lang.iso_code_639_1.name).lower()


def detect_language(body: str, page_guess: str | None = None, page_margin: float = 0.0) -> str | None:
    """ISO 639-1 code of ``body`` (None when there is no text to judge).

    ``page_guess``/``page_margin``: the function-word vote over the whole page (features.page_info); when
    it is clear the body is taken to be in the page's language without a second look.
    """
    if page_guess and page_margin >= PAGE_VOTE_MARGIN:
        return page_guess
    sample = body[:3000]
    if not sample.strip():
        return None
    n_cjk = len(_CJK.findall(sample))
    letters = len(_WORD.findall(sample)) + n_cjk
    if n_cjk > 0.3 * max(letters, 1):
        return "ja" if len(_KANA.findall(sample)) > 0.1 * n_cjk else "zh"
    if len(_HANGUL.findall(sample)) > 20:
        return "ko"
    best, n1, n2 = top_two(language_profile(_WORD.findall(sample.lower())))
    if best is not None and n1 >= VOTE_MIN_HITS and (n1 - n2) >= VOTE_MIN_MARGIN * n1:
        return best
    return _lingua(body[:LINGUA_SAMPLE_CHARS]) or best
