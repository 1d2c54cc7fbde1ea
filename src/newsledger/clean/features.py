"""Per-line features of page dumps.

Nothing here depends on a site: lengths, stop-word density, sentence punctuation, letter case, link-, menu-
and comment-like vocabulary, dates, repetition, position relative to the densest run of prose, and the same
measures of the neighbouring lines. Features are computed for a block of pages at once, their lines end to
end (:class:`Pages`; one page is a block of one): one Python pass over the lines uses only C-level string
methods (split, count, set operations) and writes one row per line; everything else is numpy over whole
columns or blocks of columns of the whole block, with the page boundaries respected (neighbours and windows
are masked at them, running sums restart at each page), so a page's rows are bit for bit those of the page
alone. The fixed cost of the numpy calls is then paid once per block rather than once per page: on
reuters-21578 (~16 lines a page) the stage went from ~400-650 to ~1,100-1,400 documents per CPU-second.

:func:`block_features` (and :func:`line_features` for one page) gives the stage-1 columns;
:func:`block_context` (:func:`context_columns`) adds the stage-2 columns computed from stage 1's
probabilities (neighbours' probabilities, the run of likely body, the vocabulary of the likely body).
"""

from __future__ import annotations

import operator
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import chain, filterfalse, repeat

import numpy as np
import numpy.typing as npt

from newsledger.clean import rules
from newsledger.clean.segment import Segmented
from newsledger.textkit.stopwords import (
    CJK_FUNCTION_CHARS,
    JA_KANA_FUNCTION_CHARS,
    language_profile,
    stopwords,
    top_two,
)

F64 = npt.NDArray[np.float64]

WORD_RE = re.compile(r"\w+")
CJK_RE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_CJK_FUNC_RE = re.compile("[" + "".join(sorted(CJK_FUNCTION_CHARS | JA_KANA_FUNCTION_CHARS)) + "]")
_KANA_RE = re.compile(r"[\u3040-\u30ff]")
_SENT_END = frozenset(".!?。！？…")
_QUOTE_CLOSE = frozenset("\"'”’»)]")
_QUOTE_OPEN = frozenset("\"'“‘«„")
_PUNCT = "\"'“”‘’«»()[]{}<>.,;:!?¿¡…|/\\*+•·-–—_=#@&%$^~`"

# A line of at most this many whitespace tokens gets the vocabulary features (keywords, labels, dates):
# boilerplate lines are short; long lines are prose or long lists and skip the extra work.
SHORT_LINE_TOKENS = 16
# A page whose non-space characters are at least this share Han/kana is Chinese or Japanese (a CJK page's
# menus and scripts can be half Latin; measured on the dev set's zh pages, the lowest is ~0.2).
CJK_PAGE_SHARE = 0.1
# Page language is guessed from the function words of this many leading characters.
LANGUAGE_SAMPLE_CHARS = 12_000


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


LineWords = tuple[list[str], list[list[str]]]  # lines lower-cased, and their lower-cased whitespace tokens


def line_words(lines: list[str]) -> LineWords:
    """Each line lower-cased, and its lower-cased whitespace tokens (what :func:`_rows` reads)."""
    lows = list(map(str.lower, lines))
    return lows, list(map(str.split, lows))


def page_info(text: str, lowered: Sequence[list[str]] | None = None, begin: int = 0) -> PageInfo:
    """Guess the page language from function words (or the script, for Chinese/Japanese): cheap.

    ``lowered``: the lower-cased tokens of the lines of ``segment(text, begin)``, when the caller has them:
    for a page no longer than the sample, with no token across ``begin``, they and the tokens before
    ``begin`` are the sample's words (lines break and are trimmed at whitespace, and lower-casing reads a
    whitespace character as it reads the end of a text), so the sample is not split again.
    """
    sample = text[:LANGUAGE_SAMPLE_CHARS]
    n_cjk = 0 if sample.isascii() else len(CJK_RE.findall(sample))
    if n_cjk > CJK_PAGE_SHARE * max(len(sample) - sample.count(" "), 1):
        kana = len(_KANA_RE.findall(sample))
        return PageInfo(lang="ja" if kana > 0.1 * n_cjk else "zh", lang_margin=1.0, cjk=True)
    words: Iterable[str]
    if (
        lowered is not None
        and len(text) <= LANGUAGE_SAMPLE_CHARS
        and (begin in (0, len(text)) or text[begin - 1].isspace() or text[begin].isspace())
    ):
        words = chain(text[:begin].lower().split(), chain.from_iterable(lowered))
    else:
        words = sample.lower().split()
    best, n1, n2 = top_two(language_profile(words))
    if best is None:
        return PageInfo(lang=None, lang_margin=0.0, cjk=n_cjk > 20)
    return PageInfo(lang=best, lang_margin=(n1 - n2) / max(n1, 1), cjk=n_cjk > 20)


@dataclass(slots=True)
class Features:
    names: tuple[str, ...]
    columns: Mapping[str, F64]
    matrix: F64  # lines x names, the same columns
    lowered: list[list[str]]  # each line's lower-cased whitespace tokens (for the vocabulary context)
    stop: frozenset[str]  # the page language's function words
    digit_at: npt.NDArray[np.intp] | None = None  # each line's first digit (-1: none)


