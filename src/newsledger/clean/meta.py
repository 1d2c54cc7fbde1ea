"""Article metadata around the body: title, dateline, bylines, captions, outlet and agency.

Everything is found in the page's own text (or its URL/metadata), with the raw span that supports it.
Agencies are recognised by name from :data:`newsledger.clean.rules.AGENCIES` only where the text *credits*
them (byline, dateline parenthesis, copyright line, sign-off, "Source:"), never where it merely quotes
them ("KCNA said", "Yonhap news agency reported").
"""

from __future__ import annotations

import math
import operator
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import compress, filterfalse, repeat
from urllib.parse import urlsplit

import numpy as np

from newsledger.clean import rules
from newsledger.clean.features import string_columns, word_equivalents
from newsledger.clean.pubdate import find_dates
from newsledger.records import Span

_WORD = re.compile(r"\w+")
_DIGIT = re.compile(r"\d")


@dataclass(slots=True)
class Named:
    value: str
    span: Span | None


def _span(text: str, start: int, end: int) -> Span:
    return Span(start=start, end=end, text=text[start:end])


# ------------------------------------------------------------------------------------------------ title
def _content_words(s: str) -> set[str]:
    """The line's words of three characters or more that are not numbers (lower-cased)."""
    return set(filterfalse(str.isdigit, _WORD3.findall(s.lower())))


# the whole \w+ runs of at least three characters: a run that long matches from its start, a shorter one
# nowhere
_WORD3 = re.compile(r"\w{3,}")


TITLE_FEATURES = (
    "above", "first_body", "after", "log_words", "lead_overlap", "dup", "cap_ratio", "end_period",
    "end_qe", "p_body", "between", "is_upper", "prose_ratio", "kw_nav", "kw_more", "kw_social", "digit",
    "short", "long", "cell", "meta_below", "rank_above",
)  # fmt: skip


# a sentence ends so (a headline may too, but not past rules.TITLE_MAX_SENTENCE_WORDS words)
_FULL_STOPS = (".", "!", "?", "\u3002", "\uff01", "\uff1f")
_LIST_HEADS = frozenset(("* ", "+ ", "- ", "• ", "o ", "· "))
# the cells of a padded line: runs of text whose words are at most three spaces apart (a page rendered
# from tables pads its cells with wider runs of spaces: "Football      Dowling set for absence")
CELL = re.compile(r"\S+(?: {1,3}\S+)*")
PADDING = " " * 4


def _title_like(text: str, nw: int) -> bool:
    """Whether a line (or a cell of one) of ``nw`` words may be a headline by its shape."""
    if len(text) > rules.TITLE_MAX_CHARS or nw < 2 or nw > rules.TITLE_MAX_WORDS:
        return False
    if text.endswith((":", "...", "…")):
        return False
    if (
        rules.TITLE_HEAD_REJECT.match(text)
        or rules.TITLE_TAIL_REJECT.search(text[-rules.TITLE_TAIL_CHARS :])
        or rules.TITLE_INNER_REJECT.search(text)
        or rules.NOT_BODY_LABEL_RE.match(text)
    ):
        return False  # furniture, a list item, a link, a breadcrumb, a file name, an aside, a credit, a label
    if nw > rules.TITLE_MAX_SENTENCE_WORDS and text.endswith(_FULL_STOPS):
        return False  # a sentence, not a headline
    if text.endswith(("--", "—", " -")) or text[:2] in _LIST_HEADS or is_date_stamp(text):
        return False  # a dateline, a list item, a date stamp
    # a quotation is no headline
    return not (text[0] in "\"“'‘" and text.rstrip("\"”'’")[-1:] in ".?!")


