"""Candidate search: the story-centroid index (exact and graph), expiry of stories time put out of reach."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from newsledger.records import content_id
from newsledger.stories import StoryInput, empty_state, update_stories
from newsledger.stories import index as index_mod
from newsledger.stories.cluster import _Clusterer
from newsledger.stories.index import StoryIndex


def _units(n: int, seed: int = 0) -> np.ndarray:
    v = np.random.default_rng(seed).normal(size=(n, 384)).astype(np.float32)
    out: np.ndarray = v / np.linalg.norm(v, axis=1, keepdims=True)
    return out


@pytest.mark.parametrize("graph", [False, True])
def test_stories_index_finds_the_nearest_and_forgets_dropped(
    graph: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(index_mod, "EXACT_MAX", 8)
    vecs = _units(40)
    idx = StoryIndex(384, graph=graph)
    for i, v in enumerate(vecs):
        idx.put(f"s{i}", v)
    assert (idx.ann is not None) == graph
    assert idx.nearest(vecs[7], 1) == ["s7"]
    idx.drop("s7")
    assert "s7" not in idx and len(idx) == 39
    assert "s7" not in idx.nearest(vecs[7], 5)
    idx.put("s3", vecs[7], refresh=True)  # a story whose centroid moved
    assert idx.nearest(vecs[7], 1) == ["s3"]
    for i in [*range(8, 40), 4, 5, 6]:  # down to EXACT_MAX // 2: back to exact search
        idx.drop(f"s{i}")
    assert idx.ann is None and sorted(idx.nearest(vecs[0], 10)) == ["s0", "s1", "s2", "s3"]


def test_stories_graph_is_rebuilt_when_tombstones_pile_up(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(index_mod, "EXACT_MAX", 4)
    vecs = _units(30, seed=1)
    idx = StoryIndex(384)
    for i, v in enumerate(vecs):
        idx.put(f"s{i}", v)
    for i in range(20):
        idx.put(f"s{i}", vecs[i], refresh=True)
    assert idx.tombstones <= max(index_mod.EXACT_MAX, len(idx)) + 1
    assert idx.nearest(vecs[25], 1) == ["s25"]


def _doc(doc_id: str, day: dt.date, vec: np.ndarray, body: str) -> StoryInput:
    return StoryInput(doc_id=doc_id, title=doc_id, body=body, published=day, vector=tuple(map(float, vec)))


def test_stories_out_of_reach_leave_the_index_and_late_documents_still_find_them() -> None:
    vecs = _units(12, seed=2)
    day0 = dt.date(2024, 1, 1)
    # twelve unrelated stories, one every 30 days: by the last, the first ones are out of reach
    docs = [
        _doc(f"d{i:02d}", day0 + dt.timedelta(days=30 * i), vecs[i], f"Report on Place{i} by Person{i}.")
        for i in range(12)
    ]
    work = _Clusterer(empty_state())
    for d in docs:
        work.add(d, "r1")
    assert len(work.stories) == 12
    assert len(work.index) <= 5 and len(work.index) + len(work.archive) == 12
    # a late document about the first story (dated a day after it) is still placed in it
    late = _doc("late", day0 + dt.timedelta(days=1), vecs[0], "Report on Place0 by Person0.")
    first = update_stories(docs, empty_state(), run_id="r1")
    second = update_stories([late], first.state, run_id="r2")
    assert second.assignments["late"] == content_id("story", "d00")