class Pages:
    """A block of pages laid end to end: where each page starts, and each line's page and place in it.

    Everything per page that is not per line (neighbours, windows, running sums, the densest run) is done
    here for the whole block with the page boundaries respected, and gives bit for bit what the page alone
    gives: shifts and windows are masked at the boundaries, and running sums are taken per page as the rows
    of a zero-padded matrix (pages grouped by length within a factor of two, so padding at most doubles the
    work), because a running sum over the whole block would round differently.
    """

    __slots__ = ("first", "groups", "lens", "n", "page", "pos", "pos_f", "size", "start")

    def __init__(self, lens: list[int]) -> None:
        n_pages = len(lens)
        self.lens = np.asarray(lens, dtype=np.intp)
        offs = np.zeros(n_pages + 1, dtype=np.intp)
        np.cumsum(self.lens, out=offs[1:])
        self.first = offs[:-1]  # each page's first line
        self.n = int(offs[-1])
        self.page = np.repeat(np.arange(n_pages, dtype=np.intp), self.lens)
        self.start = self.first[self.page]  # each line's page's first line
        self.pos = np.arange(self.n, dtype=np.intp) - self.start  # place in the page
        self.pos_f = self.pos.astype(np.float64)
        self.size = self.lens[self.page]  # each line's page length
        # pages grouped by length class: (lines, flat index into the padded rows x width matrix, rows, width,
        # the group's pages)
        self.groups: list[tuple[npt.NDArray[np.intp], npt.NDArray[np.intp], int, int, npt.NDArray[np.intp]]]
        self.groups = []
        if n_pages == 1:
            everything = np.arange(self.n, dtype=np.intp)
            self.groups.append((everything, everything, 1, self.n, np.zeros(1, dtype=np.intp)))
            return
        cls = [k.bit_length() for k in lens]
        by_cls: dict[int, list[int]] = {}
        for i, c in enumerate(cls):
            by_cls.setdefault(c, []).append(i)
        line_cls = np.asarray(cls, dtype=np.intp)[self.page]
        for c, members in by_cls.items():
            pages = np.asarray(members, dtype=np.intp)
            width = int(self.lens[pages].max())
            rank = np.zeros(n_pages, dtype=np.intp)
            rank[pages] = np.arange(pages.size, dtype=np.intp)
            lines = np.flatnonzero(line_cls == c) if len(by_cls) > 1 else np.arange(self.n, dtype=np.intp)
            flat = rank[self.page[lines]] * width + self.pos[lines]
            self.groups.append((lines, flat, pages.size, width, pages))

    def shifted(self, a: F64, k: int) -> F64:
        """Row ``i - k`` of ``a`` for each row ``i`` (negative ``k``: below), zero outside the row's page."""
        out = np.zeros_like(a)
        if k > 0:
            out[k:] = a[:-k]
            out[self.pos < k] = 0.0
        elif k < 0:
            out[:k] = a[-k:]
            out[self.pos >= self.size + k] = 0.0
        else:
            out[:] = a
        return out

    def near_max(self, a: F64, k: int) -> tuple[F64, F64]:
        """Per row: the largest value among the ``k`` rows above, and among the ``k`` rows below, in its page
        (0 outside)."""
        above = self.shifted(a, 1)
        below = self.shifted(a, -1)
        for j in range(2, k + 1):
            np.maximum(above, self.shifted(a, j), out=above)
            np.maximum(below, self.shifted(a, -j), out=below)
        return above, below

    def cumsum(self, a: F64) -> F64:
        """Running sums of the rows of ``a`` (a column or a block of columns), restarting at each page."""
        out = np.empty_like(a, dtype=np.float64)
        tail = a.shape[1:]
        for lines, flat, rows, width, _ in self.groups:
            pad = np.zeros((rows * width, *tail))
            pad[flat] = a[lines]
            padded = pad.reshape(rows, width, *tail)
            np.cumsum(padded, axis=1, out=padded)
            out[lines] = pad[flat]
        return out

    def window_mean(self, a: F64, w: int, cs: F64) -> F64:
        """Mean over rows i-w..i+w of the page (clipped at its edges); ``cs`` is :meth:`cumsum` of ``a``."""
        hi = np.minimum(self.pos + (w + 1), self.size)
        lo = np.maximum(self.pos - w, 0)
        out: F64 = cs[self.start + hi - 1]
        below = lo > 0
        if a.ndim == 2:
            out -= np.where(below[:, None], cs[self.start + lo - 1], 0.0)
        else:
            out -= np.where(below, cs[self.start + lo - 1], 0.0)
        width = (hi - lo).astype(np.float64)
        out /= width[:, None] if a.ndim == 2 else width
        return out

    def densest_runs(self, score: F64) -> tuple[F64, F64]:
        """Per line: the first and last line (in its page) of its page's contiguous run with the largest sum
        of ``score`` (Kadane, over each page's running sum)."""
        a_page = np.zeros(self.lens.size, dtype=np.intp)
        b_page = np.zeros(self.lens.size, dtype=np.intp)
        for lines, flat, rows, width, pages in self.groups:
            if width == 0:
                continue
            cs = np.zeros((rows, width + 1))
            pad = np.zeros(rows * width)
            pad[flat] = score[lines]
            np.cumsum(pad.reshape(rows, width), axis=1, out=cs[:, 1:])
            run_min = np.minimum.accumulate(cs[:, :-1], axis=1)
            gains = cs[:, 1:] - run_min
            cols = np.arange(width, dtype=np.intp)
            gains[cols[None, :] >= self.lens[pages][:, None]] = -np.inf
            b = np.argmax(gains, axis=1)
            cols1 = np.arange(width + 1, dtype=np.intp)
            a = np.argmin(np.where(cols1[None, :] <= b[:, None], cs, np.inf), axis=1)
            a_page[pages] = a
            b_page[pages] = b
        return a_page[self.page].astype(np.float64), b_page[self.page].astype(np.float64)


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
        "disclaimer",
    ]
)
_BYLINE_HEADS = frozenset(("by", "von", "par", "por", "автор", "от", "przez", "autor"))
_BULLETS = frozenset("*+•·▪►-–—")
_TIME_RE = re.compile(r"\b\d{1,2}:\d{2}\b")
_NUMDATE_RE = re.compile(
    r"\b(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4})\b|\d{4}年\d{1,2}月"
)
# keywords that may start a comment head or tail (the regex below runs only on lines holding one)
_COMMENT_WORDS = frozenset(
    ("comment", "comments", "reply", "replies", "says", "wrote", "posted", "said", "responses", "response",
     "recommend", "leave", "log", "sign")
)  # fmt: skip


