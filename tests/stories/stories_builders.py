"""Synthetic document vectors for the stories tests: two orthonormal directions in the embedding space, so a
test sets how alike two documents are (base + k * side against base - k * side)."""

from __future__ import annotations

import numpy as np


def plane(seed: int, dim: int = 384) -> tuple[np.ndarray, np.ndarray]:
    """``(base, side)``: unit vectors, ``side`` orthogonal to ``base``, from a seeded generator."""
    rng = np.random.default_rng(seed)
    base = rng.normal(size=dim)
    base /= np.linalg.norm(base)
    side = rng.normal(size=dim)
    side -= side @ base * base
    side /= np.linalg.norm(side)
    return base, side


def unit(v: np.ndarray) -> tuple[float, ...]:
    """``v`` scaled to length 1, as the tuple a ``StoryInput`` takes."""
    return tuple(float(x) for x in v / np.linalg.norm(v))