def title_candidates(
    lines: Sequence[str],
    cols: Mapping[str, np.ndarray],
    p: np.ndarray,
    body_idx: Sequence[int],
    excluded: set[int],
    stop: frozenset[str] = frozenset(),
    cells: bool = True,
) -> tuple[list[int], list[tuple[int, int]], np.ndarray]:
    """Headline candidates around the start of the body: their lines, where each is in its line (a padded
    line's cells are candidates each, else the line is, less its padding) and their features (rows of
    TITLE_FEATURES; ``stop``: the page language's function words, for the cells' prose ratio). ``cells``
    False: every line is one candidate (text whose runs of spaces are no cell padding)."""
    if not body_idx:
        return [], [], np.zeros((0, len(TITLE_FEATURES)))
    k0 = main_run_start(body_idx, cols)
    first = body_idx[k0]
    lead_words: set[str] | None = None  # computed when the first candidate needs it
    lo = max(0, first - rules.TITLE_WINDOW)
    hi = min(first + 2, len(lines))
    idx: list[int] = []
    cuts: list[tuple[int, int]] = []
    rows: list[list[float]] = []
    cell_rows: list[tuple[int, str]] = []  # (row, cell text) of the candidates that are cells of a line
    between = 0
    cap, upper, prose = cols["cap_ratio"], cols["is_upper"], cols["prose_ratio"]
    wordeq = np.expm1(cols["log_words"])
    nav, more, social, digit = cols["kw_nav"], cols["kw_more"], cols["kw_social"], cols["digit_ratio"]
    line_set: set[str] | None = None  # the page's lines, for a cell's repeats
    # bylines and date stamps ("By Jane Doe", "January 8, 2008 10:32 AM") in the window, as a headline sits
    # right above them (from Python values: for a window's few lines cheaper than numpy's calls)
    w = slice(lo, first)
    most = rules.TITLE_META_STAMP_WORDS
    marks = [
        by > 0 or tm > 0 or nd > 0 or (mo > 0 and dg > 0 and nw <= most)
        for by, tm, nd, mo, dg, nw in zip(
            cols["byline"][w].tolist(),
            cols["time"][w].tolist(),
            cols["numdate"][w].tolist(),
            cols["month"][w].tolist(),
            digit[w].tolist(),
            wordeq[w].tolist(),
            strict=True,
        )
    ]
    for i in range(hi - 1, lo - 1, -1):  # nearest first, so "between" counts headline-like lines in between
        line = lines[i]
        if i in excluded:
            continue
        padded = cells and PADDING in line
        parts = [(m.start(), m.end()) for m in CELL.finditer(line)] if padded else [(0, len(line))]
        is_cell = len(parts) > 1
        headline_like = False
        for a, b in parts:
            if b - a > rules.TITLE_MAX_CHARS:
                continue  # no headline (_title_like), and its words not counted: a paragraph's are many
            text = line[a:b]
            # words, with a run of Han/kana counted as its characters / 2 (``\\w+`` makes a whole Chinese
            # clause one "word", so a paragraph would pass for a short headline)
            nw = len(_WORD.findall(text))
            if not is_cell:
                nw = max(nw, int(wordeq[i]))
            elif not text.isascii():
                nw = max(nw, int(word_equivalents(text)))
            if not _title_like(text, nw):
                continue
            cw = _content_words(text)
            if not cw:
                continue
            if lead_words is None:
                lead_words = set()
                for j in body_idx[k0 : k0 + 4]:
                    lead_words |= _content_words(lines[j][:400])
            overlap = len(cw & lead_words) / len(cw)
            if is_cell:
                if line_set is None:
                    line_set = set(lines)
                dup = float(text in line_set)  # the cell is a line of its own elsewhere too
                cell_rows.append((len(rows), text))
            else:
                dup = float(lines.count(line) > 1)
            idx.append(i)
            cuts.append((a, b))
            rows.append(
                [
                    min(max(first - i, 0), rules.TITLE_WINDOW) / float(rules.TITLE_WINDOW),
                    float(i == first),
                    float(i > first),
                    math.log1p(nw),
                    overlap,
                    dup,
                    float(cap[i]),
                    float(text.endswith(".")),
                    float(text.endswith(("?", "!"))),
                    float(p[i]),
                    min(between, 5) / 5.0,
                    float(upper[i]),
                    float(prose[i]),
                    float(nav[i]),
                    float(more[i]),
                    float(social[i]),
                    float(digit[i]),
                    float(nw < 4),
                    float(nw > 18),
                    float(is_cell),
                    float(any(marks[i + 1 - lo : min(i + 1 + rules.TITLE_META_BELOW, first) - lo])),
                    0.0,
                ]
            )
            headline_like |= nw >= 3
        if i < first and headline_like:
            between += 1
    X = np.asarray(rows, dtype=np.float64) if rows else np.zeros((0, len(TITLE_FEATURES)))
    if cell_rows:  # a cell's own case, prose, keywords and digits, not its line's
        at = [r for r, _ in cell_rows]
        own = string_columns([t for _, t in cell_rows], stop)
        for name, col in _CELL_COLUMNS:
            X[at, TITLE_FEATURES.index(name)] = own[col]
    if len(rows):
        X[:, -1] = np.arange(len(rows)) / max(len(rows), 1)
    return idx, cuts, X