_PAD_RE = re.compile(r"\S {4,}\S")
# heads and tails of user comments: "Jane says:", "Posted by X on <date>", "Reply", "Report abuse",
# "4 Comments", "Leave a Reply", "12 responses to ...", "Log in to reply"
_COMMENT_RE = re.compile(
    r"(?i)(?:\bsays:|\bsaid\.\.\.|\bwrote:|^reply\b|^report(?: this comment| abuse)?$|^\d+\s+(?:comments?|"
    r"responses?|replies)\b|\bleave a (?:comment|reply)\b|\bpost a comment\b|\badd (?:a |your )?comment\b|"
    r"^posted by:? .{1,60}\b(?:on|at)\b|\b(?:log|sign) in to (?:reply|comment)\b|"
    r"^comments?\s*(?:\(\d+\))?:?$|\bhave your say\b|^recommend$|\bcomments? (?:are )?closed\b)"
)
# The same two searches, written so that a scan skips the positions where no match can start (a digit for
# the dates; for the comment heads, the start of the line or one of the first letters of the unanchored
# alternatives): the same lines match (tests/clean/test_clean_feature_rows.py), ~2.5x faster.
_NUMDATE_SCAN = re.compile(r"(?=\d)(?:" + _NUMDATE_RE.pattern + ")")
_COMMENT_SCAN = re.compile(
    r"(?i)(?:^(?:reply\b|report(?: this comment| abuse)?$|\d+\s+(?:comments?|responses?|replies)\b|"
    r"posted by:? .{1,60}\b(?:on|at)\b|comments?\s*(?:\(\d+\))?:?$|recommend$)|"
    r"(?=[achlpsw])\b(?:says:|said\.\.\.|wrote:|leave a (?:comment|reply)\b|post a comment\b|"
    r"add (?:a |your )?comment\b|(?:log|sign) in to (?:reply|comment)\b|have your say\b|"
    r"comments? (?:are )?closed\b))"
)

# names of the per-line values filled by the Python pass, in row order
_RAW = (
    "nchar", "ntok", "nsw", "ncap", "ndigit", "ncomma", "nstop", "nsep", "ncjk", "nfunc", "end_sentence",
    "end_colon", "end_ellipsis", "start_lower", "start_bullet", "is_upper", "label_colon", "byline", "has_at",
    "has_url", "padding", "paren", "month", "time", "numdate", "kwbits", "comment", "quote_start", "digit_at",
)  # fmt: skip
_R = {name: i for i, name in enumerate(_RAW)}


@cache
def _token_codes() -> tuple[dict[str, int], frozenset[str]]:
    """Keyword bits (see :func:`_keyword_codes`) plus a month-name bit and a comment-word bit, so one set
    intersection per line finds all three."""
    codes = dict(_keyword_codes()[0])
    for w in _MONTHS:
        codes[w] = codes.get(w, 0) | _MONTH_BIT
    for w in _COMMENT_WORDS & _keyword_codes()[2]:  # comment words that are keywords too
        codes[w] = codes.get(w, 0) | _COMMENT_BIT
    return codes, frozenset(codes)


_MONTH_BIT = 1 << 40
_COMMENT_BIT = 1 << 41
_KW_MASK = _MONTH_BIT - 1
_SEPS = (" | ", "»", "›", "•", "·")


_FIRST = operator.itemgetter(0)
_LAST = operator.itemgetter(-1)
_COLONS = frozenset(":：")
# a web address in a lower-cased line: "://", "www.", ".com", ".org" or ".net"
_URL_RE = re.compile(r"://|www\.|\.(?:com|org|net)")


def _rows(
    lines: list[str], lang: str | None, cjk: bool, words: LineWords | None = None
) -> tuple[F64, list[list[str]]]:
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
    istitle = str.istitle
    page = "\n".join(lines)
    lows, lowered = words if words is not None else line_words(lines)
    starts = _starts(lines)

    def col(name: str, it: Iterable[float | bool | int]) -> None:
        out[_R[name]] = np.fromiter(it, dtype=np.float64, count=n)

    def count(what: str) -> F64 | None:
        return _count_lines(lines, page, starts, what)

    col("nchar", map(len, lines))
    col("ntok", map(len, lowered))
    comma = out[_R["ncomma"]]
    stop = out[_R["nstop"]]
    sep = out[_R["nsep"]]
    for c, into in ((",", comma), (". ", stop), ("! ", stop), ("? ", stop), ("，", comma), ("、", comma)):
        k = count(c)
        if k is not None:
            into += k
    k = count("。")
    if k is not None:
        stop += k
    for c in (" | ", "»", "›", "•", "·"):
        k = count(c)
        if k is not None:
            sep += k
    if cjk:
        col("ncjk", map(len, map(CJK_RE.findall, lines)))
        col("nfunc", map(len, map(_CJK_FUNC_RE.findall, lines)))
    firsts = list(map(_FIRST, lines))
    lasts = list(map(_LAST, lines))
    # a sentence end, or one followed by a closing quote or bracket
    end_sentence = out[_R["end_sentence"]]
    end_sentence[:] = np.fromiter(map(_SENT_END.__contains__, lasts), dtype=np.bool_, count=n)
    for i in np.flatnonzero(np.fromiter(map(_QUOTE_CLOSE.__contains__, lasts), np.bool_, n)).tolist():
        if lines[i][-2:-1] in _SENT_END:
            end_sentence[i] = 1.0
    col("end_colon", map(_COLONS.__contains__, lasts))
    col("end_ellipsis", map(str.endswith, lines, repeat(("...", "…"))))
    col("start_lower", map(str.islower, firsts))
    col("start_bullet", map(_BULLETS.__contains__, firsts))
    for i in np.flatnonzero(np.fromiter(map(str.isdigit, firsts), dtype=np.bool_, count=n)).tolist():
        if lines[i][1:3] in (". ", ") "):
            out[_R["start_bullet"], i] = 1.0
    col("is_upper", map(str.isupper, lines))
    out[_R["has_at"], _lines_with(lines, page, starts, "@")] = 1.0
    wide = np.fromiter(map(operator.contains, lines, repeat("    ")), dtype=np.bool_, count=n)
    for i in np.flatnonzero(wide).tolist():
        out[_R["padding"], i] = float(_PAD_RE.search(lines[i]) is not None)
    col("paren", map(_PARENS.__contains__, firsts))
    col("quote_start", map(_QUOTE_OPEN.__contains__, firsts))
    url = np.fromiter(map(bool, map(_URL_RE.search, lows)), dtype=np.bool_, count=n)
    short = out[_R["ntok"]] <= SHORT_LINE_TOKENS
    out[_R["has_url"]] = url & (short | (out[_R["nchar"]] < 400))
    # stop words and title-case words: one C-level map over all the page's tokens, summed per line
    ntoks = out[_R["ntok"]].astype(np.intp)
    ends = np.cumsum(ntoks)
    begins = ends - ntoks
    total = int(ends[-1])
    all_low = list(chain.from_iterable(lowered))  # the lower-cased page's tokens
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
    # where each line's first digit is (-1: none), from one scan of the page: a match is a line's first
    # digit and the rest of the line
    digit_at = out[_R["digit_at"]]
    digit_at[:] = -1.0
    at = np.asarray([m.start() for m in _DIGIT_LINE_RE.finditer(page)], dtype=np.intp)
    if at.size:
        holder = np.searchsorted(starts, at, side="right") - 1
        digit_at[holder] = at - starts[holder]
    _vocabulary(out, lines, lows, lowered, ntoks)
    return out, lowered


