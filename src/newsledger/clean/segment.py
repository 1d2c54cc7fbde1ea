"""Split a page dump into lines (blocks) with their offsets into the raw text.

A page dump has one block per line (menus, paragraphs, captions...). :func:`segment` returns the non-blank
lines as half-open ``[start, end)`` offsets into the raw text with surrounding whitespace trimmed, so
``text[start:end] == line`` always holds.
"""

from __future__ import annotations

from dataclasses import dataclass


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
    starts: list[int] = []
    ends: list[int] = []
    lines: list[str] = []
    body = text[begin:] if begin else text
    sep = "\n" if ("\n" in body or "\r" not in body) else "\r"
    off = begin
    for raw in body.split(sep):
        st = raw.strip()
        if st:
            s = off + len(raw) - len(raw.lstrip())
            starts.append(s)
            ends.append(s + len(st))
            lines.append(st)
        off += len(raw) + 1
    return Segmented(text=text, starts=starts, ends=ends, lines=lines)
