"""The ``conv`` and ``mean`` stage kinds of the line classifier (clean/model.py): a conv stage reads each
line's neighbours inside its own page only, gives a page in a block of pages bit for bit what it gives the
page alone, and computes the network the trainer fitted (a naive reference here, torch in
``train.fit_conv``)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from newsledger.clean import train
from newsledger.clean.features import Pages
from newsledger.clean.model import CONV_ROWS, stage_from_json

D, HID, DIL = 7, 8, (1, 2, 4)


def _conv_json(seed: int = 0) -> dict[str, Any]:
    rng = np.random.default_rng(seed)
    return {
        "kind": "conv",
        "names": [f"f{i}" for i in range(D)],
        "mean": rng.normal(size=D).tolist(),
        "scale": rng.uniform(0.5, 2.0, size=D).tolist(),
        "dilations": list(DIL),
        "weights": [rng.normal(size=(D, HID)).tolist()]
        + [rng.normal(scale=0.3, size=(3 * HID, HID)).tolist() for _ in DIL]
        + [rng.normal(scale=0.1, size=(HID, 1)).tolist()],
        "biases": [rng.normal(size=HID).tolist()] + [rng.normal(size=HID).tolist() for _ in DIL] + [[0.1]],
    }


def _reference(d: dict[str, Any], x: np.ndarray) -> np.ndarray:
    """The network on one page (lines x columns), line by line in float64."""
    w = [np.asarray(m, dtype=np.float64) for m in d["weights"]]
    b = [np.asarray(v, dtype=np.float64) for v in d["biases"]]
    z = (x - np.asarray(d["mean"])) / np.asarray(d["scale"])
    h = np.maximum(z @ w[0] + b[0], 0.0)
    n = len(x)
    for k, wk, bk in zip(d["dilations"], w[1:-1], b[1:-1], strict=True):
        new = h.copy()
        for i in range(n):
            above = h[i - k] if i - k >= 0 else np.zeros(HID)
            below = h[i + k] if i + k < n else np.zeros(HID)
            new[i] += np.maximum(np.concatenate([above, h[i], below]) @ wk + bk, 0.0)
        h = new
    logit = h @ w[-1][:, 0] + b[-1][0]
    out: np.ndarray = 1.0 / (1.0 + np.exp(-logit))
    return out


def _pages(lens: list[int], seed: int = 1) -> list[np.ndarray]:
    rng = np.random.default_rng(seed)
    return [rng.normal(size=(n, D)) for n in lens]


def _predict_block(d: dict[str, Any], xs: list[np.ndarray]) -> np.ndarray:
    st = stage_from_json(d)
    x = np.vstack(xs)
    return st.predict_pages(np.ascontiguousarray(x.T), Pages([len(p) for p in xs]))


def test_conv_stage_computes_the_network() -> None:
    d = _conv_json()
    for x in _pages([1, 3, 5, 40, CONV_ROWS + 9]):
        np.testing.assert_allclose(_predict_block(d, [x]), _reference(d, x), atol=1e-5)


@pytest.mark.parametrize("lens", [[1, 2, 3], [5, 1, 70, 4], [CONV_ROWS, 1, CONV_ROWS * 2 + 3], [200]])
def test_a_page_in_a_block_gets_what_it_gets_alone(lens: list[int]) -> None:
    d = _conv_json()
    xs = _pages(lens)
    block = _predict_block(d, xs)
    alone = np.concatenate([_predict_block(d, [x]) for x in xs])
    np.testing.assert_array_equal(block, alone)


def test_neighbouring_pages_do_not_leak_into_a_page() -> None:
    d = _conv_json()
    a, b, c = _pages([12, 9, 15])
    first = _predict_block(d, [a, b, c])[12:21]
    other = _predict_block(d, [a * 5.0 + 1.0, b, c[::-1] * -3.0])[12:21]
    np.testing.assert_array_equal(first, other)


def test_mean_stage_averages_the_log_odds() -> None:
    one, two = _conv_json(0), _conv_json(3)
    mean = {"kind": "mean", "names": one["names"], "members": [one, two]}
    xs = _pages([6, 30])
    p1, p2, pm = (_predict_block(s, xs) for s in (one, two, mean))

    def logit(p: np.ndarray) -> np.ndarray:
        out: np.ndarray = np.log(p / (1.0 - p))
        return out

    np.testing.assert_allclose(logit(pm), (logit(p1) + logit(p2)) / 2.0, atol=1e-6)


def test_fit_conv_exports_what_it_trained(monkeypatch: pytest.MonkeyPatch) -> None:
    """A short fit on a learnable toy task (a line is positive when its neighbour above has a positive first
    column): the export check inside ``fit_conv`` passes and the stage learned to read the neighbour."""
    monkeypatch.setattr(train, "CONV_EPOCHS", 30)
    monkeypatch.setattr(train, "CONV_HIDDEN", 8)
    monkeypatch.setattr(train, "CONV_DROPOUT", 0.0)
    monkeypatch.setattr(train, "CONV_BATCH_LINES", 60)
    xs = _pages([30] * 40, seed=5)
    ys = [np.r_[0.0, (x[:-1, 0] > 0).astype(np.float64)] for x in xs]
    stage = train.fit_conv(xs, ys, [np.ones(len(x)) for x in xs], seed=0)
    assert stage["kind"] == "conv" and stage["dilations"] == list(train.CONV_DILATIONS)
    p = np.concatenate([train.predict(stage, x) for x in xs])
    acc = float(((p > 0.5) == (np.concatenate(ys) > 0.5)).mean())
    assert acc > 0.9, acc


def test_threshold_is_taken_on_a_plateau_not_a_spike() -> None:
    # out-of-fold F1 per threshold: a lone best value between poor neighbours loses to a broad optimum
    assert train._flat_best([0.1, 0.9, 0.1, 0.8, 0.85, 0.79]) == 4
    assert train._flat_best([0.5, 0.6, 0.7]) == 2  # past an end, its own value stands in
    assert train._flat_best([0.8, 0.85, 0.84, 0.1, 0.9, 0.1]) == 1
    assert train._flat_best([0.7]) == 0


def test_a_threshold_tie_goes_to_the_higher_threshold() -> None:
    # round 30's out-of-fold F1 at 0.45 ... 0.65: 0.50 and 0.55 tie after the smoothing
    f1s = [0.9133, 0.9149, 0.9143, 0.9133, 0.9118]
    assert train._flat_best(f1s) == 2
    # a real difference still wins
    assert train._flat_best([0.9140, 0.9160, 0.9143, 0.9120, 0.9110]) == 1