def _hits(at: list[int], starts: npt.NDArray[np.intp]) -> npt.NDArray[np.intp]:
    """The lines holding the offsets ``at`` of a text of lines joined by "\\n" (line ``i`` starts at
    ``starts[i]``), sorted, each once."""
    if not at:
        return np.zeros(0, dtype=np.intp)
    return np.unique(np.searchsorted(starts, np.asarray(at, dtype=np.intp), side="right") - 1)


def _find_all(text: str, subs: Sequence[str]) -> list[int]:
    """Offsets of the occurrences of each of ``subs`` in ``text`` (str.find: one C-level scan each)."""
    at: list[int] = []
    for sub in subs:
        k = text.find(sub)
        while k >= 0:
            at.append(k)
            k = text.find(sub, k + 1)
    return at


def _starts(strings: list[str]) -> npt.NDArray[np.intp]:
    """Where each string begins in ``"\\n".join(strings)``."""
    out = np.zeros(len(strings), dtype=np.intp)
    if strings:
        np.cumsum(np.fromiter(map(len, strings), dtype=np.intp, count=len(strings))[:-1] + 1, out=out[1:])
    return out


def _occurrences(page: str, what: str) -> list[int]:
    """Offsets of the non-overlapping occurrences of ``what`` in ``page``, left to right (as str.count
    counts them), found from its first character (a single-character search is much the fastest)."""
    at: list[int] = []
    head, size = what[0], len(what)
    k = page.find(head)
    free = 0  # the end of the last occurrence taken
    while k >= 0:
        if k >= free and page.startswith(what, k):
            at.append(k)
            free = k + size
        k = page.find(head, k + 1)
    return at


def _count_lines(lines: list[str], page: str, starts: npt.NDArray[np.intp], what: str) -> F64 | None:
    """``line.count(what)`` for each of the lines joined by "\\n" into ``page`` (``what`` holds no newline,
    so the page's non-overlapping occurrences are the lines'), or None where the page has none. Where the
    first character of ``what`` (not a space) is rarer than one line in four, its occurrences are found on
    the page and placed on lines; otherwise ``what`` is counted line by line."""
    n = len(lines)
    if what[0] == " " or page.count(what[0]) * 4 > n:
        if what not in page:
            return None
        return np.fromiter(map(str.count, lines, repeat(what)), dtype=np.float64, count=n)
    at = _occurrences(page, what)
    if not at:
        return None
    line = np.searchsorted(starts, np.asarray(at, dtype=np.intp), side="right") - 1
    return np.bincount(line, minlength=n).astype(np.float64)


def _lines_with(lines: list[str], page: str, starts: npt.NDArray[np.intp], what: str) -> npt.NDArray[np.intp]:
    """The lines (joined by "\\n" into ``page``) that hold ``what`` (no newline), in order."""
    k = _count_lines(lines, page, starts, what)
    if k is None:
        return np.zeros(0, dtype=np.intp)
    return np.flatnonzero(k)


def _vocabulary(out: F64, lines: list[str], lows: list[str], lowered: list[list[str]], ntoks: I64) -> None:
    """The vocabulary values (``_LOOP``) of the lines: keywords of every line (a long line's first 40
    tokens), and for short lines (at most :data:`SHORT_LINE_TOKENS` tokens) labels, bylines, month names,
    times, numeric dates, numbers and comment heads, on tokens stripped of punctuation.

    A keyword line's bits are the OR of its tokens' codes, so the tokens of all short lines are stripped
    and looked up in one C-level map each and OR-ed per line (``reduceat``); times, dates, digits and the
    comment-word filter are found on the short lines joined (digits: where the page scan put each line's
    first digit), their matches placed on lines by offset (:func:`_hits`); only a line that may be a label,
    byline, time, date or comment head is looked at on its own.
    """
    codes, tok_all = _token_codes()
    get = codes.get
    n = len(lines)
    short = ntoks <= SHORT_LINE_TOKENS
    has_tok = ntoks > 0
    kw = np.zeros(n, dtype=np.int64)
    # long lines: keywords among the first 40 tokens, as they are
    long_idx = np.flatnonzero(~short).tolist()
    if long_idx:
        long_toks = [lowered[i] for i in long_idx]
        inter = tok_all.intersection
        near = np.fromiter(map(tok_all.isdisjoint, long_toks), dtype=np.bool_, count=len(long_idx))
        for j in np.flatnonzero(~near).tolist():
            bits = 0
            for w in inter(long_toks[j][:40]):
                bits |= codes[w]
            kw[long_idx[j]] = bits & _KW_MASK
    short_idx = np.flatnonzero(short & has_tok)
    if short_idx.size == 0:
        out[_R["kwbits"]] = kw
        return
    si = short_idx.tolist()
    sn = ntoks[short_idx]
    sb = np.cumsum(sn) - sn  # each short line's first token among the short lines' tokens
    stoks = list(map(str.strip, chain.from_iterable([lowered[i] for i in si]), repeat(_PUNCT)))
    c = np.fromiter(map(get, stoks, repeat(0)), dtype=np.int64, count=len(stoks))
    skw = np.bitwise_or.reduceat(c, sb)
    kw[short_idx] = skw & _KW_MASK
    out[_R["kwbits"]] = kw
    out[_R["month"], short_idx] = (skw >> 40) & 1
    s_lines = [lines[i] for i in si]
    s_lows = [lows[i] for i in si]
    # numbers: tokens that are digits, on lines holding a decimal digit; times and numeric dates there
    digit_lines = np.flatnonzero(out[_R["digit_at"], short_idx] >= 0)
    if digit_lines.size:
        isd = np.zeros(len(stoks) + 1, dtype=np.intp)
        np.cumsum(np.fromiter(map(str.isdigit, stoks), dtype=np.bool_, count=len(stoks)), out=isd[1:])
        nd = isd[sb + sn] - isd[sb]
        out[_R["ndigit"], short_idx[digit_lines]] = nd[digit_lines]
        tm, numdate = out[_R["time"]], out[_R["numdate"]]
        for j in digit_lines.tolist():
            line = s_lines[j]
            if ":" in line and _TIME_RE.search(line):
                tm[si[j]] = 1.0
            if _NUMDATE_SCAN.search(line):
                numdate[si[j]] = 1.0
    low_text = "\n".join(s_lows)
    low_starts = _starts(s_lows)  # lower-casing may lengthen a line ("İ")
    # labels ("Tags: ...") and bylines ("By X", "... | by X")
    firsts = list(map(stoks.__getitem__, sb.tolist()))
    label, byline = out[_R["label_colon"]], out[_R["byline"]]
    heads = np.fromiter(map(_HEADS.__contains__, firsts), dtype=np.bool_, count=len(si))
    for j in np.flatnonzero(heads).tolist():
        t0, low, ntok = firsts[j], s_lows[j], int(sn[j])
        i = si[j]
        if t0 in _LABELS:
            k = low.find(t0) + len(t0)
            rest = low[k : k + 14].lstrip()
            if rest.startswith(":") or (ntok > 1 and stoks[sb[j] + 1] in _LABELS and ":" in rest):
                label[i] = 1.0
        if t0 in _BYLINE_HEADS and ntok > 1:
            byline[i] = 1.0
    byline[short_idx[_hits(_find_all(low_text, ("| by ",)), low_starts)]] = 1.0
    # comment heads and tails: the regular expression on lines with a comment keyword or word part
    maybe = set(_hits(_find_all(low_text, _COMMENT_PARTS), low_starts).tolist())
    maybe.update(np.flatnonzero(skw & _COMMENT_BIT).tolist())
    comment = out[_R["comment"]]
    search = _COMMENT_SCAN.search
    for j in maybe:
        if search(s_lines[j]) is not None:
            comment[si[j]] = 1.0