# title features a cell takes from its own text, and the column of features.string_columns each is
_CELL_COLUMNS = (
    ("cap_ratio", "cap_ratio"), ("is_upper", "is_upper"), ("prose_ratio", "prose_ratio"),
    ("kw_nav", "kw_nav"), ("kw_more", "kw_more"), ("kw_social", "kw_social"), ("digit", "digit_ratio"),
)  # fmt: skip


def main_run_start(body_idx: Sequence[int], cols: Mapping[str, np.ndarray], gap: int = 3) -> int:
    """Index into ``body_idx`` of the first line of the run of body lines (gaps of up to ``gap`` lines)
    holding the most words: the article proper, not a stray line kept far above it."""
    words: list[float] = np.expm1(cols["log_words"]).tolist()  # Python floats: the same values
    best_k, best_mass = 0, -1.0
    k = 0
    while k < len(body_idx):
        j = k
        mass = words[body_idx[k]]
        while j + 1 < len(body_idx) and body_idx[j + 1] - body_idx[j] <= gap + 1:
            j += 1
            mass += words[body_idx[j]]
        if mass > best_mass:
            best_k, best_mass = k, mass
        k = j + 1
    return best_k


def _title_rule_score(x: np.ndarray) -> np.ndarray:
    """Hand-set scores for when no learned title model is packaged (columns as TITLE_FEATURES)."""
    f = {k: x[:, j] for j, k in enumerate(TITLE_FEATURES)}
    out: np.ndarray = (
        2.0 * f["lead_overlap"]
        - 1.8 * f["above"]
        + 0.5 * f["dup"]
        + 0.5 * f["cap_ratio"]
        - 0.7 * f["end_period"]
        - 1.0 * f["after"]
        - 0.6 * f["between"]
    )
    return out


def find_title(
    text: str,
    starts: Sequence[int],
    lines: Sequence[str],
    body_idx: Sequence[int],
    excluded: set[int],
    meta_title: str | None,
    cols: Mapping[str, np.ndarray] | None = None,
    p: np.ndarray | None = None,
    stop: frozenset[str] = frozenset(),
    cells: bool = True,
) -> tuple[str | None, Span | None, int | None]:
    """The headline: (title, evidence span, line index or None).

    With a metadata title, its occurrence in the text is the evidence (or no span). Otherwise the
    headline-like line (or cell of a padded line: the line index is then the cell's line) around the start
    of the body that the learned title scorer (or, without one, the rule score) prefers: close above the
    lead, sharing its words, repeated (breadcrumb + h1), title-cased. ``stop``: the page language's function
    words (:attr:`.features.Features.stop`), for the cells' own features; ``cells`` False: no line is
    split into cells (see :func:`title_candidates`).
    """
    if meta_title and meta_title.strip():
        t = " ".join(meta_title.split())
        for i, line in enumerate(lines):
            if line == t or (len(t) > 15 and line.startswith(t)):
                return t, _span(text, starts[i], starts[i] + len(t)), i
        pos = text.find(t)
        return t, (_span(text, pos, pos + len(t)) if pos >= 0 else None), None
    if not body_idx or cols is None or p is None:
        return None, None, None
    idx, cuts, X = title_candidates(lines, cols, p, body_idx, excluded, stop, cells)
    if not idx:
        return None, None, None
    from newsledger.clean.model import load_cascade

    cascade = load_cascade()
    if cascade is not None and cascade.title is not None:
        title = cascade.title
        if title.names == TITLE_FEATURES:  # X's columns are already the model's, in order
            scores = title.predict_matrix(X)
        else:
            scores = title.predict({k: X[:, j] for j, k in enumerate(TITLE_FEATURES)}, len(idx))
        threshold = cascade.title_threshold
    else:
        scores = _title_rule_score(X)
        threshold = rules.TITLE_MIN_SCORE
    k = int(np.argmax(scores))
    if scores[k] < threshold:
        return None, None, None
    i = idx[k]
    a, b = cuts[k]
    return lines[i][a:b], _span(text, starts[i] + a, starts[i] + b), i


