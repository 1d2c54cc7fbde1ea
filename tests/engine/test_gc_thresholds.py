"""few_full_collections: a stage that builds many long-lived objects is not walked again and again by full
collections, young garbage cycles are still freed inside it, and the thresholds come back afterwards."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator

import pytest

from newsledger.textkit.memory import few_full_collections


class _Node:
    def __init__(self) -> None:
        self.me = self  # a reference cycle: only the cyclic collector frees it


def _full_collections(build: int) -> int:
    """Full (oldest-generation) collections while ``build`` long-lived lists are made and kept."""
    seen: list[int] = []

    def count(phase: str, info: dict[str, int]) -> None:
        if phase == "start" and info["generation"] == 2:
            seen.append(1)

    gc.callbacks.append(count)
    try:
        kept = [[k] for k in range(build)]
    finally:
        gc.callbacks.remove(count)
    del kept
    return len(seen)


@pytest.fixture()
def default_thresholds() -> Iterator[None]:
    old = gc.get_threshold()
    gc.collect()
    gc.set_threshold(700, 10, 10)
    try:
        yield
    finally:
        gc.set_threshold(*old)


def test_long_lived_objects_cost_fewer_full_collections(default_thresholds: None) -> None:
    outside = _full_collections(1_500_000)
    gc.collect()
    with few_full_collections():
        inside = _full_collections(1_500_000)
    assert outside >= 2
    assert inside == 0


def test_young_cycles_are_still_freed_inside(default_thresholds: None) -> None:
    with few_full_collections():
        node = _Node()
        alive = weakref.ref(node)
        del node
        junk = [[k] for k in range(10_000)]  # enough allocations for young collections to run
        del junk
        assert alive() is None


def test_thresholds_are_restored_even_after_an_error(default_thresholds: None) -> None:
    with pytest.raises(RuntimeError), few_full_collections(every=500):
        assert gc.get_threshold() == (700, 10, 500)
        raise RuntimeError("stage failed")
    assert gc.get_threshold() == (700, 10, 10)