_HEADS = _LABELS | _BYLINE_HEADS
_DIGIT_LINE_RE = re.compile(r"\d.*")  # a line's first digit and the rest of the line: one match a line
_COMMENT_PARTS = ("say", "report", "respons", "recommend", "said..")
I64 = npt.NDArray[np.intp]


_LOOP = ("ndigit", "kwbits", "label_colon", "byline", "month", "time", "numdate", "comment")
_LOOP_IDX = [_R[k] for k in _LOOP]
_PARENS = frozenset("([")


# columns whose neighbours (1 and 2 lines above and below) are features too
_NEIGHBOUR_BASE = (
    "log_words", "prose_ratio", "end_sentence", "prose", "kw_more", "kw_social", "short", "dup", "comment",
    "cap_ratio", "link_like",
)  # fmt: skip


_FLAGS = (
    "end_sentence", "end_colon", "end_ellipsis", "start_lower", "start_bullet", "is_upper", "label_colon",
    "byline", "has_at", "has_url", "padding", "paren", "month", "time", "numdate", "comment", "quote_start",
)  # fmt: skip
_FLAG_IDX = [_R[k] for k in _FLAGS]


@cache
def _local_names() -> tuple[str, ...]:
    _, kw_names, _ = _keyword_codes()
    names: list[str] = ["log_chars", "log_words", "log_stop"]
    names += ["prose_ratio", "cjk_ratio", "cap_ratio", "digit_ratio", "comma_per_word", "stop_per_word"]
    names += ["sep"]
    names += _FLAGS
    names += ["one_word", "short", "long"]
    names += ["kw_" + k for k in kw_names]
    names += ["link_like", "dup", "teaser_of_other", "pos", "log_n_lines", "char_pos"]
    names += ["log_comments_above", "comments_below_share", "log_stamps_above", "log_stamps_below"]
    names += ["stamp_near_above", "stamp_near_below", "prose", "in_run", "before_run", "after_run"]
    names += ["log_run_dist"]
    return tuple(names)


class _Columns(Mapping[str, F64]):
    """Named columns of rows ``start:end`` of a block's stage-1 features (views, made on demand)."""

    __slots__ = ("_end", "_local", "_start")

    def __init__(self, local: F64, start: int, end: int) -> None:
        self._local, self._start, self._end = local, start, end

    def __getitem__(self, name: str) -> F64:
        col: F64 = self._local[self._start : self._end, _local_pos()[name]]
        return col

    def __iter__(self) -> Iterator[str]:
        return iter(_local_names())

    def __len__(self) -> int:
        return len(_local_names())


@dataclass(slots=True)
class BlockFeatures:
    """Stage-1 features of a block of pages, their rows end to end (see :class:`Pages`).

    The values are held feature by feature: ``store`` is features x lines, each feature one contiguous row
    (the layout the columns are computed in and the tree walk reads best,
    :meth:`.model.Stage.predict_pages`), with room below the ``names`` rows for the context columns a
    later stage adds (:meth:`with_context`), so no stage copies the matrix to widen it. ``local`` and
    ``matrix`` are lines x features views of it.
    """

    pages: Pages
    names: tuple[str, ...]
    store: F64  # (len(names) + room) x lines, C-contiguous
    lowered: list[list[str]]
    stops: list[frozenset[str]]
    digit_at: npt.NDArray[np.intp]  # each line's first digit (-1: none)

    @property
    def local(self) -> F64:
        """lines x _local_names() (each column contiguous)."""
        out: F64 = self.store[: len(_local_names())].T
        return out

    @property
    def matrix(self) -> F64:
        """lines x names."""
        out: F64 = self.store[: len(self.names)].T
        return out

    @property
    def columns(self) -> Mapping[str, F64]:
        return _Columns(self.local, 0, self.pages.n)

    def with_context(self, ctx: Mapping[str, F64]) -> F64:
        """The features and then the columns of ``ctx``, in its order, as (features + len(ctx)) x lines
        (the context columns written into the store's spare rows)."""
        k = len(self.names)
        if k + len(ctx) > self.store.shape[0]:
            self.store = np.vstack([self.store[:k], np.empty((len(ctx), self.pages.n))])
        for j, col in enumerate(ctx.values()):
            self.store[k + j] = col
        out: F64 = self.store[: k + len(ctx)]
        return out

    def page(self, k: int) -> Features:
        """The features of page ``k`` (views into the block)."""
        start = int(self.pages.first[k])
        end = start + int(self.pages.lens[k])
        return Features(
            names=self.names,
            columns=_Columns(self.local, start, end),
            matrix=self.matrix[start:end],
            lowered=self.lowered[start:end],
            stop=self.stops[k],
            digit_at=self.digit_at[start:end],
        )