# --------------------------------------------------------------------------------------------- dateline
@dataclass(slots=True)
class Dateline:
    span: Span  # the whole dateline, e.g. "BEIJING (Reuters) -" or "Seoul, March 25"
    place: str | None
    agency: Named | None
    body_offset: int  # characters of the line the dateline takes (body text starts after them)


def find_dateline(text: str, line_start: int, line: str) -> Dateline | None:
    """A dateline opening the first body paragraph: "SEOUL, March 25 (Yonhap) --", "HÀ NỘI —"."""
    pos = 0
    place: str | None = None
    agency: Named | None = None
    matched_end = 0
    for _ in range(3):  # chained datelines: "VIETNAM, March 25 - HÀ NỘI — ..."
        m = rules.DATELINE_RE.match(line, pos)
        if not m or m.end() == pos or not _plausible_dateline(m, line):
            break
        p = m.group("place")
        if p:
            place = p.strip(" ,")
        if m.group("agency"):
            a = m.group("agency")
            ag = rules.agency_name(a)
            if ag:
                s = line_start + m.start("agency")
                agency = Named(ag, _span(text, s, s + len(a)))
        matched_end = m.end()
        pos = m.end()
        if not m.group("dash"):
            break
    if matched_end == 0:
        return None
    core = line[:matched_end].rstrip(" -–—:")
    if not core:
        return None
    return Dateline(
        span=_span(text, line_start, line_start + len(core)),
        place=place,
        agency=agency,
        body_offset=matched_end,
    )


def _plausible_dateline(m: re.Match[str], line: str) -> bool:
    place, date, agency, dash = m.group("place"), m.group("date"), m.group("agency"), m.group("dash")
    if not (place or date):
        return False
    if place and len(place.replace(",", " ").split()) > rules.DATELINE_MAX_PLACE_WORDS:
        return False
    upper_place = bool(place) and place.isupper()
    if agency and rules.agency_name(agency) is None and not upper_place:
        return False
    nxt = line[m.end() : m.end() + 1]
    if not (date or agency):
        return bool(dash) and upper_place and nxt[:1].isupper()
    if place and not (upper_place or place[:1].isupper()):
        return False
    if not dash and not agency:
        return nxt[:1].isupper()
    return True


# -------------------------------------------------------------------------------------- outlet / agency
def find_agency(
    text: str,
    starts: Sequence[int],
    lines: Sequence[str],
    body_idx: Sequence[int],
    byline_idx: Sequence[int],
    dateline: Dateline | None,
) -> Named | None:
    """The wire the text credits: byline "By IANS", dateline "(Reuters)", sign-off "— VNS", copyright."""
    if dateline is not None and dateline.agency is not None:
        return dateline.agency
    for i in byline_idx:
        found = _agency_in(text, starts[i], lines[i], rules.BYLINE_AGENCY_RE)
        if found:
            return found
    if body_idx:
        last = body_idx[-1]
        found = _agency_in(text, starts[last], lines[last], rules.SIGNOFF_RE)
        if found:
            return found
        # credit lines right after the body: "© 2024 Thomson/Reuters", "Source: AFP"
        for i in range(last + 1, min(last + 4, len(lines))):
            found = _agency_in(text, starts[i], lines[i], rules.CREDIT_LINE_RE)
            if found:
                return found
    return None


def _agency_in(text: str, line_start: int, line: str, pat: re.Pattern[str]) -> Named | None:
    m = pat.search(line)
    if not m:
        return None
    for am in rules.AGENCY_RE.finditer(line, m.start("who"), m.end("who")):
        name = rules.agency_name(am.group(0))
        if name:
            s = line_start + am.start()
            return Named(name, _span(text, s, s + len(am.group(0))))
    return None


