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
        window = " ".join(words[-n:]).strip(" ,;:")
        lf = long_form_match(acr.rstrip("s") if acr.endswith("s") else acr, window)
        if lf is None:
            continue
        words_lf = lf.split()
        if words_lf[0].lower() in ("the", "a", "an", "of"):
            lf = " ".join(words_lf[1:])
        if lf and lf[0].isupper():
            out.append((acr, lf))
    return out