@cache
def _local_pos() -> dict[str, int]:
    return {k: j for j, k in enumerate(_local_names())}


@lru_cache(maxsize=4096)
def _log1p_count(n: int) -> float:
    # the same scalar call a page alone makes, so the value is bit for bit the same
    return float(np.log1p(n))


def _block_rows(
    lines: list[str], pg: Pages, infos: Sequence[PageInfo], words: LineWords | None = None
) -> tuple[F64, list[list[str]]]:
    """:func:`_rows` of a block: one call per (language, CJK) group of pages (the values of a line do not
    depend on the other lines, ``tests/clean/test_clean_feature_rows.py``)."""
    keys = [(i.lang, i.cjk) for i in infos]
    if len(set(keys)) == 1:
        return _rows(lines, *keys[0], words)
    out = np.empty((len(_RAW), pg.n))
    lowered: list[list[str]] = [[] for _ in range(pg.n)]
    by_key: dict[tuple[str | None, bool], list[int]] = {}
    for k, key in enumerate(keys):
        by_key.setdefault(key, []).extend(range(int(pg.first[k]), int(pg.first[k]) + int(pg.lens[k])))
    for (lang, cjk), idx in by_key.items():
        part = ([words[0][i] for i in idx], [words[1][i] for i in idx]) if words is not None else None
        r, low = _rows([lines[i] for i in idx], lang, cjk, part)
        out[:, idx] = r
        for i, toks in zip(idx, low, strict=True):
            lowered[i] = toks
    return out, lowered


def block_features(
    segs: Sequence[Segmented], infos: Sequence[PageInfo], words: Sequence[LineWords] | None = None
) -> BlockFeatures:
    """All stage-1 line features of a block of pages (see the module docstring), built as blocks of columns
    over all the block's lines at once; each page's rows equal those of the page alone. ``words``: each
    page's :func:`line_words`, when the caller has them."""
    names = _local_names()
    pg = Pages([len(s) for s in segs])
    n = pg.n
    stops = [stopwords(i.lang) if i.lang else frozenset() for i in infos]
    n_all = len(names) + len(_CONTEXT_NAMES)
    store = np.empty((n_all + CONTEXT_ROOM, n))
    if n == 0:
        return BlockFeatures(pg, names + _CONTEXT_NAMES, store, [], stops, np.zeros(0, dtype=np.intp))
    lines = list(chain.from_iterable(s.lines for s in segs))
    block_words: LineWords | None = None
    if words is not None:
        block_words = (
            list(chain.from_iterable(w[0] for w in words)),
            list(chain.from_iterable(w[1] for w in words)),
        )
    r, lowered = _block_rows(lines, pg, infos, block_words)
    nchar, ntok, ncjk = r[_R["nchar"]], r[_R["ntok"]], r[_R["ncjk"]]
    wtok = ntok + ncjk / 2.0  # word-equivalents: a CJK character is about half a word
    nsw = r[_R["nsw"]] + r[_R["nfunc"]]
    logs = np.log1p(np.array([nchar, wtok, nsw]))
    one_w = np.maximum(wtok, 1.0)
    one_t = np.maximum(ntok, 1.0)
    ratios = np.array(
        [nsw, ncjk, r[_R["ncap"]], r[_R["ndigit"]], r[_R["ncomma"]], r[_R["nstop"]]]
    ) / np.array([one_w, np.maximum(nchar, 1.0), one_t, one_t, one_w, one_w])
    np.minimum(ratios, _RATIO_CAPS, out=ratios)
    prose_ratio, cap_ratio, digit_ratio = ratios[0], ratios[2], ratios[3]
    sep = np.minimum(r[_R["nsep"]], 5.0)
    flags = r[_FLAG_IDX]
    end_sentence, time_f, numdate, month, comment = flags[0], flags[13], flags[14], flags[12], flags[15]
    size = np.array([wtok <= 1.5, wtok < 6, wtok >= 25], dtype=np.float64)
    short = size[1]
    kwbits = r[_R["kwbits"]].astype(np.int64)
    kw = ((kwbits[None, :] >> _KW_SHIFTS[:, None]) & 1).astype(np.float64)
    # a short title-case line without stop words: a menu item, a related headline, a tag
    link_like = short * (cap_ratio > 0.6) + (wtok < 12) * (cap_ratio > 0.7) * (prose_ratio < 0.15)
    # repetition: a line seen elsewhere on its page (teasers, share boxes, repeated headlines); teasers of
    # another line only where a line ends with "..." (the end_ellipsis flag)
    dup = np.zeros(n)
    teaser = np.zeros(n)
    with_teaser = set(pg.page[flags[2] > 0].tolist())
    for k, s in enumerate(segs):
        ls = s.lines
        first = int(pg.first[k])
        if len(set(ls)) < len(ls):
            counts = Counter(ls)
            dup[first : first + len(ls)] = np.fromiter((counts[x] > 1 for x in ls), np.float64, len(ls))
        if k in with_teaser:
            teaser[first : first + len(ls)] = _teasers(ls)
    idx = pg.pos_f
    # running character counts are whole numbers: one running sum over the block is exact
    cum = np.zeros(n + 1)
    np.cumsum(nchar, out=cum[1:])
    before = cum[1:] - nchar - cum[pg.start]
    total = np.maximum(cum[pg.start + pg.size] - cum[pg.start], 1.0)
    log_n = np.array([_log1p_count(int(k)) for k in pg.lens.tolist()])[pg.page]
    position = np.array([idx / np.maximum(pg.size - 1, 1), log_n, before / total])
    # comments and date/time stamp lines above and below (one stamp heads the article, many head comments);
    # counts of 0/1 marks: a running sum over the block is exact too
    stamp = (wtok <= 12) * np.maximum(np.maximum(time_f, numdate), month * (digit_ratio > 0))
    marks = np.array([comment, stamp])
    run_marks = np.zeros((2, n + 1))
    np.cumsum(marks, axis=1, out=run_marks[:, 1:])
    above = run_marks[:, 1:] - marks - run_marks[:, pg.start]
    tot_marks = run_marks[:, pg.start + pg.size] - run_marks[:, pg.start]
    below = tot_marks - above - marks
    near_above, near_below = pg.near_max(stamp, 3)
    cs = np.array(
        [
            np.log1p(above[0]),
            below[0] / np.maximum(tot_marks[0], 1.0),
            np.log1p(above[1]),
            np.log1p(below[1]),
            near_above,
            near_below,
        ]
    )
    # prose score and the densest run of prose (max-sum window over score - cost)
    prose = np.minimum(wtok, 60.0) * np.clip(prose_ratio - 0.12, -0.12, 0.5) * (0.5 + end_sentence)
    a, b = pg.densest_runs(prose - 0.5)
    dist = np.where(idx < a, a - idx, np.where(idx > b, idx - b, 0.0))
    run = np.array(
        [prose / 10.0, (idx >= a) & (idx <= b), idx < a, idx > b, np.log1p(dist)], dtype=np.float64
    )
    # the line's own features, then its neighbours' (1 and 2 lines above and below) and window means, as
    # blocks of rows of the store
    np.concatenate(
        [
            logs,
            ratios,
            sep[None, :],
            flags,
            size,
            kw,
            link_like[None, :],
            dup[None, :],
            teaser[None, :],
            position,
            cs,
            run,
        ],
        axis=0,
        out=store[: len(names)],
    )
    local = store[: len(names)].T
    base = local[:, _neighbour_index()]
    win_base = local[:, _window_index()]
    win_cs = pg.cumsum(win_base)
    blocks = [pg.shifted(base, 1), pg.shifted(base, 2), pg.shifted(base, -1), pg.shifted(base, -2)]
    blocks += [pg.window_mean(win_base, 3, win_cs), pg.window_mean(win_base, 10, win_cs)]
    row = len(names)
    for block in blocks:
        store[row : row + block.shape[1]] = block.T
        row += block.shape[1]
    assert row == n_all
    digit_at = r[_R["digit_at"]].astype(np.intp)
    return BlockFeatures(pg, names + _CONTEXT_NAMES, store, lowered, stops, digit_at)


