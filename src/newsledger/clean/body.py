"""Body selection on a page dump: line classifier, then post-rules.

1. :func:`line_probabilities`: the learned cascade (:mod:`.model`) over :mod:`.features`; without a packaged
   model a transparent prose-density rule stands in.
2. :func:`select_body`: threshold (with a best-guess fallback; a fairly likely single line between two body
   lines joins them; a prose line holding most of the page's words is body), then keep-once repetition
   (a teaser or share box that repeats the lead is dropped, the paragraph stays in its body place; repeats
   inside the main stretch of body all stay), and captions, bylines,
   date stamps and self-labelled lines ("Tags:", "Source:", "Disclaimer:") out of the body into metadata,
   and notices about the reader's browser ("Please enable JavaScript") out of it.
   Related-story headline lists are the classifier's job (their vocabulary is not the article's: the
   ``ctx_vocab`` column). The headline leaves the body once the title is known (``clean._assemble``).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import compress, pairwise

import numpy as np
import numpy.typing as npt

from newsledger.clean import meta, rules
from newsledger.clean.features import (
    BlockFeatures,
    Features,
    LineWords,
    PageInfo,
    Pages,
    block_context,
    block_features,
    word_equivalents,
)
from newsledger.clean.model import Stage, load_cascade
from newsledger.clean.segment import Segmented

F64 = npt.NDArray[np.float64]


def _main_stretch(chosen: list[int], gap: int = 1) -> tuple[int, int]:
    """First and last line of the longest stretch of ``chosen`` (sorted) lines with gaps of at most
    ``gap`` lines; (0, -1) for none."""
    best = (0, 0, -1)
    k = 0
    while k < len(chosen):
        j = k
        while j + 1 < len(chosen) and chosen[j + 1] - chosen[j] <= gap + 1:
            j += 1
        if j - k + 1 > best[0]:
            best = (j - k + 1, chosen[k], chosen[j])
        k = j + 1
    return best[1], best[2]


def _before_comments(
    body: list[int], lines: list[str], comment: F64, sel: Selection, tokens: Sequence[Sequence[str]] | None
) -> list[int]:
    """``body`` without the lines from the first comment head below its main run (the run of body lines,
    gaps of at most :data:`rules.COMMENT_RUN_GAP` lines and no kept comment count
    (:data:`rules.COMMENT_COUNT_RE`) inside, holding the most words) on; those go to ``sel.comments``, and
    the head's index to ``sel.comments_from``. A line saying the comments are closed, or a comment count the
    classifier did not keep, ends the body too when :data:`rules.COMMENT_COUNT_MIN_WORDS_ABOVE` words of body
    lie above it ("Comments are now closed", "{ 18 comments }" between a post and its comments)."""
    if tokens is not None:  # lower-casing keeps the whitespace: the same counts as splitting the lines
        words = list(map(len, map(tokens.__getitem__, body)))
    else:
        words = list(map(len, map(str.split, map(lines.__getitem__, body))))
    cut = _first_end_mark(body, words, lines, _says_comments_closed, body_lines_too=True)
    if cut is None:
        cut = _first_end_mark(body, words, lines, _is_comment_count, body_lines_too=False)
    if cut is not None:
        sel.comments_from = cut
        sel.comments = [i for i in body if i >= cut]
        keep = len(body) - len(sel.comments)
        body, words = body[:keep], words[:keep]
    best, hi = -1, body[-1]
    heads = comment.tolist()  # Python floats: the same truth values, without a numpy scalar per line
    k = 0
    while k < len(body):
        j = k
        mass = words[k]
        while (
            j + 1 < len(body)
            and body[j + 1] - body[j] <= rules.COMMENT_RUN_GAP + 1
            and not (heads[body[j + 1]] and rules.COMMENT_COUNT_RE.match(lines[body[j + 1]]))
        ):
            j += 1
            mass += words[j]
        if mass > best:
            best, hi = mass, body[j]
        k = j + 1
    # a post's own meta line ("2012 Leave a Comment Written by X", "Posted by X on <date>") is not the head
    # of the comments
    below = (np.flatnonzero(comment[hi + 1 :]) + (hi + 1)).tolist()
    head = next((i for i in below if " by " not in lines[i].lower()), None)
    if head is None:
        return body
    sel.comments_from = head
    sel.comments = [i for i in body if i >= head] + sel.comments
    return [i for i in body if i < head]


def _says_comments_closed(line: str) -> bool:
    """A line saying the comments are closed (:data:`rules.COMMENTS_CLOSED_RE`), kept as body or not: with
    body above and below it, what follows it is the comments (or the page's furniture), not the article."""
    return (
        len(line) <= rules.COMMENTS_CLOSED_MAX_CHARS
        and "comment" in line.lower()
        and rules.COMMENTS_CLOSED_RE.search(line) is not None
    )


def _is_comment_count(line: str) -> bool:
    """A comment count (:data:`rules.COMMENT_COUNT_RE`): one the classifier did not keep, between two body
    lines, ends the article ("{ 18 comments }" between a post and its comments)."""
    # a count has a digit within its first four characters (at most three before it)
    return any(map(str.isdigit, line[:4])) and rules.COMMENT_COUNT_RE.match(line) is not None


def _first_end_mark(
    body: list[int], words: list[int], lines: list[str], is_mark: Callable[[str], bool], body_lines_too: bool
) -> int | None:
    """The first line from ``body``'s first line to the one before its last for which ``is_mark`` holds,
    with at least :data:`rules.COMMENT_COUNT_MIN_WORDS_ABOVE` words of body lines above it (``words``: each
    body line's); only lines between body lines unless ``body_lines_too``. One loop for both marks that end
    the article below its start (comments closed, an unkept comment count)."""
    above = 0  # words of the body lines above line i
    k = 0  # body[k] is the first body line at or below line i
    for i in range(body[0], body[-1]):
        on_body = i == body[k]
        if (
            above >= rules.COMMENT_COUNT_MIN_WORDS_ABOVE
            and (body_lines_too or not on_body)
            and is_mark(lines[i])
        ):
            return i
        if on_body:
            above += words[k]
            k += 1
    return None


def line_probabilities(seg: Segmented, info: PageInfo) -> tuple[F64, Features]:
    """P(body) per line, and the features it was computed from."""
    p, feats = block_probabilities([seg], [info])
    return p, feats.page(0)


def block_probabilities(
    segs: Sequence[Segmented], infos: Sequence[PageInfo], words: Sequence[LineWords] | None = None
) -> tuple[F64, BlockFeatures]:
    """P(body) per line of a block of pages (their lines end to end), and the features it was computed
    from: each model stage runs once for the whole block, and each page's values equal those of the page
    alone (every step is per line or per page, see :class:`.features.Pages`). ``words``: each page's
    :func:`.features.line_words`, when the caller has them."""
    feats = block_features(segs, infos, words)
    cascade = load_cascade()
    if cascade is None or feats.pages.n == 0:
        return _rule_probabilities(feats.columns), feats
    p = _apply(cascade.stages[0], feats.with_context({}), feats.names, feats.pages)
    # each later stage sees the line features and the context columns of the previous stage's output
    for stage in cascade.stages[1:]:
        ctx = block_context(p, feats)
        p = _apply(stage, feats.with_context(ctx), feats.names + tuple(ctx), feats.pages)
    return p, feats


def _apply(stage: Stage, xt: F64, names: tuple[str, ...], pages: Pages) -> F64:
    """``stage``'s probabilities from features x lines ``xt`` whose rows are ``names``, for the block of
    ``pages``."""
    if stage.names != names:
        # a model trained on another column order: take its columns by name
        where = {k: j for j, k in enumerate(names)}
        xt = xt[[where[k] for k in stage.names]]
    return stage.predict_pages(xt, pages)


def _rule_probabilities(c: Mapping[str, F64]) -> F64:
    """Fallback without a model: prose lines inside the densest prose run."""
    prose = c["prose"] * 10.0
    score = 0.6 * c["in_run"] + 0.3 * (prose > 2.0) + 0.2 * c["end_sentence"] - 0.4 * c["dup"]
    out: F64 = np.clip(score, 0.0, 1.0)
    return out


@dataclass(slots=True)
class Selection:
    body: list[int]  # line indices, in page order
    title_line: int | None = None
    bylines: list[int] = field(default_factory=list)
    captions: list[int] = field(default_factory=list)
    dropped_repeats: list[int] = field(default_factory=list)
    stamps: list[int] = field(default_factory=list)  # date-stamp lines (metadata)
    comments: list[int] = field(default_factory=list)  # likely lines below a comment head (user comments)
    comments_from: int | None = None  # the first comment head below the article, if any


def body_parts(line: str) -> list[tuple[int, int]]:
    """The parts of a body line that stay body (:func:`line_parts`)."""
    return line_parts(line)[0]


def line_parts(line: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """The parts of a body line that stay body, and the parts left out (page furniture).

    The whole line stays, except:
    - a padded line (a table row rendered to text, its cells apart by runs of four spaces or more) holding
      a cell of at least :data:`rules.CELL_MIN_WORDS` words keeps its cells of that many words: the short
      cells beside a paragraph in one row are the page's furniture (a section name, a date, menu items, a
      "Print" link), left out each. Han/kana count half a word a character, as in the line features;
    - a long line that is not padded keeps its run of prose (:func:`prose_run`); what is before and after
      the run (a menu, a link footer) is left out, without its surrounding whitespace.
    """
    whole = [(0, len(line))]
    if meta.PADDING not in line:
        if len(line) < LONG_LINE_MIN_CHARS:
            return whole, []
        a, b = prose_run(line)
        return [(a, b)], [_stripped(line, x, y) for x, y in ((0, a), (b, len(line))) if line[x:y].strip()]
    cells = [(m.start(), m.end()) for m in meta.CELL.finditer(line)]
    kept = [(a, b) for a, b in cells if word_equivalents(line[a:b]) >= rules.CELL_MIN_WORDS]
    if not kept:
        return whole, []
    return kept, [c for c in cells if c not in kept]


def _stripped(line: str, a: int, b: int) -> tuple[int, int]:
    """``(a, b)`` narrowed to ``line[a:b]`` without its surrounding whitespace."""
    part = line[a:b]
    a += len(part) - len(part.lstrip())
    return a, a + len(part.strip())


# a line of n words has at least 2n - 1 characters: shorter lines are not counted
LONG_LINE_MIN_CHARS = 2 * rules.LONG_LINE_MIN_WORDS - 1
_SENTENCE_END_RE = re.compile(r"[.!?\u2026][\"'\u201d\u2019)\]]*(?=\s)")


def prose_run(line: str) -> tuple[int, int]:
    """The part of ``line`` that stays body: all of it, or for a line of at least
    :data:`rules.LONG_LINE_MIN_WORDS` words its best run of prose sentences, where each sentence counts its
    words for the run when it reads as prose (:func:`_prose_sentence`) and against it otherwise. Menus,
    link lists and footers that broken markup ran into the article's line are left out."""
    whole = (0, len(line))
    words = line.split()
    if len(words) < rules.LONG_LINE_MIN_WORDS:
        return whole
    if sum(w[0].islower() or w[0].isupper() for w in words) < 0.5 * len(words):
        return whole  # a script without case (Han, kana): the test below has nothing to read
    bounds = [0, *(m.end() for m in _SENTENCE_END_RE.finditer(line)), len(line)]
    best, span, run, run_start = 0, whole, 0, 0
    for a, b in pairwise(bounds):
        sentence = line[a:b].split()
        if not sentence:
            continue
        if run <= 0:
            run, run_start = 0, a
        run += len(sentence) if _prose_sentence(line[a:b], sentence) else -len(sentence)
        if run > best:
            best, span = run, (run_start, b)
    a, b = span
    while a < b and line[a].isspace():
        a += 1
    return (a, b) if best > 0 else whole


def _prose_sentence(text: str, words: list[str]) -> bool:
    """A sentence of a long line reads as prose (:data:`rules.LONG_LINE_MIN_LOWER` and the others)."""
    if sum(map(text.count, rules.LONG_LINE_SEPARATORS)) > rules.LONG_LINE_MAX_SEPARATORS:
        return False
    lettered = [w for w in words if w[0].isalpha()]
    if not lettered:
        return False
    lower = sum(w[0].islower() for w in lettered) / len(lettered)
    if lower < rules.LONG_LINE_MIN_LOWER:
        return False
    return len(words) <= rules.LONG_LINE_SENTENCE_WORDS or lower >= rules.LONG_LINE_LONG_LOWER


def _giant_line(c: Mapping[str, F64]) -> int | None:
    """The line that holds most of the page's words and reads as prose, if there is one: the page dump ran
    the article (with whatever shared its block) into one line (:data:`rules.GIANT_LINE_SHARE`)."""
    words = np.expm1(c["log_words"])
    i = int(np.argmax(words))
    w = float(words[i])
    if (
        w >= rules.GIANT_LINE_MIN_WORDS
        and w >= rules.GIANT_LINE_SHARE * float(words.sum())
        and float(c["prose_ratio"][i]) >= rules.GIANT_LINE_MIN_PROSE
    ):
        return i
    return None


def _furniture(c: Mapping[str, F64], i: int) -> bool:
    """Line ``i`` is a few words (:data:`rules.GAP_FILL_MAX_FURNITURE_WORDS`) with page-furniture vocabulary
    (the share, account, legal, "more", advertising, app and comment keyword columns)."""
    return float(c["log_words"][i]) <= _LOG_FURNITURE_WORDS and any(c[k][i] > 0 for k in _FURNITURE_KW)


_FURNITURE_KW = ("kw_social", "kw_account", "kw_legal", "kw_more", "kw_ad", "kw_app", "kw_comment")
_LOG_FURNITURE_WORDS = float(np.log1p(rules.GAP_FILL_MAX_FURNITURE_WORDS))


def _is_label(line: str) -> bool:
    """A self-labelled not-article line ("Tags: ...", "Source: ..."), short enough to be only that."""
    return len(line) <= rules.NOT_BODY_LABEL_MAX_CHARS and rules.NOT_BODY_LABEL_RE.match(line) is not None


def _is_notice(line: str) -> bool:
    """A notice about the reader's browser ("Please enable JavaScript to view the comments")."""
    return (
        len(line.split()) <= rules.BROWSER_NOTICE_MAX_WORDS
        and rules.BROWSER_NOTICE_RE.search(line) is not None
    )


def _notice_candidates(lowered: list[str]) -> list[int]:
    """The lines that may be browser notices (:func:`_is_notice`): those naming JavaScript, Flash or the
    browser (substring tests on the ``lowered`` lines: ~6x faster than one case-blind pattern)."""
    return [i for i, low in enumerate(lowered) if "javascript" in low or "flash" in low or "browser" in low]


def _is_rights(line: str) -> bool:
    """A rights notice ("Copyright 2008 The Associated Press. All rights reserved."), short enough to be
    only that."""
    return (
        len(line.split()) <= rules.RIGHTS_NOTICE_MAX_WORDS and rules.RIGHTS_NOTICE_RE.search(line) is not None
    )


def _rights_candidates(lowered: list[str]) -> list[int]:
    """The lines that may be rights notices (:func:`_is_rights`): those with a copyright sign or word or
    "rights reserved" (substring tests on the ``lowered`` lines)."""
    return [
        i
        for i, low in enumerate(lowered)
        if "©" in low or "copyright" in low or "(c)" in low or "rights reserved" in low
    ]


def _kinds(lines: list[str], keep: frozenset[str]) -> list[str | None]:
    """For each line, the kind that takes it out of the body, the first of "caption"
    (:func:`.meta.is_caption`), "byline" (:func:`.meta.is_byline`), "label" (:func:`_is_label`), "notice"
    (:func:`_is_notice`), "rights" (:func:`_is_rights`), "stamp" (:func:`.meta.is_date_stamp`) that holds
    and is not in ``keep``; None for a body line.

    Each test first runs its cheap necessary condition over all the lines in one C-level map (the caption
    hint, the byline or label head, a JavaScript/Flash/browser word, a copyright word, a digit on a short
    line); the full test runs only where it holds.
    """
    n = len(lines)
    out: list[str | None] = [None] * n
    lowered = list(map(str.lower, lines))  # the case-blind hints' input, lowered once
    tests: list[tuple[str, Callable[[], list[int]], Callable[[str], bool]]] = [
        ("caption", lambda: meta.caption_candidates(lines, lowered), meta.is_caption),
        ("byline", lambda: meta.byline_candidates(lines), meta.is_byline),
        ("label", lambda: _label_candidates(lines), _is_label),
        ("notice", lambda: _notice_candidates(lowered), _is_notice),
        ("rights", lambda: _rights_candidates(lowered), _is_rights),
        ("stamp", lambda: meta.stamp_candidates(lines), meta.is_date_stamp),
    ]
    for kind, candidates, test in tests:
        if kind in keep:
            continue
        for i in candidates():
            if out[i] is None and test(lines[i]):
                out[i] = kind
    return out


def _label_candidates(lines: list[str]) -> list[int]:
    """The lines that may be labels (:func:`_is_label`): those its regular expression matches (only lines
    with a colon, ASCII or full-width, are matched against it)."""
    colon = [i for i, line in enumerate(lines) if ":" in line or "：" in line]
    return [i for i in colon if rules.NOT_BODY_LABEL_RE.match(lines[i]) is not None]


def _keep_once(
    chosen: list[int],
    lines: list[str],
    pl: list[float],
    columns: Mapping[str, F64] | None,
    tokens: Sequence[Sequence[str]] | None = None,
) -> set[int]:
    """The chosen lines that stay when repeats are kept once: of the lines with one key (:func:`_keys`), the
    likeliest (the first of equals); a line without a key (blank) never stays.

    Lines with one key have the same word count (the ``log_words`` column of their page), so with the
    columns only the lines whose count another chosen line shares, or that have no words, need their keys.
    """
    if columns is not None:
        counts = columns["log_words"][chosen].tolist()
        seen = Counter(counts)
        alone = [seen[c] == 1 and c > 0.0 for c in counts]
        out = set(compress(chosen, alone))
        rest = list(compress(chosen, [not a for a in alone]))
    else:
        out, rest = set(), chosen
    # a line's key is its lower-cased tokens joined: the features' tokens when given, the same strings
    if tokens is not None:
        keys = list(map(" ".join, map(tokens.__getitem__, rest)))
    else:
        keys = _keys(map(lines.__getitem__, rest))
    if len(set(keys)) == len(keys):  # no repeats: every line with a key stays
        out.update(compress(rest, keys))
        return out
    by_key: dict[str, int] = {}
    for i, k in zip(rest, keys, strict=True):
        if not k:
            continue
        j = by_key.get(k)
        if j is None or pl[i] > pl[j]:
            by_key[k] = i
    out.update(by_key.values())
    return out


def _keys(lines: Iterable[str]) -> list[str]:
    """Each line's repeat key (lower case, whitespace runs made one space), in C-level maps."""
    return list(map(" ".join, map(str.split, map(str.lower, lines))))


def select_body(
    seg: Segmented,
    p: F64,
    threshold: float,
    keep: frozenset[str] = frozenset(),
    inner_repeats: bool = False,
    comment: F64 | None = None,
    columns: Mapping[str, F64] | None = None,
    tokens: Sequence[Sequence[str]] | None = None,
) -> Selection:
    """Body line indices after the post-rules (the headline is removed later, once it is known).

    ``keep``: kinds of metadata lines left in the body instead of moved out ("caption", "byline", "stamp").
    ``inner_repeats``: repeated lines inside the main stretch of likely body all stay (page dumps; on the
    HTML path every extracted line is "likely body", so repeats there are kept once).
    ``comment``: per line, 1 for a comment head ("12 Comments", "Jane says:", "Leave a Reply"; the
    ``comment`` feature column); body lines from the first comment head below the main run of body on are
    user comments, not the article (:data:`rules.COMMENT_RUN_GAP`).
    When no line passes ``threshold`` but some line is fairly likely, the lines within
    :data:`rules.FALLBACK_RATIO` of the best probability are taken: a page's best guess beats no body. So
    too when every line that passes is a byline, caption or date stamp (the best of the other lines).
    A line between two taken lines is taken too when its probability is at least :data:`rules.GAP_FILL_P`.
    ``columns``: the page's feature columns (``log_words``, ``prose_ratio``, ``comment``); with them a
    prose line that holds most of the page's words is body whatever its probability
    (:data:`rules.GIANT_LINE_SHARE`), and ``comment`` defaults to their ``comment`` column.
    ``tokens``: each line's whitespace tokens (the features' lower-cased ones), to count words without
    splitting the lines again.
    """
    if comment is None and columns is not None:
        comment = columns["comment"]
    lines = seg.lines
    n = len(lines)
    chosen: list[int] = np.flatnonzero(p > threshold).tolist()
    if columns is not None and n:
        giant = _giant_line(columns)
        if giant is not None and giant not in chosen:
            chosen = sorted([*chosen, giant])
    pl: list[float] = p.tolist()  # Python floats: the same comparisons, without a numpy scalar per line
    if not chosen and n:
        # fallback: the likeliest lines that read like text (a menu item is never a page's body)
        texty = [
            i for i in range(n) if len(lines[i].split()) >= rules.FALLBACK_MIN_WORDS or len(lines[i]) >= 40
        ]
        best = max((pl[i] for i in texty), default=0.0)
        if best >= rules.FALLBACK_MIN_P:
            chosen = [i for i in texty if pl[i] >= rules.FALLBACK_RATIO * best]
    sel = Selection(body=[])
    if not chosen:
        return sel
    # a single fairly likely line between two chosen lines is body too (rules.GAP_FILL_P), unless it is a
    # few words of page furniture ("Open in App", "Share this")
    gaps = [i + 1 for i, j in pairwise(chosen) if j == i + 2 and pl[i + 1] >= rules.GAP_FILL_P]
    if gaps and columns is not None:
        gaps = [i for i in gaps if not _furniture(columns, i)]
    if gaps:
        chosen = sorted(chosen + gaps)
    # keep once: the occurrence with the highest probability stays, in its place
    kept = _keep_once(chosen, lines, pl, columns, tokens)
    # ... but on a page dump a repeat inside the main stretch of likely body (gaps of at most one line)
    # stays: a pull quote, a repeated line of code or of a table are the article's own text (dev set,
    # training sites: keep-once dropped ~10x more gold than boilerplate among likely-body lines; keeping
    # these, body F1 0.9088 -> 0.9094, training sites 0.9168 -> 0.9174, held-out sites 0.8784 -> 0.8788)
    if inner_repeats:
        lo, hi = _main_stretch(chosen)
        kept.update(i for i in chosen if lo <= i <= hi)
    # a teaser ("... said ...") whose text opens another kept line
    for i in list(kept):
        line = lines[i]
        if line.endswith(("...", "…")):
            stem = line.rstrip(".… ")
            if len(stem) >= 20 and any(j != i and lines[j].startswith(stem) for j in kept):
                kept.discard(i)
    sel.dropped_repeats = [i for i in chosen if i not in kept]
    body: list[int] = []
    order = sorted(kept)
    for i, kind in zip(order, _kinds([lines[i] for i in order], keep), strict=True):
        if kind is None:
            body.append(i)
        elif kind == "caption":
            sel.captions.append(i)
        elif kind == "byline":
            sel.bylines.append(i)
        elif kind in ("label", "notice", "rights"):
            sel.dropped_repeats.append(i)
        else:
            sel.stamps.append(i)
    if not body and (sel.bylines or sel.captions or sel.stamps):
        # every likely line is a byline, caption or date stamp ("by the Review Team on October 29th, 2012 ·
        # Leave a Comment" at 0.83 above its one paragraph at 0.15): the body is the page's likeliest other
        # text, as when no line passes the threshold, and those lines are metadata again above it
        q = p.copy()
        q[[*sel.bylines, *sel.captions, *sel.stamps]] = 0.0
        if not (q > threshold).any():
            again = select_body(seg, q, threshold, keep, inner_repeats, comment, columns, tokens)
            if again.body:
                return again
    if comment is not None and body:
        body = _before_comments(body, lines, comment, sel, tokens)
    # bylines and captions just above the body are metadata too
    if body:
        first = body[0]
        for i in range(max(0, first - rules.TITLE_WINDOW), first):
            if i in kept:
                continue
            if meta.is_byline(lines[i]):
                sel.bylines.append(i)
            elif meta.is_caption(lines[i]):
                sel.captions.append(i)
    sel.bylines.sort()
    sel.captions.sort()
    sel.body = body
    return sel
