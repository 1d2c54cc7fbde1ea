"""Cut a body into pieces the parser can take: whole paragraphs, grouped, each a slice of the body."""

from __future__ import annotations

from newsledger.annotate import rules


def chunk_spans(body: str, limit: int = rules.CHUNK_CHARS) -> list[tuple[int, int]]:
    """Half-open spans covering ``body`` in order, each at most ``limit`` characters.

    Paragraphs (separated by ``\\n``) are grouped whole while they fit; a paragraph longer than
    ``limit`` is cut at the last whitespace before the limit (or hard at the limit when it has none).
    Spans that are only whitespace are left out.
    """
    spans: list[tuple[int, int]] = []
    n = len(body)
    start = 0
    while start < n:
        end = min(n, start + limit)
        if end < n:
            cut = body.rfind("\n", start, end)
            if cut <= start:
                cut = _last_space(body, start, end)
            if cut > start:
                end = cut + 1
        if body[start:end].strip():
            spans.append((start, end))
        start = end
    return spans


def _last_space(body: str, start: int, end: int) -> int:
    for i in range(end - 1, start, -1):
        if body[i].isspace():
            return i
    return -1
