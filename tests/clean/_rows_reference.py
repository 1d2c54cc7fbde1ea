"""The per-line values of :func:`newsledger.clean.features._rows` as the first vectorised version computed
them (a Python loop over the short lines): the reference the faster code is tested against, value for value
(``test_clean_feature_rows.py``)."""

from __future__ import annotations

import operator
import re
from collections.abc import Iterable
from itertools import repeat

import numpy as np
import numpy.typing as npt

from newsledger.clean.features import (
    _BULLETS,
    _BYLINE_HEADS,
    _CJK_FUNC_RE,
    _COMMENT_BIT,
    _COMMENT_RE,
    _FIRST,
    _KW_MASK,
    _LABELS,
    _LOOP_IDX,
    _NUMDATE_RE,
    _PAD_RE,
    _PARENS,
    _PUNCT,
    _QUOTE_CLOSE,
    _QUOTE_OPEN,
    _R,
    _RAW,
    _SENT_END,
    _TIME_RE,
    CJK_RE,
    SHORT_LINE_TOKENS,
    _token_codes,
    stopwords,
)

F64 = npt.NDArray[np.float64]
_DIGIT_RE = re.compile(r"\d")
_SENT_ENDINGS = tuple(_SENT_END) + tuple(e + q for e in _SENT_END for q in _QUOTE_CLOSE)