# Spare rows of a block's store for the context columns of the later stages (:func:`block_context`: 21).
CONTEXT_ROOM = 21


def word_equivalents(text: str) -> float:
    """Words of ``text`` as the line features count them (``wtok``): whitespace tokens, plus half a word
    for each Han/kana character (a run of them is one token, a whole clause)."""
    n = len(text.split())
    return n if text.isascii() else n + len(CJK_RE.findall(text)) / 2.0


def string_columns(strings: list[str], stop: frozenset[str]) -> dict[str, F64]:
    """A few local columns (as :func:`line_features` names them) of strings that are not lines of the page,
    e.g. the cells of a padded table row: ``log_words``, ``prose_ratio`` (``stop``: the page language's
    function words), ``cap_ratio``, ``digit_ratio``, ``is_upper`` and the keyword columns ``kw_*``.
    Han/kana are not counted as half words here: the strings are short Latin-script cells."""
    r, lowered = _rows(strings, None, False)
    ntok = r[_R["ntok"]]
    one_t = np.maximum(ntok, 1.0)
    nsw = np.fromiter((sum(map(stop.__contains__, t)) for t in lowered), np.float64, len(strings))
    out = {
        "log_words": np.log1p(ntok),
        "prose_ratio": nsw / one_t,
        "cap_ratio": np.minimum(r[_R["ncap"]] / one_t, 1.0),
        "digit_ratio": r[_R["ndigit"]] / one_t,
        "is_upper": r[_R["is_upper"]],
    }
    kwbits = r[_R["kwbits"]].astype(np.int64)
    for bit, name in enumerate(_keyword_codes()[1]):
        out["kw_" + name] = ((kwbits >> bit) & 1).astype(np.float64)
    return out


def line_features(seg: Segmented, info: PageInfo) -> Features:
    """All stage-1 line features of one page: :func:`block_features` of a block of one."""
    return block_features([seg], [info]).page(0)


_RATIO_CAPS = np.array([[np.inf], [np.inf], [1.0], [np.inf], [1.0], [1.0]])
_KW_SHIFTS = np.arange(len(rules.KEYWORDS), dtype=np.int64)


@cache
def _neighbour_index() -> list[int]:
    names = _local_names()
    return [names.index(k) for k in _NEIGHBOUR_BASE]


@cache
def _window_index() -> list[int]:
    names = _local_names()
    return [names.index(k) for k in ("prose", "short", "link_like")]


_CONTEXT_NAMES = tuple(
    [f"{name}_{tag}" for tag in ("p1", "p2", "n1", "n2") for name in _NEIGHBOUR_BASE]
    + [f"{k}_win{w}" for w in (3, 10) for k in ("prose", "short", "link")]
)


def context_columns(p: F64, feats: Features) -> dict[str, F64]:
    """Stage-2 columns of one page from the previous stage's body probabilities ``p`` (see
    :func:`block_context`)."""
    return _context(p, Pages([p.size]), feats.columns["log_words"], feats.lowered, [feats.stop])


def block_context(p: F64, feats: BlockFeatures) -> dict[str, F64]:
    """Stage-2 columns of a block from the previous stage's body probabilities ``p``.

    The neighbours' probabilities and window means; where the line stands relative to the densest run of
    likely body (weighted by length) and the share of body mass before it; the size of its own run of
    likely body relative to the largest one (the article is the big run, comments and teasers small
    ones); and how much of its vocabulary the likely body shares (a related headline's words do not
    occur in the article). All per page.
    """
    return _context(p, feats.pages, feats.local[:, _local_pos()["log_words"]], feats.lowered, feats.stops)


