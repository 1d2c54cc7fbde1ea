"""The line classifier's weights: a small JSON file read once, applied with numpy.

``models/lines.json`` holds a cascade of stages. Each stage names its input columns (line features, plus for
later stages the context columns computed from the previous stage's probabilities) and is one of:

* ``trees``: gradient-boosted trees (scikit-learn's HistGradientBoosting, log loss) stored as *complete*
  binary trees of one depth (a leaf above the full depth is padded with always-left splits), so every line
  walks every tree in ``depth`` vectorised steps: ``pos = 2 * pos + 1 + (x > threshold)``;
* ``linear``: a logistic regression over standardised columns (``mean``, ``scale``, ``coef``,
  ``intercept``);
* ``mlp``: a small perceptron (weight matrices and biases, ReLU between them);
* ``conv``: a small convolutional network over the page's lines in order (a line's input layer, then
  residual layers that each see the line and the lines ``dilation`` above and below it in its page, zero
  beyond the page's ends, then a linear output): ``mean``/``scale`` standardise the columns, and
  ``weights``/``biases`` are the input layer, one ``3 hidden x hidden`` matrix per layer (above, the line,
  below) and the output column (applied in float32, the standardisation folded into the input layer);
* ``mean``: the average log-odds of its ``members``, stages of the kinds above on the same columns.

Trained by :mod:`newsledger.clean.train` on the boilerplate dev set's training split; no pickles.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

if TYPE_CHECKING:
    from newsledger.clean.features import Pages

F64 = npt.NDArray[np.float64]
F32 = npt.NDArray[np.float32]
I64 = npt.NDArray[np.intp]


def as_matrix(columns: list[F64]) -> F64:
    """Equal-length columns as a C-contiguous rows x columns matrix (5x faster than np.column_stack)."""
    out: F64 = np.ascontiguousarray(np.array(columns, dtype=np.float64).T)
    return out


@dataclass(frozen=True, slots=True)
class Stage:
    names: tuple[str, ...]
    kind: str  # "trees", "linear", "mlp", "conv" or "mean"
    mean: F64 | None = None
    scale: F64 | None = None
    weights: tuple[F64, ...] = ()
    biases: tuple[F64, ...] = ()
    # conv: the layers' matrices (inputs x outputs) and biases, float32
    conv_weights: tuple[F32, ...] = ()
    conv_biases: tuple[F32, ...] = ()
    # trees: flattened complete trees (n_trees x (2**depth - 1) splits, n_trees x 2**depth leaves)
    depth: int = 0
    feature: I64 | None = None
    threshold: F64 | None = None
    value: F64 | None = None
    base: float = 0.0
    # trees: per tree, the global index of its root, 1 minus it (the child step), and its leaves' offset
    roots: I64 | None = None
    step: I64 | None = None
    leaf_off: I64 | None = None
    # conv: each residual layer's dilation (lines)
    dilations: tuple[int, ...] = ()
    # mean: the stages (on the same columns) whose log-odds are averaged
    members: tuple[Stage, ...] = ()

    def predict(self, cols: dict[str, F64], n: int) -> F64:
        """Probability that each of the ``n`` rows is positive (a line is article body)."""
        if n == 0:
            return np.zeros(0)
        return self.predict_matrix(as_matrix([cols[k] for k in self.names]))

    def predict_matrix(self, x: F64) -> F64:
        """The same for a matrix whose columns are ``names`` in order."""
        if x.shape[0] == 0:
            return np.zeros(0)
        return self._sigmoid(self._line_logits(x.T))

    def predict_pages(self, xt: F64, pages: Pages) -> F64:
        """The same for a block of whole pages laid end to end (``pages``), held feature by feature:
        ``names`` x lines ``xt`` (a feature's values a row). A ``conv`` stage reads each line's neighbours in
        its page; any other kind reads lines alone."""
        if xt.shape[1] == 0:
            return np.zeros(0)
        return self._sigmoid(self._logits(xt, pages))

    def _logits(self, xt: F64, pages: Pages) -> F64:
        if self.kind == "mean":
            out: F64 = sum((m._logits(xt, pages) for m in self.members), np.zeros(xt.shape[1]))
            out /= len(self.members)
            return out
        if self.kind == "conv":
            return self._conv(xt, pages)
        return self._line_logits(xt)

    def _line_logits(self, xt: F64) -> F64:
        """Log-odds of a kind that reads each line alone (trees, linear, mlp), features x lines ``xt``."""
        if self.kind == "trees":
            return self._trees(np.ascontiguousarray(xt))
        return self._dense(np.ascontiguousarray(xt.T))

    def _conv(self, xt: F64, pages: Pages) -> F64:
        """Lines x hidden units, in float32 (the network was trained in float32); each layer's input is the
        lines ``k`` above, the lines, and the lines ``k`` below side by side (zero beyond the page's ends).

        Every matrix product runs on blocks of :data:`CONV_ROWS` lines (the rows padded to a multiple), one
        BLAS call of one shape per block: a line's values then do not depend on how many lines were
        computed with it, so a page in a block of pages gets bit for bit what it gets alone (one product
        over all the rows can take another code path for another row count and round differently).
        """
        w, b = self.conv_weights, self.conv_biases
        n = xt.shape[1]
        rows = -(-n // CONV_ROWS) * CONV_ROWS
        x = np.zeros((rows // CONV_ROWS, CONV_ROWS, xt.shape[0]), dtype=np.float32)
        x.reshape(rows, -1)[:n] = xt.T
        h = (x @ w[0]).reshape(rows, -1)
        h += b[0]
        np.maximum(h, 0.0, out=h)
        hid = h.shape[1]
        stack = np.zeros((rows, 3 * hid), dtype=np.float32)
        blocks = stack.reshape(rows // CONV_ROWS, CONV_ROWS, 3 * hid)
        for k, wk, bk in zip(self.dilations, w[1:-1], b[1:-1], strict=True):
            stack[:n, hid : 2 * hid] = h[:n]
            stack[:n, :hid] = 0.0
            stack[:n, 2 * hid :] = 0.0
            if k < n:
                above = stack[k:n, :hid]
                above[:] = h[: n - k]
                above[pages.pos[k:] < k] = 0.0
                below = stack[: n - k, 2 * hid :]
                below[:] = h[k:n]
                below[pages.pos[: n - k] >= pages.size[: n - k] - k] = 0.0
            z = (blocks @ wk).reshape(rows, hid)
            z += bk
            np.maximum(z, 0.0, out=z)
            h += z
        out: F64 = (h.reshape(rows // CONV_ROWS, CONV_ROWS, hid) @ w[-1]).reshape(-1)[:n].astype(np.float64)
        out += float(b[-1][0])
        return out

    @staticmethod
    def _sigmoid(z: F64) -> F64:
        z = np.clip(z, -30.0, 30.0)
        out: F64 = 1.0 / (1.0 + np.exp(-z))
        return out

    def _dense(self, x: F64) -> F64:
        assert self.mean is not None and self.scale is not None
        h = (x - self.mean) / self.scale
        last = len(self.weights) - 1
        for i, (w, b) in enumerate(zip(self.weights, self.biases, strict=True)):
            h = h @ w + b
            if i < last:
                np.maximum(h, 0.0, out=h)
        out: F64 = h.reshape(-1)
        return out

    def _trees(self, xt: F64) -> F64:
        """Every row walks every tree at once, ``depth`` vectorised steps over (rows x trees) node indices;
        ``xt`` is C-contiguous features x rows (a node reads row ``r`` of feature ``f`` at ``f * n + r``).

        ``g`` is a node's global index in the flattened splits; the child of node ``g`` of the tree whose
        root is ``r`` is ``2 * g + 1 - r + right`` (a tree's local index ``k`` goes to ``2k + 1 + right``).
        """
        assert self.feature is not None and self.threshold is not None and self.value is not None
        assert self.roots is not None and self.step is not None and self.leaf_off is not None
        n = xt.shape[1]
        flat = xt.ravel()
        at_feature = self.feature * n  # where each node's feature row starts in ``flat``
        threshold, value, step = self.threshold, self.value, self.step
        take = np.take
        out: F64 = np.empty(n)
        # rows are walked TREE_CHUNK at a time so the (rows x trees) index arrays stay in cache
        for lo in range(0, n, TREE_CHUNK):
            hi = min(lo + TREE_CHUNK, n)
            rows = np.arange(lo, hi, dtype=np.intp)[:, None]
            g = np.empty((hi - lo, self.roots.size), dtype=np.intp)
            g[:] = self.roots
            for _ in range(self.depth):
                at = take(at_feature, g)
                at += rows
                right = take(flat, at) > take(threshold, g)
                g <<= 1
                g += step
                g += right
            g += self.leaf_off
            out[lo:hi] = take(value, g).sum(axis=1)
        out += self.base
        return out


# Lines per matrix product of a conv stage (see Stage._conv).
CONV_ROWS = 64

# Rows per step of the tree walk. Features x rows (15,828 dev lines x 107 features, 40 trees of depth 6),
# best of 5: 256 rows 18.5 ms, 512 rows 17.8 ms, 1,024 rows 16.8 ms, 2,048 rows 16.1 ms (lines x features
# and 512 rows, as before: 19.4 ms). Earlier, lines x features, 21,200 lines: all rows at once 129-147 ms,
# 128 rows 78 ms, 512 rows 42-67 ms, 2,048 rows 77 ms, 8,192 rows 83 ms.
TREE_CHUNK = 1024


@dataclass(frozen=True, slots=True)
class Cascade:
    stages: tuple[Stage, ...]
    threshold: float
    meta: dict[str, Any]
    title: Stage | None = None  # scores headline candidates (see meta.title_candidates)
    title_threshold: float = 0.5


def stage_from_json(d: dict[str, Any]) -> Stage:
    kind = d["kind"]
    names = tuple(d["names"])
    if kind == "mean":
        return Stage(
            names=names, kind=kind, members=tuple(stage_from_json(m | {"names": names}) for m in d["members"])
        )
    if kind == "trees":
        depth = int(d["depth"])
        value = np.asarray(d["value"], dtype=np.float64).ravel()
        n_trees = value.size >> depth
        n_split = (1 << depth) - 1
        roots = np.arange(n_trees, dtype=np.intp) * n_split
        return Stage(
            names=names,
            kind=kind,
            depth=depth,
            feature=np.asarray(d["feature"], dtype=np.intp).ravel(),
            threshold=np.asarray(d["threshold"], dtype=np.float64).ravel(),
            value=value,
            base=float(d["base"]),
            roots=roots,
            step=1 - roots,
            # after the walk g - root is in [n_split, 2 * n_split]: leaf (tree << depth) + g - root - n_split
            leaf_off=(np.arange(n_trees, dtype=np.intp) << depth) - roots - n_split,
        )
    scale = np.asarray(d["scale"], dtype=np.float64)
    if kind == "conv":
        # columns x hidden, 3 hidden x hidden per layer, hidden x 1; in float32, with the standardisation
        # folded into the input layer: ((x - mean) / scale) W + b = x (W / scale) + (b - (mean / scale) W)
        scale = np.where(scale == 0, 1.0, scale)
        w_in = np.asarray(d["weights"][0], dtype=np.float64)
        b_in = np.asarray(d["biases"][0], dtype=np.float64) - (np.asarray(d["mean"]) / scale) @ w_in
        f32 = np.float32
        return Stage(
            names=names,
            kind=kind,
            conv_weights=(
                (w_in / scale[:, None]).astype(f32),
                *(np.asarray(x, dtype=f32) for x in d["weights"][1:]),
            ),
            conv_biases=(b_in.astype(f32), *(np.asarray(x, dtype=f32).reshape(-1) for x in d["biases"][1:])),
            dilations=tuple(int(k) for k in d["dilations"]),
        )
    if kind == "linear":
        weights: tuple[F64, ...] = (np.asarray(d["coef"], dtype=np.float64).reshape(-1, 1),)
        biases: tuple[F64, ...] = (np.asarray([d["intercept"]], dtype=np.float64),)
    else:
        weights = tuple(np.asarray(w, dtype=np.float64) for w in d["weights"])
        biases = tuple(np.asarray(b, dtype=np.float64) for b in d["biases"])
    return Stage(
        names=names,
        kind=kind,
        mean=np.asarray(d["mean"], dtype=np.float64),
        scale=np.where(scale == 0, 1.0, scale),
        weights=weights,
        biases=biases,
    )


def cascade_from_json(data: dict[str, Any]) -> Cascade:
    title = data.get("title")
    return Cascade(
        stages=tuple(stage_from_json(s) for s in data["stages"]),
        threshold=float(data.get("threshold", 0.5)),
        meta=dict(data.get("meta", {})),
        title=stage_from_json(title) if title else None,
        title_threshold=float(data.get("title_threshold", 0.5)),
    )


@cache
def load_cascade(name: str = "lines.json") -> Cascade | None:
    """The packaged model (None when it is missing: the caller falls back to rules)."""
    try:
        raw = resources.files("newsledger.clean").joinpath("models", name).read_text(encoding="utf-8")
    except (FileNotFoundError, OSError):
        return None
    return cascade_from_json(json.loads(raw))
