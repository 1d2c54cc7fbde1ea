"""Small iteration helpers shared by the runner and the store."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TypeVar

T = TypeVar("T")


def batched(items: Iterable[T], n: int) -> Iterator[list[T]]:
    """``items`` in lists of ``n`` (the last may be shorter, none is empty); ``itertools.batched`` arrives
    in Python 3.12."""
    part: list[T] = []
    for x in items:
        part.append(x)
        if len(part) == n:
            yield part
            part = []
    if part:
        yield part