def find_outlet(
    text: str,
    starts: Sequence[int],
    lines: Sequence[str],
    body_idx: Sequence[int],
    url: str | None,
    meta_source: str | None,
    agency: Named | None,
) -> Named | None:
    """The publishing site: the record's source, the URL host, a host named in the page, a copyright
    footer, or "About <Name>" navigation; agencies are not outlets."""
    if meta_source and meta_source.strip():
        src = meta_source.strip()
        pos = text.find(src)
        return Named(src, _span(text, pos, pos + len(src)) if pos >= 0 else None)
    body_set = set(body_idx)
    for host, hspan in _hosts(text, starts, lines, body_set, url):
        label = rules.host_label(host)
        if not label or rules.agency_name(label):
            continue
        named = _surface_of(text, starts, lines, body_set, label)
        if named:
            return named
        return Named(label.capitalize() if len(label) > 4 else label.upper(), hspan)
    # copyright footers outside the body, last first (the page footer names the site)
    agency_value = agency.value if agency else None
    for i in range(len(lines) - 1, -1, -1):
        line = lines[i]
        if i in body_set or not ("©" in line or "opyright" in line or "COPYRIGHT" in line or "(c)" in line):
            continue
        cm = rules.COPYRIGHT_OWNER_RE.search(line)
        if cm:
            owner = cm.group("owner").strip(" .,")
            if owner and not rules.agency_name(owner) and owner != agency_value:
                s = starts[i] + cm.start("owner")
                return Named(owner, _span(text, s, s + len(owner)))
    for i, line in enumerate(lines[:40]):
        if not line.startswith("About "):
            continue
        am = rules.ABOUT_SITE_RE.match(line)
        if am and i not in body_set:
            s = starts[i] + am.start("name")
            return Named(am.group("name"), _span(text, s, s + len(am.group("name"))))
    return None


def _hosts(
    text: str, starts: Sequence[int], lines: Sequence[str], body_set: set[int], url: str | None
) -> Iterator[tuple[str, Span | None]]:
    """The hosts the outlet may be read from, in order (made as they are asked for: the first usable one
    ends the search): the URL's, then those named on lines outside the body."""
    if url:
        host = (urlsplit(url).hostname or "").lower()
        if host:
            yield host, None
    for i, line in enumerate(lines):
        if i in body_set or "." not in line or len(line) > 400:
            continue
        for m in rules.HOST_RE.finditer(line):
            s = starts[i] + m.start()
            yield m.group(0).lower(), _span(text, s, s + len(m.group(0)))


def _surface_of(
    text: str, starts: Sequence[int], lines: Sequence[str], body_set: set[int], label: str
) -> Named | None:
    """How the page writes a host label ("newsmax" -> "Newsmax", "kbs" -> "KBS"), outside the body."""
    pat = re.compile(r"(?<![\w.])" + re.escape(label) + r"(?![\w.])", re.IGNORECASE)
    best: tuple[int, Named] | None = None
    holding = map(operator.contains, map(str.lower, lines), repeat(label))
    for i in [i for i, has in enumerate(holding) if has]:
        line = lines[i]
        if i in body_set:
            continue
        for m in pat.finditer(line):
            surf = m.group(0)
            if surf.islower():
                continue
            rank = 0 if surf[0].isupper() and not surf.isupper() else 1
            if best is None or rank < best[0]:
                s = starts[i] + m.start()
                best = (rank, Named(surf, _span(text, s, s + len(surf))))
    return best[1] if best else None


# --------------------------------------------------------------------------------- bylines and captions
def is_byline(line: str) -> bool:
    m = rules.BYLINE_LINE_RE.match(line)
    if m is None or len(line) > rules.BYLINE_MAX_CHARS:
        return False
    # a sentence that only starts with "By"/"From" ("By law, ...", "By 2022, ...", SQL's "FROM x;"): a
    # lower-case word or a number after a bare head, and the line ends as a sentence or clause does
    nxt = line[m.end() - 1]
    if " " not in line[: m.end() - 1].rstrip() and (nxt.islower() or nxt.isdigit()):
        return not line.rstrip("\"'”’)").endswith(_SENTENCE_ENDS)
    return True


_SENTENCE_ENDS = (".", "?", "!", ":", ";")


