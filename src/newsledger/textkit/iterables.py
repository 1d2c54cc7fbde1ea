"""Small iteration helpers shared by the runner and the store."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice
from typing import TypeVar

T = TypeVar("T")


def batched(items: Iterable[T], n: int) -> Iterator[list[T]]:
    """``items`` in lists of ``n`` (the last may be shorter, none is empty); ``itertools.batched`` arrives
    in Python 3.12. Each list is taken by one C-level ``islice``."""
    it = iter(items)
    while part := list(islice(it, n)):
        yield part
