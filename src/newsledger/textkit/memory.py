"""Give freed heap memory back to the operating system between batches.

A worker process allocates and frees many small objects per batch (spaCy docs, tensors, JSON payloads);
glibc's allocator keeps the freed pages, so a worker's resident memory creeps up batch after batch.
``malloc_trim(0)`` after each batch returns them: one worker over 640 articles (batches of 64) went from
766 MB after the first batch to 994 MB after the tenth without it, and from 675 MB to 698 MB with it.
Elsewhere than glibc it does nothing.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
from collections.abc import Callable


@functools.cache
def _malloc_trim() -> Callable[[int], int] | None:
    name = ctypes.util.find_library("c")
    if not name:
        return None
    try:
        fn = ctypes.CDLL(name).malloc_trim
    except (OSError, AttributeError):  # not glibc
        return None
    fn.argtypes = [ctypes.c_size_t]
    fn.restype = ctypes.c_int
    return fn


def trim_heap() -> bool:
    """Return freed heap pages to the OS; True when the allocator released something."""
    fn = _malloc_trim()
    return bool(fn(0)) if fn is not None else False
