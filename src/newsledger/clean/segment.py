"""Split a page dump into lines (blocks) with their offsets into the raw text.

A page dump has one block per line (menus, paragraphs, captions...). :func:`segment` returns the non-blank
lines as half-open ``[start, end)`` offsets into the raw text with surrounding whitespace trimmed, so
``text[start:end] == line`` always holds.
"""

from __future__ import annotations

import operator
from dataclasses import dataclass
from itertools import accumulate, compress


@dataclass(slots=True)
class Segmented:
    """The lines of one text: ``text[starts[i]:ends[i]] == lines[i]``."""

    text: str
    starts: list[int]
    ends: list[int]
    lines: list[str]

    def __len__(self) -> int:
        return len(self.lines)


def segment(text: str, begin: int = 0) -> Segmented:
    """Non-blank lines of ``text[begin:]``, trimmed, with offsets into ``text``.

    Lines break at ``\\n`` (``\\r\\n`` and lone ``\\r`` too); other whitespace inside a line is kept.
    """
    body = text[begin:] if begin else text
    sep = "\n" if ("\n" in body or "\r" not in body) else "\r"
    raws = body.split(sep)
    stripped = list(map(str.strip, raws))
    # where each raw line begins (a running sum of the line lengths and their separators); then the kept
    # (non-blank) lines', the start moved past the leading whitespace: C-level maps, no loop in Python
    offsets = accumulate(map((1).__add__, map(len, raws)), initial=begin)
    kept_raws = list(compress(raws, stripped))
    lines = list(compress(stripped, stripped))
    lead = map(operator.sub, map(len, kept_raws), map(len, map(str.lstrip, kept_raws)))
    starts = list(map(operator.add, compress(offsets, stripped), lead))
    ends = list(map(operator.add, starts, map(len, lines)))
    return Segmented(text=text, starts=starts, ends=ends, lines=lines)
