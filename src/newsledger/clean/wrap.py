"""Hard-wrapped text: line breaks that are not block breaks, made spaces before the page is classified.

Plain-text wires and mail-like pages break each paragraph into lines of a fixed width (Reuters-21578:
~65 characters, a paragraph's first line indented). The line classifier was trained on page dumps with one
block per line; a wrapped paragraph cut into 60-character lines reads to it like a run of teasers and
menu items (on 1,000 Reuters articles it kept ~two thirds of the lines and often took a line from inside
the first paragraph for the headline), and downstream every line break starts a sentence.

:func:`unwrap` returns the text with those breaks replaced by spaces, *character for character*: every
offset into the result is an offset into the input, so the page-dump path runs on it unchanged and its
spans index the raw text. Only the breaks of a hard-wrapped page are replaced, and only inside a
paragraph. A break is a candidate when the line above is 40-100 characters long
(:data:`rules.WRAP_MIN_WIDTH`, :data:`rules.WRAP_MAX_WIDTH`), ends inside a sentence (no sentence
punctuation, :data:`rules.WRAP_SENTENCE_ENDS`), and the line below follows at once (no blank line) and is
not indented deeper (a paragraph's first line often is). The page is hard-wrapped when at least
:data:`rules.WRAP_MIN_SHARE` of its line breaks are candidates and at least :data:`rules.WRAP_MIN_LOWER` of
the candidates' next lines begin with a lower-case letter, as a sentence's words mostly do and menu items,
headlines and teasers never do, and at least :data:`rules.WRAP_MIN_FULL` of the candidates are full: the
next line's first word would not have fitted on them within the width (the longest candidate line), which
is why a greedy wrap broke there (a list of comments or links ending without punctuation breaks anywhere).
"""

from __future__ import annotations

from newsledger.clean import rules
from newsledger.clean.segment import Segmented, segment


def _indent(text: str, start: int) -> int:
    """Characters of leading whitespace before ``start`` on its raw line."""
    return start - (text.rfind("\n", 0, start) + 1)


def unwrap(text: str, begin: int = 0) -> tuple[str, Segmented]:
    """``text`` with the line breaks inside the paragraphs of hard-wrapped text (from ``begin`` on)
    replaced by spaces, the same length (``text`` itself when it is not hard-wrapped), and its
    :func:`.segment.segment` from ``begin``: the page's lines are split once, here."""
    seg = segment(text, begin)
    joins = _joins(text, seg)
    if not joins:
        return text, seg
    parts: list[str] = []
    at = 0
    for k in joins:
        gap_start, gap_end = seg.ends[k], seg.starts[k + 1]
        parts.append(text[at:gap_start])
        parts.append(text[gap_start:gap_end].replace("\r", " ").replace("\n", " "))
        at = gap_end
    parts.append(text[at:])
    out = "".join(parts)
    # a joined run of lines is one line of the result: from its first line's start to its last line's end
    # (what segment(out, begin) finds: the spaces between them are inside it)
    joined = set(joins)
    starts: list[int] = []
    ends: list[int] = []
    for k, (a, b) in enumerate(zip(seg.starts, seg.ends, strict=True)):
        if k - 1 in joined:
            ends[-1] = b
        else:
            starts.append(a)
            ends.append(b)
    lines = [out[a:b] for a, b in zip(starts, ends, strict=True)]
    return out, Segmented(text=out, starts=starts, ends=ends, lines=lines)


def _joins(text: str, seg: Segmented) -> list[int]:
    """The lines ``k`` of a hard-wrapped page whose break to line ``k + 1`` is inside a paragraph; none
    when the page is not hard-wrapped."""
    lines, starts, ends = seg.lines, seg.starts, seg.ends
    n = len(lines)
    if n <= rules.WRAP_MIN_BREAKS:
        return []
    lo, hi, closed = rules.WRAP_MIN_WIDTH, rules.WRAP_MAX_WIDTH, rules.WRAP_SENTENCE_ENDS
    cand = [
        k
        for k in range(n - 1)
        if lo <= len(lines[k]) <= hi
        and not lines[k].endswith(closed)
        and text.count("\n", ends[k], starts[k + 1]) == 1
        and _indent(text, starts[k + 1]) <= _indent(text, starts[k])
    ]
    if len(cand) < rules.WRAP_MIN_BREAKS or len(cand) < rules.WRAP_MIN_SHARE * (n - 1):
        return []
    if sum(lines[k + 1][0].islower() for k in cand) < rules.WRAP_MIN_LOWER * len(cand):
        return []
    # a greedy wrap broke the line because the next word would not fit in the width
    width = max(len(lines[k]) for k in cand)
    fits = sum(len(lines[k]) + 1 + len(lines[k + 1].split(None, 1)[0]) > width for k in cand)
    if fits < rules.WRAP_MIN_FULL * len(cand):
        return []
    return cand
