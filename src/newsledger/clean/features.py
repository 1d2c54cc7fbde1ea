"""Per-line features of a page dump.

Nothing here depends on a site: lengths, stop-word density, sentence punctuation, letter case, link- and
menu-like vocabulary, dates, repetition, position relative to the densest run of prose, and the same
measures of the neighbouring lines. The per-line pass uses only C-level string methods (split, count, set
intersection); context features are numpy shifts and windows over the per-line columns.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache

import numpy as np
import numpy.typing as npt

from newsledger.clean import rules
from newsledger.clean.segment import Segmented
from newsledger.textkit.stopwords import (
    CJK_FUNCTION_CHARS,
    JA_KANA_FUNCTION_CHARS,
    language_profile,
    stopwords,
)

F64 = npt.NDArray[np.float64]

WORD_RE = re.compile(r"\w+")
CJK_RE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_CJK_FUNC_RE = re.compile("[" + "".join(sorted(CJK_FUNCTION_CHARS | JA_KANA_FUNCTION_CHARS)) + "]")
_KANA_RE = re.compile(r"[\u3040-\u30ff]")
_DIGIT_RE = re.compile(r"\d")
_UPPER_RE = re.compile(r"[A-ZÀ-ÖØ-ÞĀ-Ž΄-ΏΑ-ΩА-Я]")
_SENT_END = frozenset(".!?。！？…")
_QUOTE_CLOSE = frozenset("\"'”’»)]")

# A line of at most this many whitespace tokens is tokenised exactly (\w+) for the vocabulary features;
# longer lines are prose or long lists, where split() is good enough and much cheaper.
SHORT_LINE_TOKENS = 16


@cache
def _keyword_codes() -> tuple[dict[str, int], tuple[str, ...], frozenset[str]]:
    names = tuple(rules.KEYWORDS)
    codes: dict[str, int] = {}
    for bit, name in enumerate(names):
        for w in rules.KEYWORDS[name]:
            codes[w] = codes.get(w, 0) | (1 << bit)
    return codes, names, frozenset(codes)


@dataclass(slots=True)
class PageInfo:
    """Page-level facts the features need: the language guess and whether the page is CJK."""

    lang: str | None
    lang_margin: float
    cjk: bool


def page_info(text: str) -> PageInfo:
    """Guess the page language from function words (or the script, for Chinese/Japanese): cheap."""
    sample = text[:30000]
    n_cjk = len(CJK_RE.findall(sample))
    if n_cjk > 0.15 * max(len(sample), 1):
        kana = len(_KANA_RE.findall(sample))
        return PageInfo(lang="ja" if kana > 0.1 * n_cjk else "zh", lang_margin=1.0, cjk=True)
    prof = language_profile(WORD_RE.findall(sample.lower()))
    if not prof:
        return PageInfo(lang=None, lang_margin=0.0, cjk=n_cjk > 0)
    (best, n1), *rest = prof.most_common(2)
    n2 = rest[0][1] if rest else 0
    return PageInfo(lang=best, lang_margin=(n1 - n2) / max(n1, 1), cjk=n_cjk > 0)


@dataclass(slots=True)
class Features:
    names: tuple[str, ...]
    matrix: F64  # lines x features
    columns: dict[str, F64]


def _shift(a: F64, k: int, fill: float = 0.0) -> F64:
    """a[i - k] at i (k > 0: the line k above; k < 0: the line below), ``fill`` outside the page."""
    out = np.full_like(a, fill)
    if k > 0:
        out[k:] = a[:-k]
    elif k < 0:
        out[:k] = a[-k:]
    else:
        out[:] = a
    return out


def _window_mean(a: F64, w: int) -> F64:
    n = a.size
    if n == 0:
        return a.copy()
    cs = np.concatenate(([0.0], np.cumsum(a)))
    idx = np.arange(n)
    lo = np.maximum(idx - w, 0)
    hi = np.minimum(idx + w + 1, n)
    out: F64 = (cs[hi] - cs[lo]) / (hi - lo)
    return out


def densest_run(score: F64) -> tuple[int, int]:
    """Indices [a, b] of the contiguous run with the largest sum (Kadane); (0, -1) for no lines."""
    n = score.size
    if n == 0:
        return 0, -1
    cs = np.concatenate(([0.0], np.cumsum(score)))
    run_min = np.minimum.accumulate(cs[:-1])
    gains = cs[1:] - run_min
    b = int(np.argmax(gains))
    a = int(np.argmin(cs[: b + 1]))
    return a, b


def _teasers(lines: list[str]) -> F64:
    """1 for a line cut short with "..." whose text starts another, longer line (a teaser of it)."""
    out = np.zeros(len(lines))
    for i, x in enumerate(lines):
        if x.endswith(("...", "…")):
            stem = x.rstrip(".… ")
            if len(stem) >= 20:
                for j, y in enumerate(lines):
                    if j != i and len(y) > len(stem) and y.startswith(stem):
                        out[i] = 1.0
                        break
    return out


# names of the per-line raw columns filled by the Python pass, in order
_RAW = (
    "nchar",
    "ntok",
    "nsw",
    "ncap",
    "ndigit_tok",
    "ncomma",
    "nstop_punct",
    "nsep",
    "npipe",
    "ncjk",
    "nfunc",
    "end_sentence",
    "end_colon",
    "end_ellipsis",
    "start_lower",
    "start_bullet",
    "is_upper",
    "label_colon",
    "byline",
    "has_at",
    "has_url",
    "padding",
    "paren",
    "month",
    "time",
    "numdate",
)
_COL = {name: i for i, name in enumerate(_RAW)}

_MONTHS = frozenset(
    [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
    ]
)
_LABELS = frozenset(
    [
        "tags",
        "tag",
        "topics",
        "topic",
        "filed",
        "posted",
        "categories",
        "category",
        "keywords",
        "related",
        "source",
        "sources",
        "photo",
        "image",
        "credit",
        "credits",
        "caption",
        "more",
        "see",
        "read",
    ]
)
_BYLINE_HEADS = frozenset(("by", "von", "par", "por", "автор", "от", "przez"))
_BULLETS = frozenset("*+•·▪►-–—")
_TIME_RE = re.compile(r"\b\d{1,2}:\d{2}\b")
_NUMDATE_RE = re.compile(
    r"\b(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4})\b|\d{4}年\d{1,2}月"
)
_URL_RE = re.compile(r"(?i)https?://|www\.|\.(?:com|org|net|co\.uk|ru|pl|cn|gr)\b")
_PAD_RE = re.compile(r"\S {4,}\S")


def _raw_columns(
    lines: list[str], lang: str | None, cjk: bool
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.int64]]:
    """The per-line counts (one Python pass over lines, C-level string methods only)."""
    sw = stopwords(lang) if lang else frozenset()
    codes, _, kw_all = _keyword_codes()
    n = len(lines)
    raw = np.zeros((n, len(_RAW)))
    kw = np.zeros(n, dtype=np.int64)
    word_findall = WORD_RE.findall
    sw_inter = sw.intersection
    kw_inter = kw_all.intersection
    for i, line in enumerate(lines):
        low = line.lower()
        parts = low.split()
        short = len(parts) <= SHORT_LINE_TOKENS
        toks = word_findall(low) if short else parts
        ntok = len(toks)
        row = raw[i]
        row[0] = len(line)
        row[1] = ntok
        row[2] = len(sw_inter(toks)) if short else sum(map(sw.__contains__, parts))
        first = line[0]
        last = line[-1]
        if short:
            row[3] = sum(map(str.istitle, word_findall(line)))
            row[4] = sum(map(str.isdigit, toks))
            found = kw_inter(toks)
            if found:
                m = 0
                for w in found:
                    m |= codes[w]
                kw[i] = m
            if toks:
                t0 = toks[0]
                if t0 in _LABELS:
                    k = low.find(t0) + len(t0)
                    rest = low[k : k + 12].lstrip()
                    if rest.startswith(":") or (len(toks) > 1 and toks[1] in _LABELS and ":" in rest):
                        row[17] = 1.0
                if (t0 in _BYLINE_HEADS and len(toks) > 1) or "| by " in low or " by " in low[:3]:
                    row[18] = 1.0
            if not _MONTHS.isdisjoint(toks):
                row[23] = 1.0
            if ":" in line and _TIME_RE.search(line):
                row[24] = 1.0
            if _NUMDATE_RE.search(line):
                row[25] = 1.0
        else:
            row[3] = sum(map(str.istitle, line.split()[:40])) * max(len(parts) / 40.0, 1.0)
            found = kw_inter(parts[:40])
            if found:
                m = 0
                for w in found:
                    m |= codes[w]
                kw[i] = m
        row[5] = line.count(",") + line.count("，") + line.count("、")
        row[6] = line.count(". ") + line.count("。") + line.count("! ") + line.count("? ")
        row[7] = line.count(" | ") + line.count("»") + line.count("›") + line.count("•") + line.count("·")
        row[8] = line.count("|")
        if cjk:
            row[9] = len(CJK_RE.findall(line))
            row[10] = len(_CJK_FUNC_RE.findall(line))
        row[11] = last in _SENT_END or (last in _QUOTE_CLOSE and len(line) > 1 and line[-2] in _SENT_END)
        row[12] = last == ":" or last == "："
        row[13] = line.endswith(("...", "…"))
        row[14] = first.islower()
        row[15] = first in _BULLETS or (first.isdigit() and line[1:3] in (". ", ") "))
        row[16] = line.isupper()
        row[19] = "@" in line
        row[20] = _URL_RE.search(line) is not None if short or len(line) < 400 else 0.0
        row[21] = "    " in line and _PAD_RE.search(line) is not None
        row[22] = first == "(" or first == "["
    return raw, kw


def line_features(seg: Segmented, info: PageInfo) -> Features:
    """All line features of one page (see the module docstring)."""
    lines = seg.lines
    n = len(lines)
    raw, kw = _raw_columns(lines, info.lang, info.cjk)
    R = {name: raw[:, i] for name, i in _COL.items()}
    c: dict[str, F64] = {}
    nchar = R["nchar"]
    ntok = R["ntok"]
    ncjk = R["ncjk"]
    wtok = ntok + ncjk / 2.0  # word-equivalents: a CJK character is about half a word
    nsw = R["nsw"] + R["nfunc"]
    c["log_chars"] = np.log1p(nchar)
    c["log_words"] = np.log1p(wtok)
    c["log_stop"] = np.log1p(nsw)
    prose_ratio = nsw / np.maximum(wtok, 1.0)
    c["prose_ratio"] = prose_ratio
    c["cjk_ratio"] = ncjk / np.maximum(nchar, 1.0)
    c["cap_word_ratio"] = np.minimum(R["ncap"] / np.maximum(ntok, 1.0), 1.0)
    c["digit_tok_ratio"] = R["ndigit_tok"] / np.maximum(ntok, 1.0)
    c["comma_per_word"] = np.minimum(R["ncomma"] / np.maximum(wtok, 1.0), 1.0)
    c["stop_punct_per_word"] = np.minimum(R["nstop_punct"] / np.maximum(wtok, 1.0), 1.0)
    c["sep"] = np.minimum(R["nsep"], 5.0)
    c["pipe"] = np.minimum(R["npipe"], 5.0)
    for name in (
        "end_sentence",
        "end_colon",
        "end_ellipsis",
        "start_lower",
        "start_bullet",
        "is_upper",
        "label_colon",
        "byline",
        "has_at",
        "has_url",
        "padding",
        "paren",
        "month",
        "time",
        "numdate",
    ):
        c[name] = R[name]
    c["one_word"] = (wtok <= 1.5).astype(np.float64)
    c["short"] = (wtok < 6).astype(np.float64)
    c["long"] = (wtok >= 25).astype(np.float64)
    _, kw_names, _ = _keyword_codes()
    for bit, name in enumerate(kw_names):
        c["kw_" + name] = ((kw >> bit) & 1).astype(np.float64)

    # repetition: a line seen elsewhere on the page (teasers, share boxes, repeated headlines)
    counts = Counter(lines)
    dup = np.fromiter((counts[x] for x in lines), dtype=np.float64, count=n)
    c["dup"] = (dup > 1).astype(np.float64)
    c["teaser_of_other"] = _teasers(lines)

    # position in the page
    idx = np.arange(n, dtype=np.float64)
    c["pos"] = idx / max(n - 1, 1)
    c["log_n_lines"] = np.full(n, np.log1p(n))
    total = max(float(nchar.sum()), 1.0)
    c["char_pos"] = (np.cumsum(nchar) - nchar) / total

    # prose score and the densest run of prose (max-sum window over score - cost)
    prose = np.minimum(wtok, 60.0) * np.clip(prose_ratio - 0.12, -0.12, 0.5) * (0.5 + R["end_sentence"])
    c["prose"] = prose / 10.0
    a, b = densest_run(prose - 0.5)
    inside = np.zeros(n)
    dist = np.zeros(n)
    if n:
        inside[a : b + 1] = 1.0
        dist = np.where(idx < a, a - idx, np.where(idx > b, idx - b, 0.0))
    c["in_run"] = inside
    c["before_run"] = (idx < a).astype(np.float64)
    c["after_run"] = (idx > b).astype(np.float64)
    c["log_run_dist"] = np.log1p(dist)

    # neighbours
    base = ("log_words", "prose_ratio", "end_sentence", "prose", "kw_more", "kw_social", "short", "dup")
    for k in (1, 2, -1, -2):
        tag = f"p{k}" if k > 0 else f"n{-k}"
        for name in base:
            c[f"{name}_{tag}"] = _shift(c[name], k)
    for w in (3, 10):
        c[f"prose_win{w}"] = _window_mean(c["prose"], w)
        c[f"short_win{w}"] = _window_mean(c["short"], w)
    names = tuple(c)
    matrix = np.column_stack([c[k] for k in names]) if n else np.zeros((0, len(names)))
    return Features(names=names, matrix=matrix, columns=c)


def context_columns(p: F64, cols: dict[str, F64]) -> dict[str, F64]:
    """Columns from the previous stage's body probabilities ``p``: the neighbours' probabilities, window
    means, and where the line stands relative to the densest run of likely body (weighted by length)."""
    n = p.size
    c: dict[str, F64] = {}
    q = np.clip(p, 1e-4, 1 - 1e-4)
    c["ctx_logit"] = np.log(q / (1 - q))
    for k in (1, 2, 3, -1, -2, -3):
        c[f"ctx_p_{k}"] = _shift(p, k)
    for w in (2, 5, 15, 40):
        c[f"ctx_win{w}"] = _window_mean(p, w)
    words = np.expm1(cols["log_words"])
    score = (p - 0.5) * np.minimum(words, 50.0)
    a, b = densest_run(score)
    idx = np.arange(n, dtype=np.float64)
    dist = np.where(idx < a, a - idx, np.where(idx > b, idx - b, 0.0)) if n else idx
    c["ctx_in_run"] = ((idx >= a) & (idx <= b)).astype(np.float64)
    c["ctx_log_run_dist"] = np.log1p(dist)
    c["ctx_before_run"] = (idx < a).astype(np.float64)
    c["ctx_after_run"] = (idx > b).astype(np.float64)
    mass = p * words
    cm = np.cumsum(mass)
    tot = max(float(cm[-1]) if n else 0.0, 1e-9)
    c["ctx_mass_before"] = (cm - mass) / tot
    c["ctx_mass_upto"] = cm / tot
    c["ctx_max_near"] = np.maximum.reduce([_shift(p, k) for k in (1, 2, 3, -1, -2, -3)]) if n else p.copy()
    return c
