"""Give freed heap memory back to the operating system between batches; postpone the cyclic garbage
collector's full collections while a stage builds long-lived structures.

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
import gc
import pickle
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

T = TypeVar("T")


@functools.cache
def _glibc(symbol: str, argtypes: tuple[Any, ...]) -> Any | None:
    """glibc's function ``symbol`` returning an int, or None where the C library is not glibc."""
    name = ctypes.util.find_library("c")
    if not name:
        return None
    try:
        fn = getattr(ctypes.CDLL(name), symbol)
    except (OSError, AttributeError):  # not glibc
        return None
    fn.argtypes = list(argtypes)
    fn.restype = ctypes.c_int
    return fn


def _malloc_trim() -> Callable[[int], int] | None:
    fn: Callable[[int], int] | None = _glibc("malloc_trim", (ctypes.c_size_t,))
    return fn


def _mallopt() -> Callable[[int, int], int] | None:
    fn: Callable[[int, int], int] | None = _glibc("mallopt", (ctypes.c_int, ctypes.c_int))
    return fn


_M_MMAP_THRESHOLD = -3  # glibc's malloc.h
# Allocations of at least this many bytes get pages of their own, given back when freed (see
# fixed_mmap_threshold)
MMAP_THRESHOLD = 4 << 20


def fixed_mmap_threshold(nbytes: int = MMAP_THRESHOLD) -> bool:
    """Serve allocations of ``nbytes`` or more with pages of their own from now on, in this process; True
    when the allocator took the setting.

    glibc starts at 128 KB and raises the threshold to the size of each such block freed (up to 32 MB),
    so once a stage has freed large arrays, later buffers of that size come from the heap and stay there
    as holes. The corpus stages free many (DuckDB reads, vectors, LSH indexes) before the rewrite check
    loads the sentence encoder, whose activations then grew the heap: on the 10k-article store the
    rewrite check's peak was 1,465-1,530 MB by default, 1,287 MB with 4 MB fixed and 1,292 MB with 1 MB.
    Fixing it turns the adjustment off for the rest of the process. Elsewhere than glibc it does nothing.
    """
    fn = _mallopt()
    return bool(fn(_M_MMAP_THRESHOLD, nbytes)) if fn is not None else False


def trim_heap() -> bool:
    """Return freed heap pages to the OS; True when the allocator released something."""
    fn = _malloc_trim()
    return bool(fn(0)) if fn is not None else False


# Middle-generation collections between two full ones while ``few_full_collections`` holds (CPython's
# default is 10; a full one also waits until the long-lived objects have grown by a quarter)
FULL_COLLECTION_EVERY = 1000


@contextmanager
def few_full_collections(every: int = FULL_COLLECTION_EVERY) -> Iterator[None]:
    """Run the block with the cyclic collector's oldest generation collected only after ``every``
    middle-generation collections (the two young generations as usual), and restore the thresholds after.

    A stage that builds a large structure of long-lived objects (resolve's clusters, the story state,
    reconcile's outputs) otherwise makes CPython walk every object on the heap each time the long-lived
    ones grow by a quarter, mostly finding nothing to free. Corpus stages on the 10k-article store: 21 full
    collections took 7.8-8.3 s; those in resolve and reconcile freed nothing, those in the stories stage
    freed the rewrite check's LSH indexes, which now free themselves (``stories.derive._candidates``);
    with this around the three stages, 3 full collections (1.5-1.7 s) and identical outputs. Garbage
    cycles that die young are still freed by the young generations' collections. Process-wide, like every
    ``gc`` setting.
    """
    old = gc.get_threshold()
    gc.set_threshold(old[0], old[1], max(old[2], every))
    try:
        yield
    finally:
        gc.set_threshold(*old)


# Items pickled at a time by ``repacked``: pickle keeps an entry per object it has written (its memo),
# ~100 bytes each, until the call returns; whole, the 100k scaled store's resolution (2.7M links, 2.7M
# mention refs) made it a 500 MB spike
REPACK_CHUNK = 10_000


def repacked(box: list[tuple[T, ...]], chunk: int = REPACK_CHUNK) -> list[tuple[T, ...]]:
    """The tuples in ``box`` (taken out of it), each rebuilt in fresh memory by a pickle round trip.

    A structure built while a stage frees its working state lands in the holes that state leaves, and
    CPython's small-object allocator gives an arena back to the system only once nothing in it is alive,
    so the stage's freed memory stays resident as long as the structure does. Pickled, then dropped, the
    structure frees those arenas; unpickled, it fills new ones densely. The box is how the caller hands
    over its only references: an argument would stay referenced by the caller's frame during the call.
    Equal in value. Each ``chunk`` items are pickled together, so objects they share stay shared within a
    chunk (a record type can re-share them across chunks, e.g. ``sys.intern`` in its ``__reduce__``'s
    constructor).
    """
    blobs = [
        [pickle.dumps(t[i : i + chunk], protocol=pickle.HIGHEST_PROTOCOL) for i in range(0, len(t), chunk)]
        for t in box
    ]
    box.clear()
    trim_heap()
    out: list[tuple[T, ...]] = []
    for parts in blobs:
        items: list[T] = []
        while parts:
            items.extend(pickle.loads(parts.pop(0)))
        out.append(tuple(items))
    return out
