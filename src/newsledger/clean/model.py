"""The line classifier's weights: a small JSON file read once, applied with numpy.

``models/lines.json`` holds a cascade of stages. Each stage names its input columns (line features, plus
for later stages the context columns computed from the previous stage's probabilities), the
standardisation (mean, scale) and either a logistic regression (``coef``, ``intercept``) or a small
multi-layer perceptron (``layers``: weight matrices and biases, ReLU between them). Trained by
:mod:`newsledger.clean.train` on the boilerplate dev set's training split; no pickles.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import numpy as np
import numpy.typing as npt

F64 = npt.NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class Stage:
    names: tuple[str, ...]
    mean: F64
    scale: F64
    kind: str  # "linear" or "mlp"
    weights: tuple[F64, ...]
    biases: tuple[F64, ...]

    def predict(self, cols: dict[str, F64], n: int) -> F64:
        """Probability that each of the ``n`` lines is article body."""
        if n == 0:
            return np.zeros(0)
        x = np.column_stack([cols[k] for k in self.names])
        h = (x - self.mean) / self.scale
        last = len(self.weights) - 1
        for i, (w, b) in enumerate(zip(self.weights, self.biases, strict=True)):
            h = h @ w + b
            if i < last:
                np.maximum(h, 0.0, out=h)
        z = np.clip(h.reshape(-1), -30.0, 30.0)
        out: F64 = 1.0 / (1.0 + np.exp(-z))
        return out


@dataclass(frozen=True, slots=True)
class Cascade:
    stages: tuple[Stage, ...]
    threshold: float
    meta: dict[str, Any]


def stage_from_json(d: dict[str, Any]) -> Stage:
    kind = d["kind"]
    if kind == "linear":
        weights: tuple[F64, ...] = (np.asarray(d["coef"], dtype=np.float64).reshape(-1, 1),)
        biases: tuple[F64, ...] = (np.asarray([d["intercept"]], dtype=np.float64),)
    else:
        weights = tuple(np.asarray(w, dtype=np.float64) for w in d["weights"])
        biases = tuple(np.asarray(b, dtype=np.float64) for b in d["biases"])
    scale = np.asarray(d["scale"], dtype=np.float64)
    return Stage(
        names=tuple(d["names"]),
        mean=np.asarray(d["mean"], dtype=np.float64),
        scale=np.where(scale == 0, 1.0, scale),
        kind=kind,
        weights=weights,
        biases=biases,
    )


def cascade_from_json(data: dict[str, Any]) -> Cascade:
    return Cascade(
        stages=tuple(stage_from_json(s) for s in data["stages"]),
        threshold=float(data.get("threshold", 0.5)),
        meta=dict(data.get("meta", {})),
    )


@cache
def load_cascade(name: str = "lines.json") -> Cascade | None:
    """The packaged model (None when it is missing: the caller falls back to rules)."""
    try:
        raw = resources.files("newsledger.clean").joinpath("models", name).read_text(encoding="utf-8")
    except (FileNotFoundError, OSError):
        return None
    return cascade_from_json(json.loads(raw))
