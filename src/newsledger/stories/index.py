"""Nearest story centroids for candidate search, at a cost per query that does not grow with the corpus.

The index holds one entry per *live* story (its centroid), not one per document, and the clusterer drops
stories that time has put out of reach (``cluster.py``), so its size follows the number of stories
running at once rather than the corpus. Up to ``EXACT_MAX`` entries the search is an exact dot product
(reproducible, and cheaper than a graph at that size); from there on a usearch HNSW graph. Centroids move
as stories grow: the exact rows are rewritten on every call to ``put``; the graph entry is re-inserted only
when ``refresh`` is asked (the clusterer asks when a story doubles in size), so a story is re-inserted
O(log size) times. Removals leave tombstones in a usearch graph: it is rebuilt from the live rows when
they outnumber the live entries (amortised constant).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt

from newsledger.stories import rules

FloatVec = npt.NDArray[np.float32]

# Exact search up to this many live stories; an HNSW graph beyond.
EXACT_MAX = 2048


class StoryIndex:
    """Live story centroids (unit vectors) keyed by story id; ``nearest`` gives the top-k story ids."""

    def __init__(self, dim: int, *, graph: bool = True) -> None:
        self.dim = dim
        self.graph = graph  # False: always exact (the archive, searched only for rare documents)
        self.rows = np.zeros((256, dim), dtype=np.float32)
        self.row_story: list[str] = []
        self.row_of: dict[str, int] = {}
        self.ann: Any = None
        self.ann_key: dict[str, int] = {}
        self.key_story: dict[int, str] = {}
        self.next_key = 0
        self.tombstones = 0

    def __len__(self) -> int:
        return len(self.row_story)

    def __contains__(self, sid: str) -> bool:
        return sid in self.row_of

    # ---------------------------------------------------------------------------------------- updates
    def put(self, sid: str, centroid: FloatVec, *, refresh: bool = False) -> None:
        """Insert ``sid`` or rewrite its row; its graph entry is re-inserted on insert or ``refresh``."""
        row = self.row_of.get(sid)
        if row is None:
            row = len(self.row_story)
            if row >= self.rows.shape[0]:
                grown = np.zeros((2 * self.rows.shape[0], self.dim), dtype=np.float32)
                grown[:row] = self.rows[:row]
                self.rows = grown
            self.row_story.append(sid)
            self.row_of[sid] = row
            refresh = True
        self.rows[row] = centroid
        if self.ann is not None and refresh:
            self._ann_remove(sid)
            self._ann_add(sid, centroid)
        elif self.ann is None and self.graph and len(self.row_story) > EXACT_MAX:
            self._build_ann()

    def drop(self, sid: str) -> None:
        """Remove ``sid`` (expired or absorbed); a story not in the index is ignored."""
        row = self.row_of.pop(sid, None)
        if row is None:
            return
        last = len(self.row_story) - 1
        if row != last:  # move the last row into the hole
            moved = self.row_story[last]
            self.rows[row] = self.rows[last]
            self.row_story[row] = moved
            self.row_of[moved] = row
        self.row_story.pop()
        if self.ann is not None:
            self._ann_remove(sid)
            if len(self.row_story) <= EXACT_MAX // 2:
                self._drop_ann()
            elif self.tombstones > max(EXACT_MAX, len(self.row_story)):
                self._build_ann()

    # ---------------------------------------------------------------------------------------- search
    def nearest(self, v: FloatVec, k: int) -> list[str]:
        """Ids of the (about) ``k`` live stories whose centroids are nearest ``v`` (inner product)."""
        n = len(self.row_story)
        if n == 0 or k <= 0:
            return []
        if self.ann is None:
            if n <= k:
                return list(self.row_story)
            sims = self.rows[:n] @ v
            return [self.row_story[int(i)] for i in np.argpartition(-sims, k - 1)[:k]]
        matches = self.ann.search(v, min(k, len(self.ann)), threads=1)
        return [self.key_story[int(key)] for key in matches.keys if int(key) in self.key_story]

    # ---------------------------------------------------------------------------------------- graph
    def _build_ann(self) -> None:
        from usearch.index import Index

        self.ann = Index(
            ndim=self.dim,
            metric="ip",
            dtype=rules.ANN_DTYPE,
            connectivity=rules.ANN_CONNECTIVITY,
            expansion_add=rules.ANN_EXPANSION_ADD,
            expansion_search=rules.ANN_EXPANSION_SEARCH,
        )
        self.ann_key = {}
        self.key_story = {}
        self.tombstones = 0
        n = len(self.row_story)
        keys = np.arange(self.next_key, self.next_key + n, dtype=np.uint64)
        self.next_key += n
        for key, sid in zip(keys, self.row_story, strict=True):
            self.ann_key[sid] = int(key)
            self.key_story[int(key)] = sid
        if n:
            self.ann.add(keys, self.rows[:n], threads=1)

    def _drop_ann(self) -> None:
        self.ann = None
        self.ann_key = {}
        self.key_story = {}
        self.tombstones = 0

    def _ann_add(self, sid: str, centroid: FloatVec) -> None:
        key = self.next_key
        self.next_key += 1
        self.ann_key[sid] = key
        self.key_story[key] = sid
        self.ann.add(key, centroid, threads=1)

    def _ann_remove(self, sid: str) -> None:
        key = self.ann_key.pop(sid, None)
        if key is not None:
            del self.key_story[key]
            self.ann.remove(key)
            self.tombstones += 1