def rows_reference(lines: list[str], lang: str | None, cjk: bool) -> tuple[F64, list[list[str]]]:
    """The raw per-line values (rows of ``_RAW``, one column per line), and each line's lower-cased tokens.

    Values that one C-level string method gives (lengths, counts, first and last characters) are computed
    a column at a time with ``map``; the Python loop over the lines does only the vocabulary work of short
    lines (keywords, labels, dates, comment heads) and the stop-word counts. Rare characters are looked for
    once on the whole page and counted per line only where the page has them.
    """
    n = len(lines)
    out = np.zeros((len(_RAW), n))
    if n == 0:
        return out, []
    swc = (stopwords(lang) if lang else frozenset()).__contains__
    codes, tok_all = _token_codes()
    tok_inter = tok_all.intersection
    istitle = str.istitle
    isdigit = str.isdigit
    digit_search = _DIGIT_RE.search
    lows = list(map(str.lower, lines))
    lowered = list(map(str.split, lows))
    page = "\n".join(lines)

    def col(name: str, it: Iterable[float | bool | int]) -> None:
        out[_R[name]] = np.fromiter(it, dtype=np.float64, count=n)

    def count(ss: Iterable[str], what: str) -> F64:
        return np.fromiter(map(str.count, ss, repeat(what)), dtype=np.float64, count=n)

    def has(ss: Iterable[str], what: str) -> npt.NDArray[np.bool_]:
        return np.fromiter(map(operator.contains, ss, repeat(what)), dtype=np.bool_, count=n)

    col("nchar", map(len, lines))
    col("ntok", map(len, lowered))
    comma = count(lines, ",")
    stop = count(lines, ". ") + count(lines, "! ") + count(lines, "? ")
    for c in ("，", "、"):
        if c in page:
            comma += count(lines, c)
    if "。" in page:
        stop += count(lines, "。")
    out[_R["ncomma"]] = comma
    out[_R["nstop"]] = stop
    sep = out[_R["nsep"]]
    for c in (" | ", "»", "›", "•", "·"):
        if c in page:
            sep += count(lines, c)
    if cjk:
        col("ncjk", map(len, map(CJK_RE.findall, lines)))
        col("nfunc", map(len, map(_CJK_FUNC_RE.findall, lines)))
    firsts = list(map(_FIRST, lines))
    col("end_sentence", map(str.endswith, lines, repeat(_SENT_ENDINGS)))
    col("end_colon", map(str.endswith, lines, repeat((":", "："))))
    col("end_ellipsis", map(str.endswith, lines, repeat(("...", "…"))))
    col("start_lower", map(str.islower, firsts))
    col("start_bullet", map(_BULLETS.__contains__, firsts))
    for i in np.flatnonzero(np.fromiter(map(isdigit, firsts), dtype=np.bool_, count=n)).tolist():
        if lines[i][1:3] in (". ", ") "):
            out[_R["start_bullet"], i] = 1.0
    col("is_upper", map(str.isupper, lines))
    col("has_at", map(operator.contains, lines, repeat("@")))
    for i in np.flatnonzero(has(lines, "    ")).tolist():
        out[_R["padding"], i] = float(_PAD_RE.search(lines[i]) is not None)
    col("paren", map(_PARENS.__contains__, firsts))
    col("quote_start", map(_QUOTE_OPEN.__contains__, firsts))
    url = np.zeros(n, dtype=np.bool_)
    page_low = "\n".join(lows)
    for c in ("://", "www.", ".com", ".org", ".net"):
        if c in page_low:
            url |= has(lows, c)
    short = out[_R["ntok"]] <= SHORT_LINE_TOKENS
    out[_R["has_url"]] = url & (short | (out[_R["nchar"]] < 400))
    # stop words and title-case words: one C-level map over all the page's tokens, summed per line
    ntoks = out[_R["ntok"]].astype(np.intp)
    ends = np.cumsum(ntoks)
    begins = ends - ntoks
    total = int(ends[-1])
    all_low = page_low.split()
    all_words = page.split()
    if len(all_low) == total == len(all_words):
        csum = np.zeros((2, total + 1))
        csum[0, 1:] = np.fromiter(map(swc, all_low), dtype=np.bool_, count=total)
        csum[1, 1:] = np.fromiter(map(istitle, all_words), dtype=np.bool_, count=total)
        np.cumsum(csum, axis=1, out=csum)
        out[_R["nsw"]] = csum[0, ends] - csum[0, begins]
        ncap = csum[1, ends] - csum[1, begins]
        # a long line's capitals are estimated from its first 40 words
        head = np.minimum(ntoks, 40)
        ncap_head = csum[1, begins + head] - csum[1, begins]
        out[_R["ncap"]] = np.where(
            ntoks > SHORT_LINE_TOKENS, np.floor(ncap_head * ntoks / np.maximum(head, 1)), ncap
        )
    else:  # a character whose lower case splits differently: count line by line
        out[_R["nsw"]] = np.fromiter((sum(map(swc, parts)) for parts in lowered), np.float64, count=n)
        ncap_l = []
        for line, k in zip(lines, ntoks.tolist(), strict=True):
            ws = line.split(None, 40)[:40] if k > SHORT_LINE_TOKENS else line.split()
            nc = sum(map(istitle, ws))
            ncap_l.append(int(nc * k / len(ws)) if k > SHORT_LINE_TOKENS else nc)
        out[_R["ncap"]] = ncap_l
    # the Python pass: vocabulary of short lines (keywords, labels, dates, comment heads)
    rows: list[tuple[int, ...]] = []
    append = rows.append
    for line, low, parts in zip(lines, lows, lowered, strict=True):
        ntok = len(parts)
        kw = 0
        if ntok > SHORT_LINE_TOKENS:
            found = tok_inter(parts[:40])
            if found:
                for w in found:
                    kw |= codes[w]
                kw &= _KW_MASK
            append((0, kw, 0, 0, 0, 0, 0, 0))
            continue
        label = byline = month = tm = numdate = comment = ndigit = 0
        toks = [t.strip(_PUNCT) for t in parts]
        found = tok_inter(toks)
        if found:
            for w in found:
                kw |= codes[w]
            month = (kw >> 40) & 1
        if toks:
            t0 = toks[0]
            if t0 in _LABELS:
                k = low.find(t0) + len(t0)
                rest = low[k : k + 14].lstrip()
                if rest.startswith(":") or (ntok > 1 and toks[1] in _LABELS and ":" in rest):
                    label = 1
            if (t0 in _BYLINE_HEADS and ntok > 1) or "| by " in low:
                byline = 1
        if digit_search(line) is not None:
            ndigit = sum(map(isdigit, toks))
            if ":" in line and _TIME_RE.search(line):
                tm = 1
            if _NUMDATE_RE.search(line):
                numdate = 1
        if (
            kw & _COMMENT_BIT
            or "say" in low
            or "report" in low
            or "respons" in low
            or "recommend" in low
            or "said.." in low
        ):
            comment = int(_COMMENT_RE.search(line) is not None)
        append((ndigit, kw & _KW_MASK, label, byline, month, tm, numdate, comment))
    out[_LOOP_IDX] = np.array(rows, dtype=np.float64).T
    # added with the faster version: where each line's first digit is (-1: none)
    out[_R["digit_at"]] = [m.start() if (m := _DIGIT_RE.search(line)) else -1 for line in lines]
    return out, lowered
