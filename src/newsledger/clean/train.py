"""Train the line classifier cascade on the boilerplate dev set; writes ``models/lines.json``.

Usage: ``python -m newsledger.clean.train [--data DIR] [--kind linear|mlp] [--out PATH]``.

Data: ``../shared/data/boilerplate_dev/pages.jsonl.gz`` (third-party, read in place). Pages are split by
``site`` (:func:`is_heldout`, a hash of the site): about a fifth of the sites never reach training, so
``eval/eval_clean.py`` can report scores on outlets the model has not seen. Labels are the set's derived
``line_labels``. Stage 1 sees the line features; stage 2 also sees context columns computed from stage 1's
*out-of-fold* probabilities (5 folds grouped by site), so it learns how much to trust them on unseen pages.
The threshold is chosen on the training pages' out-of-fold stage-2 output, maximising the page-level F1
of the article-extraction metric.

scikit-learn is imported here only; the stage itself reads the JSON with numpy.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import statistics
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np

from newsledger.clean.features import context_columns, line_features, page_info
from newsledger.clean.segment import segment

HELDOUT_BUCKETS = 5  # sites whose hash falls in bucket 0 of 5 are held out


def is_heldout(page: dict[str, Any]) -> bool:
    """True for pages of held-out sites (about 20%); pages without a site are grouped by their id."""
    key = page.get("site") or page["id"]
    return int(hashlib.sha256(str(key).encode()).hexdigest(), 16) % HELDOUT_BUCKETS == 0


def iter_pages(path: Path) -> Iterator[dict[str, Any]]:
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            yield json.loads(line)


def default_data() -> Path:
    here = Path(__file__).resolve()
    for base in (here.parents[3].parent / "shared" / "data", here.parents[3] / "shared" / "data"):
        if (base / "boilerplate_dev" / "pages.jsonl.gz").exists():
            return base / "boilerplate_dev"
    raise SystemExit("boilerplate_dev not found: pass --data")


# ------------------------------------------------------------------------------------------------ metric
_TOK = __import__("re").compile(r"\w+")


def _shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    toks = _TOK.findall(text or "")
    return Counter(tuple(toks[i : i + n]) for i in range(max(1, len(toks) - n + 1)) if toks[i : i + n])


def page_prf(gold: str, pred: str) -> tuple[float, float, float]:
    """Normalised (tp, fp, fn) of one page, as in the article-extraction metric."""
    g, p = _shingles(gold), _shingles(pred)
    tp = sum((g & p).values())
    fp = sum((p - g).values())
    fn = sum((g - p).values())
    s = tp + fp + fn
    return (tp / s, fp / s, fn / s) if s else (0.0, 0.0, 0.0)


def corpus_f1(triples: list[tuple[float, float, float]]) -> float:
    ps = [
        1.0 if fp == fn == 0 else tp / (tp + fp) if tp + fp else 0.0 for tp, fp, fn in triples if tp + fp > 0
    ]
    rs = [
        1.0 if fp == fn == 0 else tp / (tp + fn) if tp + fn else 0.0 for tp, fp, fn in triples if tp + fn > 0
    ]
    P = statistics.mean(ps) if ps else 0.0
    R = statistics.mean(rs) if rs else 0.0
    return 2 * P * R / (P + R) if P + R else 0.0


# ------------------------------------------------------------------------------------------------- train
def build(data: Path) -> dict[str, Any]:
    names: tuple[str, ...] = ()
    cols_per_page: list[dict[str, np.ndarray]] = []
    labels: list[np.ndarray] = []
    pages: list[dict[str, Any]] = []
    for page in iter_pages(data / "pages.jsonl.gz"):
        seg = segment(page["text"])
        lab = np.array([int(c) for c in page["line_labels"]], dtype=np.int64)
        if len(seg) != lab.size:
            print(f"skip {page['id']}: {len(seg)} lines vs {lab.size} labels", file=sys.stderr)
            continue
        feats = line_features(seg, page_info(page["text"]))
        names = feats.names
        cols_per_page.append(feats.columns)
        labels.append(lab)
        pages.append({k: page[k] for k in ("id", "site", "source", "gold_body")} | {"lines": seg.lines})
    return {"names": names, "cols": cols_per_page, "labels": labels, "pages": pages}


def _fit(kind: str, X: np.ndarray, y: np.ndarray, seed: int = 0) -> dict[str, Any]:
    from sklearn.linear_model import LogisticRegression
    from sklearn.neural_network import MLPClassifier

    mean = X.mean(axis=0)
    scale = X.std(axis=0)
    scale[scale == 0] = 1.0
    Z = (X - mean) / scale
    if kind == "linear":
        m = LogisticRegression(C=1.0, max_iter=3000).fit(Z, y)
        return {
            "kind": "linear",
            "mean": mean.tolist(),
            "scale": scale.tolist(),
            "coef": m.coef_[0].tolist(),
            "intercept": float(m.intercept_[0]),
        }
    mlp = MLPClassifier(
        hidden_layer_sizes=(32,),
        alpha=1e-3,
        batch_size=512,
        max_iter=40,
        early_stopping=True,
        random_state=seed,
    ).fit(Z, y)
    return {
        "kind": "mlp",
        "mean": mean.tolist(),
        "scale": scale.tolist(),
        "weights": [w.tolist() for w in mlp.coefs_],
        "biases": [b.tolist() for b in mlp.intercepts_],
    }


def _predict(stage: dict[str, Any], X: np.ndarray) -> np.ndarray:
    from newsledger.clean.model import stage_from_json

    st = stage_from_json(stage | {"names": [str(i) for i in range(X.shape[1])]})
    return st.predict({str(i): X[:, i] for i in range(X.shape[1])}, X.shape[0])


def train(data: Path, kind: str, out: Path, folds: int = 5) -> dict[str, Any]:
    t0 = time.perf_counter()
    d = build(data)
    names1 = list(d["names"])
    pages = d["pages"]
    train_idx = [i for i, p in enumerate(pages) if not is_heldout(p)]
    print(f"features: {len(pages)} pages in {time.perf_counter() - t0:.0f} s; {len(train_idx)} for training")

    def stack(idx: list[int], cols: list[dict[str, np.ndarray]], nm: list[str]) -> np.ndarray:
        return np.vstack([np.column_stack([cols[i][k] for k in nm]) for i in idx])

    y = np.concatenate([d["labels"][i] for i in train_idx])
    X1 = stack(train_idx, d["cols"], names1)
    stage1 = _fit(kind, X1, y)
    # out-of-fold stage-1 probabilities for the training pages (grouped by site)
    groups = [str(pages[i]["site"] or pages[i]["id"]) for i in train_idx]
    fold_of = {g: int(hashlib.sha256((g + "#fold").encode()).hexdigest(), 16) % folds for g in set(groups)}
    page_fold = [fold_of[g] for g in groups]
    oof: dict[int, np.ndarray] = {}
    for f in range(folds):
        tr = [i for i, pf in zip(train_idx, page_fold, strict=True) if pf != f]
        te = [i for i, pf in zip(train_idx, page_fold, strict=True) if pf == f]
        yt = np.concatenate([d["labels"][i] for i in tr])
        st = _fit(kind, stack(tr, d["cols"], names1), yt, seed=f)
        for i in te:
            oof[i] = _predict(st, stack([i], d["cols"], names1))
        print(f"fold {f}: {len(tr)} pages -> {len(te)}")
    cols2: dict[int, dict[str, np.ndarray]] = {}
    for i in train_idx:
        c = dict(d["cols"][i])
        c.update(context_columns(oof[i], c))
        cols2[i] = c
    names2 = list(cols2[train_idx[0]])
    X2 = np.vstack([np.column_stack([cols2[i][k] for k in names2]) for i in train_idx])
    stage2 = _fit(kind, X2, y)
    # threshold on out-of-fold stage 2 (one extra round of folds for stage 2)
    p2: dict[int, np.ndarray] = {}
    for f in range(folds):
        tr = [i for i, pf in zip(train_idx, page_fold, strict=True) if pf != f]
        te = [i for i, pf in zip(train_idx, page_fold, strict=True) if pf == f]
        yt = np.concatenate([d["labels"][i] for i in tr])
        st = _fit(kind, np.vstack([np.column_stack([cols2[i][k] for k in names2]) for i in tr]), yt, seed=f)
        for i in te:
            p2[i] = _predict(st, np.column_stack([cols2[i][k] for k in names2]))
    best = (0.0, 0.5)
    for thr in np.arange(0.3, 0.71, 0.05):
        triples = []
        for i in train_idx:
            pred = "\n".join(line for line, q in zip(pages[i]["lines"], p2[i], strict=True) if q > thr)
            triples.append(page_prf(pages[i]["gold_body"], pred))
        f1 = corpus_f1(triples)
        print(f"threshold {thr:.2f}: out-of-fold F1 {f1:.4f}")
        if f1 > best[0]:
            best = (f1, float(thr))
    model = {
        "meta": {
            "trained_on": "boilerplate_dev train split (sites not held out), line_labels",
            "kind": kind,
            "pages": len(train_idx),
            "oof_f1": round(best[0], 4),
        },
        "threshold": round(best[1], 3),
        "stages": [stage1 | {"names": names1}, stage2 | {"names": names2}],
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(model, separators=(",", ":")) + "\n", encoding="utf-8")
    took = time.perf_counter() - t0
    print(f"wrote {out} ({out.stat().st_size} bytes) in {took:.0f} s; threshold {best[1]:.2f}")
    return model


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--data", type=Path, default=None)
    ap.add_argument("--kind", choices=("linear", "mlp"), default="linear")
    ap.add_argument("--out", type=Path, default=Path(__file__).parent / "models" / "lines.json")
    args = ap.parse_args(argv)
    train(args.data or default_data(), args.kind, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
