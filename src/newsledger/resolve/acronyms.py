"""Acronyms: definitions learned from "Long Form (ABC)" in a body (Schwartz & Hearst 2003) and the test of
whether a mention's surface is an acronym at all."""

from __future__ import annotations

import re
from functools import lru_cache

from newsledger.resolve import rules
from newsledger.textkit.names import fold

_DEF_RE = re.compile(r"\(\s*([A-Z][A-Za-z0-9&.\-]{1,11})\s*\)")
_WORD_RE = re.compile(r"\S+")


@lru_cache(maxsize=131072)
def acronym_form(surface: str) -> str | None:
    """The acronym a surface spells ("KCNA", "U.S." -> "US", "the WPK's" -> "WPK"), or None."""
    s = fold(surface).strip()
    if s.lower().startswith("the "):
        s = s[4:]
    s = re.sub(r"(?:'s|')$", "", s).replace(".", "").strip()
    if not (rules.ACRONYM_MIN <= len(s) <= rules.ACRONYM_MAX) or " " in s:
        return None
    upper = sum(1 for c in s if c.isupper())
    if upper < 2 or any(c.islower() for c in s[:-1]) or not s[0].isupper():
        return None
    if s[-1].islower() and s[-1] != "s":
        return None
    return s


def long_form_match(short: str, long: str) -> str | None:
    """Schwartz-Hearst: the shortest tail of ``long`` whose characters spell ``short`` in order, the first
    letter starting a word; None when it does not."""
    s = len(short) - 1
    i = len(long) - 1
    while s >= 0:
        c = short[s].lower()
        if not c.isalnum():
            s -= 1
            continue
        while i >= 0 and (long[i].lower() != c or (s == 0 and i > 0 and long[i - 1].isalnum())):
            i -= 1
        if i < 0:
            return None
        i -= 1
        s -= 1
    start = long.rfind(" ", 0, i + 1) + 1
    out = long[start:].strip()
    return out if len(out) > len(short) else None


def initials_match(letters: str, words: list[str]) -> str | None:
    """The shortest tail of ``words`` whose word initials spell ``letters`` exactly (function words may
    be skipped): "Organization of Petroleum Exporting Countries" for OPEC, where character-level matching
    would stop at "of Petroleum Exporting Countries"."""
    target = letters.upper()
    for k in range(1, len(words) + 1):
        tail = words[-k:]
        if tail[0].lower() in rules.INITIALS_SKIP or not tail[0][:1].isupper():
            continue
        content = "".join(w[0] for w in tail if w.lower() not in rules.INITIALS_SKIP).upper()
        every = "".join(w[0] for w in tail).upper()
        if target in (content, every):
            return " ".join(tail)
        if len(content) > len(target):
            break
    return None


def definitions(body: str) -> list[tuple[str, str]]:
    """``(acronym, long form)`` pairs defined in ``body`` as "Long Form (ABC)", in text order."""
    out: list[tuple[str, str]] = []
    for m in _DEF_RE.finditer(body):
        acr = acronym_form(m.group(1))
        if acr is None:
            continue
        line_start = max(body.rfind("\n", 0, m.start()) + 1, m.start() - 200)
        words = _WORD_RE.findall(fold(body[line_start : m.start()]))
        n = min(len(acr) + 5, len(acr) * 2)
        window_words = [w for w in (x.strip(",;:") for x in words[-n:]) if w]
        letters = acr[:-1] if acr.endswith("s") else acr
        lf = initials_match(letters, window_words) or long_form_match(letters, " ".join(window_words).strip())
        if lf is None:
            continue
        words_lf = lf.split()
        while words_lf and words_lf[0].lower() in rules.INITIALS_SKIP:
            words_lf = words_lf[1:]
        lf = " ".join(words_lf)
        # the expansion must start with the acronym's first letter ("of Petroleum ..." is not OPEC's)
        if lf and lf[0].isupper() and lf[0].upper() == letters[0].upper():
            out.append((acr, lf))
    return out