_CAPTION_HINTS = (")", "photo", "image", "getty", "credit", "pictu", "left,", "right,", "centre,", "center,")


def is_caption(line: str) -> bool:
    """A photo caption: a credit (:data:`rules.CAPTION_RE`), or a sentence placing people in the picture
    (:data:`rules.CAPTION_POSITION_RE`)."""
    if len(line) > rules.CAPTION_MAX_CHARS:
        return False
    low = line.lower()
    if not any(k in low for k in _CAPTION_HINTS):
        return False
    if _may_be_credit(line, low) and rules.CAPTION_RE.search(line) is not None:
        return True
    if rules.CAPTION_POSITION_RE.search(line) is None:
        return False
    return sum(w[0].islower() for w in line.split()) >= rules.CAPTION_POSITION_MIN_LOWER


def _may_be_credit(line: str, low: str) -> bool:
    """A necessary condition of :data:`rules.CAPTION_RE` (``low``: the line lower-cased), far cheaper than
    the pattern on a long line: each of its alternatives opens the line with "Photo", "Image", "Picture"
    or "Credit", ends it with ")", or holds "Getty", " photo" ("AP photo", "file photo") or "file
    picture"/"file image". Under its case-blind flag the pattern's "i" also matches "ı" and "İ" (which
    lower-cases to "i" and a combining dot): on other than ASCII lines both are read as "i" first."""
    if not line.isascii():
        low = low.replace("\u0307", "").replace("ı", "i")
    return (
        line.rstrip().endswith(")") or low.startswith(_CREDIT_STARTS) or any(k in low for k in _CREDIT_PARTS)
    )


_CREDIT_STARTS = ("photo", "image", "picture", "credit")
_CREDIT_PARTS = ("getty", " photo", "file picture", "file image")


# any of _CAPTION_HINTS in a lower-cased line
_CAPTION_HINT_RE = re.compile("|".join(re.escape(k) for k in _CAPTION_HINTS))


def caption_candidates(lines: Sequence[str], lowered: Sequence[str] | None = None) -> list[int]:
    """The lines that may be captions: those that hold a caption hint (a necessary condition of
    :func:`is_caption`), found with C-level maps over all the lines (``lowered``: the lines lower-cased,
    when the caller has them)."""
    hints = map(_CAPTION_HINT_RE.search, lowered if lowered is not None else map(str.lower, lines))
    return [i for i, m in enumerate(hints) if m is not None]


def byline_candidates(lines: Sequence[str]) -> list[int]:
    """The lines that may be bylines: those :data:`rules.BYLINE_LINE_RE` matches (a necessary condition
    of :func:`is_byline`)."""
    return [i for i, m in enumerate(map(rules.BYLINE_LINE_RE.match, lines)) if m is not None]


def stamp_candidates(lines: Sequence[str]) -> list[int]:
    """The lines that may be date stamps: short enough and holding a digit (necessary conditions of
    :func:`is_date_stamp`)."""
    short = [i for i, k in enumerate(map(len, lines)) if k <= rules.STAMP_MAX_CHARS]
    return list(compress(short, map(_DIGIT.search, map(lines.__getitem__, short))))


_STAMP_PARTS = re.compile(
    r"(?i)(?:\b(?:published|posted|written|updated|modified|last|on|at|date|time|am|pm|a\.m\.|p\.m\.|"
    r"[A-Z]{2,4}T|IST|GMT|UTC|KST|JST)\b|[\d:/.,|\-–—+()]|\s)+"
)


def is_date_stamp(line: str) -> bool:
    """A short line that is only a date/time stamp (metadata, not body)."""
    if len(line) > rules.STAMP_MAX_CHARS or _DIGIT.search(line) is None:
        return False
    spans = find_dates(line)
    if not spans:
        return False
    covered = sum(e - s for s, e in spans)
    rest = line
    for s, e in sorted(spans, reverse=True):
        rest = rest[:s] + " " + rest[e:]
    # the stamp parts cover what removing them takes away (their matches never overlap, none is empty)
    left = _STAMP_PARTS.sub("", rest)
    covered += len(rest) - len(left)
    return covered >= rules.STAMP_MIN_COVER * len(line) + 0.0 and len(left) <= 0.2 * len(line)