def _context(
    p: F64, pg: Pages, log_words: F64, lowered: list[list[str]], stops: list[frozenset[str]]
) -> dict[str, F64]:
    c: dict[str, F64] = {}
    q = np.clip(p, 1e-4, 1 - 1e-4)
    c["ctx_logit"] = np.log(q / (1 - q))
    for k in (1, 2, 3, -1, -2, -3):
        c[f"ctx_p_{k}"] = pg.shifted(p, k)
    words = np.expm1(log_words)
    mass = p * words
    sums = pg.cumsum(np.array([p, mass]).T)
    for w in (2, 5, 15, 40):
        c[f"ctx_win{w}"] = pg.window_mean(p, w, sums[:, 0])
    score = (p - 0.5) * np.minimum(words, 50.0)
    a, b = pg.densest_runs(score)
    idx = pg.pos_f
    dist = np.where(idx < a, a - idx, np.where(idx > b, idx - b, 0.0))
    c["ctx_in_run"] = ((idx >= a) & (idx <= b)).astype(np.float64)
    c["ctx_log_run_dist"] = np.log1p(dist)
    c["ctx_before_run"] = (idx < a).astype(np.float64)
    c["ctx_after_run"] = (idx > b).astype(np.float64)
    cm = sums[:, 1]
    tot = np.maximum(cm[pg.start + pg.size - 1], 1e-9)
    c["ctx_mass_before"] = (cm - mass) / tot
    c["ctx_mass_upto"] = cm / tot
    above, below = pg.near_max(p, 3)
    c["ctx_max_near"] = np.maximum(above, below)
    # runs of likely body (p > 0.5, bridging gaps of up to 2 lines): each line's run mass / the largest
    c["ctx_run_share"], c["ctx_run_index"] = _run_shares(p > 0.5, cm, pg)
    # vocabulary of the likely body: share of a line's words that occur in other likely-body lines
    vocab = np.zeros(pg.n)
    strong = (p > 0.7) & (log_words > np.log1p(8))
    for k in sorted(set(pg.page[strong].tolist())):
        s = int(pg.first[k])
        e = s + int(pg.lens[k])
        vocab[s:e] = _vocab_overlap(p[s:e], lowered[s:e], log_words[s:e], stops[k])
    c["ctx_vocab"] = vocab
    return c


def _run_shares(on: npt.NDArray[np.bool_], cm: F64, pg: Pages, gap: int = 2) -> tuple[F64, F64]:
    """Per line: the mass of its run of likely body over the largest run's of its page (0 outside runs),
    and whether it lies before (-1), in (0) or after (+1) the page's first run holding at least half the
    largest run's mass. ``cm``: the running mass per page (:meth:`Pages.cumsum`)."""
    n = on.size
    share = np.zeros(n)
    index = np.zeros(n)
    on_idx = np.flatnonzero(on)
    if on_idx.size == 0:
        return share, index
    page = pg.page[on_idx]
    breaks = np.empty(on_idx.size, dtype=np.bool_)
    breaks[0] = True
    breaks[1:] = (np.diff(on_idx) > gap + 1) | (page[1:] != page[:-1])
    starts = on_idx[breaks]
    ends = on_idx[np.concatenate((breaks[1:], [True]))]
    sums = cm[ends] - np.where(pg.pos[starts] > 0, cm[starts - 1], 0.0)
    run_page = pg.page[starts]
    page_first = np.flatnonzero(np.concatenate(([True], run_page[1:] != run_page[:-1])))
    biggest = np.maximum(np.maximum.reduceat(sums, page_first), 1e-9)
    group = np.repeat(np.arange(page_first.size), np.diff(np.append(page_first, sums.size)))
    big_of_run = biggest[group]
    # each run's lines get its share (a page alone spreads it with a running sum of +share/-share, which
    # gives exactly the share inside a run and 0 outside)
    lengths = ends - starts + 1
    at = np.repeat(starts - np.cumsum(lengths) + lengths, lengths) + np.arange(int(lengths.sum()))
    share[at] = np.repeat(sums / big_of_run, lengths)
    cand = np.flatnonzero(sums >= 0.5 * big_of_run)
    _, first_ok = np.unique(group[cand], return_index=True)
    big = cand[first_ok]  # per page with runs, in page order
    with_runs = run_page[page_first]
    lo = np.full(pg.lens.size, -1, dtype=np.intp)
    hi = np.full(pg.lens.size, np.iinfo(np.intp).max, dtype=np.intp)
    lo[with_runs] = pg.pos[starts[big]]
    hi[with_runs] = pg.pos[ends[big]]
    has = np.zeros(pg.lens.size, dtype=np.bool_)
    has[with_runs] = True
    pos = pg.pos
    index = np.where(pos < lo[pg.page], -1.0, np.where(pos > hi[pg.page], 1.0, 0.0))
    index[~has[pg.page]] = 0.0
    return share, index


def _vocab_overlap(p: F64, lowered: list[list[str]], log_words: F64, sw: frozenset[str]) -> F64:
    """Share of each line's (non-function) words that also occur in the likely body's long lines; for those
    lines themselves, in at least one other such line."""
    n = p.size
    out = np.zeros(n)
    if n == 0:
        return out
    strong = np.flatnonzero((p > 0.7) & (log_words > np.log1p(8))).tolist()
    if not strong:
        return out
    sets: list[set[str]] = list(map(set, map(filterfalse, repeat(sw.__contains__), lowered)))
    # the words of the strong lines (once), and those of two or more of them (twice): set operations per
    # strong line, in C
    once: set[str] = set()
    twice: set[str] = set()
    for i in strong:
        twice |= once.intersection(sets[i])
        once |= sets[i]
    # shares as one C-level map per set of reference words (whole numbers divided: the same floats as
    # len(a) / len(b) line by line)
    sizes = np.fromiter(map(len, sets), dtype=np.float64, count=n)
    shared = np.fromiter(map(len, map(once.intersection, sets)), dtype=np.float64, count=n)
    shared[strong] = [len(twice.intersection(sets[i])) for i in strong]
    np.divide(shared, sizes, out=out, where=sizes > 0)
    return out
