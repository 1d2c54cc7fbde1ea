"""Train the line classifier cascade on the boilerplate dev set; writes ``models/lines.json``.

Usage: ``python -m newsledger.clean.train [--data DIR] [--kind trees|linear|mlp]
[--stages N] [--later-kind KIND[,KIND...]] [--out PATH]`` (later stages: trees, mean, conv, linear, mlp).

Data: ``../shared/data/boilerplate_dev/pages.jsonl.gz`` (third-party, read in place). Pages are split by
``site`` (:func:`is_heldout`, a hash of the site): about a fifth of the sites never reach training, so
``eval/eval_clean.py`` can report scores on outlets the model has not seen. Labels are the set's derived
``line_labels``. Stage 1 (gradient-boosted trees) sees the line features; stage 2 (by default the mean
log-odds of trees and a small convolutional network over the page's lines, :func:`fit_conv`) also sees
context columns computed from stage 1's *out-of-fold* probabilities (5 folds grouped by site), so it learns
how much to trust them on unseen pages. The threshold is chosen on the training pages' out-of-fold stage-2
output through the post-rules, maximising the page-level F1 of the article-extraction metric (averaged with
the neighbouring thresholds', :func:`_flat_best`).

scikit-learn and torch are imported here only; the stages themselves read the JSON with numpy.
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
from typing import Any, cast

import numpy as np

from newsledger.clean.body import Selection, body_parts, select_body
from newsledger.clean.features import context_columns, line_features, page_info
from newsledger.clean.meta import TITLE_FEATURES, title_candidates
from newsledger.clean.model import as_matrix
from newsledger.clean.segment import Segmented, segment

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
def build(data: Path, limit: int | None = None) -> list[dict[str, Any]]:
    """Every dev page with its stage-1 features and labels."""
    out: list[dict[str, Any]] = []
    for page in iter_pages(data / "pages.jsonl.gz"):
        seg = segment(page["text"])
        lab = np.array([int(c) for c in page["line_labels"]], dtype=np.int64)
        if len(seg) != lab.size:
            print(f"skip {page['id']}: {len(seg)} lines vs {lab.size} labels", file=sys.stderr)
            continue
        feats = line_features(seg, page_info(page["text"]))
        out.append(
            {k: page.get(k) for k in ("id", "site", "source", "gold_body", "gold_title")}
            | {"lines": seg.lines, "feats": feats, "labels": lab, "heldout": is_heldout(page)}
        )
        if limit and len(out) >= limit:
            break
    return out


def matrix(cols: dict[str, np.ndarray], names: list[str]) -> np.ndarray:
    return as_matrix([cols[k] for k in names])


# trees: 40 per stage, depth 6, learning rate 0.3: on the held-out sites as good as 200 trees of 31 leaves
# (stage-1 F1 0.870 vs 0.870) and ~0.3 ms per 150-line page to apply.
TREES = 40
TREE_DEPTH = 6
TREE_LEARNING_RATE = 0.3
# regularisation (same trees, same cost to apply): a leaf holds at least TREE_MIN_LEAF lines, and leaf
# values shrink by an L2 penalty. Measured on the dev set (pages.py, official metric, post-rules): OOF F1
# 0.8875 -> 0.8933, held-out sites 0.8842 -> 0.8852 (96 pages up, 75 down), training sites 0.9232 ->
# 0.9237. Without it (scikit-learn's 20 lines, no penalty) the trees split on site-specific details.
TREE_MIN_LEAF = 100
TREE_L2 = 1.0
# Tried on the dev set and left out (OOF = this trainer's out-of-fold F1 on training pages, 0.8875 for the
# unregularised trees; held-out sites through the post-rules, 0.8842 for a refit of the same code):
# - larger leaves (300 lines, same penalty): OOF 0.8929, held-out 0.8781;
# - per-feature subsampling (max_features 0.5, no penalty): OOF 0.8917, held-out 0.8759;
# - features of the largest cell of a padded line (inscriptis pads table cells: its words, share of the
#   line, stop-word share, sentence end, cell count) plus a markup/script count (tags, document.write,
#   "f(...);", entities): OOF 0.8915, held-out 0.8799; with the regularisation above OOF 0.8929, held-out
#   0.8786 (vs 0.8852 without them);
# - the markup/script count alone: OOF 0.8892, held-out 0.8768 (only 25 such lines are taken wrongly);
# - page weights, see page_weights.
# Round 20, raw stage-2 output at threshold 0.55 (no post-rules; this code: OOF 0.8933, held-out 0.8861):
# - a stage-1 column from a logistic regression over the line's words (its first 12, the first word, the
#   first two, the last word; hashed; itself out-of-fold): OOF 0.9013, held-out 0.8809; the same over
#   only the words seen on at least 20 training sites: OOF 0.8963, held-out 0.8854;
# - a third stage (context of stage 2's out-of-fold output): OOF 0.8937, held-out 0.8846;
# - 120 trees at learning rate 0.1: OOF 0.8960, held-out 0.8844.
# Held-out scores swing by ~0.005 between such refits on ~10 pages whose article is one or two short
# paragraphs (dragnet/T141, T32, R24, R59, R570; l3s-gn1/7143d9be): each flips by 0.5-0.9 page F1, so
# only a change that raises OOF and held-out together is taken.
# Round 21, more training pages (same code, same cascade): the dev set's build left 2,357 pages out for its
# size budget only (dropped.jsonl.gz, "subsampled out": they passed every filter, the held-out benchmark's
# included). Rebuilt with the set's own build.py loaders and render (45 dev pages re-rendered as a check:
# byte for byte the stored records), those of held-out sites skipped, added to training only:
# - all 1,974 (Dragnet, CleanEval, DANIEL): OOF on the dev set's training sites 0.8906 (threshold 0.50),
#   held-out sites through the post-rules 0.8838 (recall +0.010, precision -0.013), training sites 0.9133;
# - the 622 Dragnet pages alone: OOF 0.8927, held-out 0.8733
# (this code: OOF 0.8933 at threshold 0.55; held-out sites through the post-rules 0.8852). Neither kept:
# more pages of these sources do not help this feature set.
# Round 22, sequence decoding instead of a per-line threshold: a two-state Viterbi over stage 2's logits
# (minus the threshold's), a penalty lam per switch between body and not-body, so a line's label also
# depends on its neighbours' (the smoothing of CRF/HMM extractors). OOF on the training sites, raw stage 2:
# 0.8933 at lam 0 (the threshold), 0.8939 at 0.25 (0.8947 at threshold 0.50), 0.8916 at 0.5, 0.8877 at 1.0;
# weighting each logit by the line's log word count: at most 0.8948. Through the post-rules, held-out sites
# 0.8852 -> 0.8833 (lam 0.25) and 0.8816 (0.5); not kept: stage 2's context columns already carry what the
# neighbours say.
# Round 23, the page as a whole: stage-2 columns of the page's likely-body mass (log), its share of the
# page's words and the line's share of it: OOF 0.8933 -> 0.8944; through the post-rules all pages 0.9157 ->
# 0.9168, held-out sites 0.8852 -> 0.8873, but exact titles 0.5678 -> 0.5619 (the title floor); with stage-1
# columns of the page's words, its prose share and the line's length against the page's longest as well,
# OOF 0.8937. Neither kept: noise-sized on the body, and the headlines fall.


def fit(
    kind: str, X: np.ndarray, y: np.ndarray, seed: int = 0, weight: np.ndarray | None = None
) -> dict[str, Any]:
    """One stage's weights as JSON-ready values."""
    if kind == "trees":
        return fit_trees(X, y, weight, seed)
    from sklearn.linear_model import LogisticRegression
    from sklearn.neural_network import MLPClassifier

    mean = X.mean(axis=0)
    scale = X.std(axis=0)
    scale[scale == 0] = 1.0
    Z = (X - mean) / scale
    if kind == "linear":
        m = LogisticRegression(C=1.0, max_iter=3000).fit(Z, y, sample_weight=weight)
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
        max_iter=60,
        early_stopping=True,
        random_state=seed,
    ).fit(Z, y, sample_weight=weight)
    return {
        "kind": "mlp",
        "mean": mean.tolist(),
        "scale": scale.tolist(),
        "weights": [w.tolist() for w in mlp.coefs_],
        "biases": [b.tolist() for b in mlp.intercepts_],
    }


# Later stages may also be a small convolutional network over the page's lines (model.py, kind "conv"), or
# the mean log-odds of trees and such a network (kind "mean"): ``--later-kind conv|mean``. The network reads
# the same columns as the trees (line features and stage 1's context columns) and each line's neighbours:
# 4 residual layers of dilation 1, 2, 4, 8 see 15 lines above and below. Trained with torch (CPU, here only),
# weighted log loss, AdamW, one-cycle schedule; deterministic (two runs gave identical stages).
# Round 24, measured (stage 2 only; OOF as above, raw threshold; held-out sites raw; one seed each):
#   trees 0.8933 / 0.8861; conv 32 hidden 0.8980 / 0.8917, 64 hidden 0.9001 / 0.8934, 16 hidden
#   0.8903 / 0.8835, dilations 1, 2, 4 0.8979 / 0.8848; a bidirectional GRU instead 0.8923 / 0.8784;
#   conv and trees averaged 0.8997-0.9017 / 0.8893-0.8921 over these configurations.
# Packaged runs through the post-rules (eval/eval_clean.py, all pages / training sites / held-out sites, exact
# titles; trees: 0.9158 / 0.9238 / 0.8852, 0.5678):
#   - "conv" (64 hidden, padding rows masked): OOF 0.9015; 0.9150 / 0.9225 / 0.8866, titles 0.5605, dates
#     0.9605 (-1 page): the bare threshold's gain (held-out raw 0.8876) is lost in the post-rules;
#   - "mean": OOF 0.9031 (0.9033 through the post-rules at 0.55); at threshold 0.50 0.9183 / 0.9258 / 0.8900,
#     titles 0.5575; at 0.55 (chosen through the post-rules, title scorer refitted there) 0.9191 / 0.9264 /
#     0.8913, titles 0.5678, dates 0.9737, HTML 0.8909, but the quick subset's held-out pages 0.9089 (floor
#     0.915; 36 pages);
#   - "mean" with two networks (CONV_MEMBERS 2, seeds 0 and 1000): OOF 0.9050 through the post-rules (0.55);
#     0.9183 / 0.9255 / 0.8910, titles 0.5649 (floor 0.567), dates 0.9605; the quick subset's held-out
#     pages 0.9102 (floor 0.915);
#   - trees, then a conv network as a third stage on the trees' context (--stages 3 --later-kind trees,conv):
#     OOF 0.9029 through the post-rules (0.60); below "mean", not evaluated further.
#   Not packaged in round 24: a floor failed each time. On the quick subset's held-out pages the drop was two
#   or three page flips, one of them the title scorer taking a page's 25-word lead paragraph for the headline
#   (DANIEL gazzetta.gr; the headline 7 lines above, p 0.19), which then left the body. The 1,000 benchmark
#   articles: 1,075-1,094 articles/s (CPU) with "mean" against 1,165-1,177 with trees (the network, ~60 us
#   an article, costs about what a tree stage does); a second network would bring clean near 1,000/s.
# Round 25, packaged: "mean" (trees and one network, equal weights), the default. The post-rules changed
# first (clean/rules.py: a long line ending in ! or ? is no headline, browser notices leave the body, the
# fallback takes lines within 0.2 of the best, a sentence opening "3 comments in ..." is no comment count,
# a few words of furniture fill no gap). This trainer then writes threshold 0.55, OOF 0.9043. eval_clean.py:
# all pages / training sites / held-out sites 0.9196 / 0.9266 / 0.8932 (the trees under the same rules
# 0.9163 / 0.9238 / 0.8878), titles 0.5693, dates 0.9737, HTML 0.8909; the quick subset passes its floors.
# Tried and not kept:
#   - the network's share of the mean's log-odds chosen on OOF with the threshold (0.5-0.8): 0.7 won (OOF
#     0.9057 at 0.55), but scored 0.9181 / 0.9249 / 0.8923, titles 0.5649: the OOF edge did not hold on
#     the held-out sites;
#   - threshold 0.50 (the bare OOF best, 0.9044 against 0.9043): 0.9189 / 0.9261 / 0.8920, titles 0.559;
#   - a 32-unit network (CONV_HIDDEN 32, ~5% faster clean): OOF 0.9016 (0.50); 0.9171 / 0.9242 / 0.8902,
#     titles 0.5634, dates 0.9605.
# Round 26, measured with a /tmp harness that refits stage 2 on cached stage-1 out-of-fold features and
# scores through the post-rules (it reproduces this trainer's 0.9043 at 0.55). "held-out" here is the
# held-out sites through the same post-rules (the headline not removed; 0.8939 for the packaged recipe).
#   - network seeds: 0.9043 / 0.8939 (seed 0) against 0.9034 / 0.8919 (seed 100): a refit's noise is
#     about 0.001 out of fold and 0.002 on the held-out sites;
#   - a page-level layer in the network (a residual layer reading the line and the page's mean hidden
#     state): 0.9044 out of fold, no gain;
#   - loss weights summing to the same total per page, or to the square root of its lines: 0.9046, 0.9045;
#   - post-rules: a short body (under 20-80 words) grown over neighbouring lines at p >= 0.2-0.4: 0.9026-
#     0.9039; gaps of two to five lines filled at p >= 0.25-0.45: at most 0.9045;
#   - a word model: a logistic regression over a line's word features (its first 12 lower-cased tokens,
#     the first, the last, the first two; only features seen on >= 20 training sites, liblinear, C 1, the
#     page weights), fitted out of fold, its log-odds a column of both stage-2 members. Harness: with \w+
#     tokens 0.9062 / 0.8945 (seed 0) and 0.9068 / 0.8922 (seed 100); >= 50 sites 0.9051 / 0.8963; the
#     first, last and first two tokens only 0.9040; whitespace tokens (those the line features have, free
#     at run time) 0.9054 / 0.8948. With this trainer extended by it (whitespace tokens, >= 20 sites, 6,031
#     features; the code is not kept): OOF 0.9052 at 0.55; eval_clean.py 0.9227 / 0.9308 / 0.8916 (all /
#     training sites / held-out sites), titles 0.5605 (floor 0.569), dates 0.9737, HTML 0.8909. Not kept: the
#     gain is on the training sites (in sample, +0.004); on unseen sites it is within a refit's noise (out
#     of fold +0.0009, held-out sites -0.0016), and the titles fall below their floor. The column's dict
#     lookups took ~30 ms per 1,000 articles of the speed bar (~3% of clean; timed with the trainer running);
#   - round 21's extra pages (the 1,974 pages the dev set's build left out for size, of sites not held
#     out, rebuilt with its build.py) in the training folds of both stages, grouped by site as the dev pages:
#     0.9048 / 0.8870 (stage-2 trees alone, bare threshold: OOF 0.8922, held-out sites 0.8763 against
#     0.8933 / 0.8861). More pages of these sources still do not help, with the network either.
# Round 27, headlines: a padded line's cells (meta.title_candidates) are headline candidates each, with a
# ``cell`` column, and a headline cell leaves its body line with what is left of it only if that is under
# rules.TITLE_CELL_REST_MIN_WORDS words. The line stages are unchanged (this trainer rewrote them byte for
# byte: OOF 0.9043 at 0.55); the title scorer refitted: in-sample exact 0.586 -> 0.640 (1,002 pages).
# eval_clean.py: exact titles 0.5693 -> 0.6755 (training sites 321 -> 377 of 549, held-out sites 65 -> 81 of
# 129); body F1 0.91963 -> 0.91997 (training sites 0.9266 -> 0.9269, held-out sites 0.8932 -> 0.8939), dates
# 0.9737, HTML 0.8909. Tried on the candidates' rows (OOF stage 2, 5 site-grouped folds of the 1,002 pages,
# exact headlines): this logistic regression 0.6377 (C 0.1: 0.6377); a conditional logit (softmax over a
# page's candidates, L2 0.1-10) 0.6427-0.6437; either with columns relative to the page's best (lead
# overlap, body probability, words, case) 0.6267-0.6427. Not kept: 5 pages of 1,002.
# Then the body: a padded body line holding a cell of at least rules.CELL_MIN_WORDS words keeps only such
# cells (body.body_parts; in this trainer's threshold choice too). OOF through the post-rules 0.9043 ->
# 0.9131 (threshold 0.55 still; the stages themselves unchanged); eval_clean.py 0.91997 -> 0.9291 (training
# sites 0.9269 -> 0.9359, held-out sites 0.8939 -> 0.9036; held-out L3S-GN1 0.9094 -> 0.9357, DANIEL
# 0.9013 -> 0.9094, CleanEval 0.8355 -> 0.8419), titles 0.6755, dates 0.9737, HTML 0.8909.
# Round 28, headlines only (line stages rewritten byte for byte again): candidates lose list items, links,
# breadcrumbs, file names, asides, labels and credits (rules.TITLE_HEAD_REJECT and others), the
# window grows to 30 lines (rules.TITLE_WINDOW) and a ``meta_below`` column marks a candidate right above a
# byline or date stamp (rules.TITLE_META_BELOW). The title scorer's exact headlines on 5 site-grouped folds
# of the 1,002 pages (OOF stage 2, this scorer refitted per fold): 646 -> 657 -> 702; in-sample 0.646 ->
# 0.709. eval_clean.py: exact titles 0.6755 -> 0.7168 (training sites 377 -> 402 of 549, held-out sites 81
# -> 84 of 129); body F1 0.9291 -> 0.9287 (headlines found on body lines leave the body; rules.py). Tried,
# not kept: a candidate with a byline or stamp in the 3 lines above it (703 against 702), a candidate
# ending with a section word, "... News", "... Sports" (699), menus as shapes (items 2+ spaces apart or
# between dots: 702, no page changed).
# Round 29, round 21's extra pages again on round 28's code (rebuilt with the dev set's build.py from the
# same pinned snapshots; left out as well: pages without a site, and pages sharing 5+ boilerplate lines of
# 30+ characters with one held-out page): 1,871 pages, 3,559 in training; OOF 0.9062 at 0.50 (over all
# of them); all dev pages 0.9287 -> 0.9212, training sites 0.9355 -> 0.9275, held-out sites 0.9033 ->
# 0.8974 (Dragnet 0.8785 -> 0.8568, L3S-GN1 0.9355 -> 0.9268, CleanEval 0.8414 -> 0.8511). A third
# time: more pages of these sources do not help.
# Round 29, kept: a long body line keeps its run of prose sentences (body.prose_run, rules.LONG_LINE_*; the
# page run into one line by broken markup). The stages and the title scorer are rewritten byte for byte;
# OOF through the post-rules 0.9131 -> 0.9135 (threshold 0.55 still).
# Round 30, with a harness that scores this trainer's out-of-fold stage-2 output through the post-rules
# (0.9135 at 0.55, this trainer's figure):
#   - kept: a decorated or unkept comment count ends the article, and rights notices leave the body
#     (rules.COMMENT_COUNT_*, rules.RIGHTS_NOTICE_*): 0.9135 -> 0.9143; the stages and the title scorer are
#     rewritten byte for byte (with _flat_best's tie rule). eval_clean.py: all pages / training
#     sites / held-out sites 0.9291 / 0.9359 / 0.9037 -> 0.9290 / 0.9356 / 0.9044 (the training sites lose
#     three pages whose gold keeps the comments), HTML path 0.8909 -> 0.8926, titles and dates unchanged;
#   - kept: uncredited news-photo captions ("Greg Oden (L) after ...", rules.CAPTION_POSITION_RE) and labels
#     in the dev set's other languages ("Tagi:", "责任编辑：", rules.NOT_BODY_LABEL_RE): 0.9143 -> 0.9147;
#     the stages rewritten byte for byte, the title scorer refitted (its candidates lose such lines; in-sample
#     exact 0.709 -> 0.711). eval_clean.py: 0.9294 / 0.9359 / 0.9046 (held-out CleanEval 0.8414 -> 0.8436,
#     L3S-GN1 0.9373 -> 0.9393), HTML path 0.8929, exact titles 0.7168 -> 0.7153 (one page of 678), dates
#     0.9737;
#   - not kept: hysteresis (lines next to body, chained, at p >= 0.35-0.45, optionally of 8+ words) 0.9119-
#     0.9134; a per-page threshold of 0.6-0.8 times the page's best p (floor 0.3 or 0.4) 0.9124-0.9128.
#   Gold policies measured on the same output: the headline put before the body on the sources whose gold
#   holds it (Dragnet, DANIEL, CleanPortalEval) raises the held-out sites 0.9037 -> 0.9059 only; bylines,
#   stamps and captions left in the body 0.9135 -> 0.9147 (Dragnet 0.9002 -> 0.9055). The gap to 0.92 on
#   unseen sites is the line classifier's, not the sources' conventions: out-of-fold by source Dragnet
#   0.900, CleanEval 0.883, DANIEL 0.905, Readability 0.903, L3S-GN1 0.945; 83 of 1,688 pages under F1
#   0.5 hold a third of the loss, the 619 between 0.5 and 0.95 most of the rest.
# Round 31, the same harness (this trainer's out-of-fold stage-2 output, 0.9147 at 0.55):
#   - kept: a "comments are (now) closed" line with 80 words of body above it ends the article, kept as body
#     or not (rules.COMMENTS_CLOSED_RE): 0.9147 -> 0.9149, one page up (0.64), none down;
#   - an oracle that picks each page's best threshold (0.05-0.95) would give 0.9449: the room left by one
#     threshold for all pages. Predicting it was not: trees over the page's probability profile (the
#     words and lines above each threshold, its best and mean probability; 5 site-grouped folds, the
#     predicted gain over 0.55 taken above a margin of 0-0.1) gave 0.9147-0.9154, noise-sized;
#   - where the misses are: 122k of the training pages' 1.31M gold words are on lines under the threshold,
#     40k of them below at least one comment head (the ``comment`` column; 26k below two or more), on pages
#     whose gold keeps the comments (Dragnet) or whose teasers carry comment counts ("2559 Comments. Click
#     to view comments" on a Yahoo page lowers its article's stage-1 probability to ~0.1). Not changed: the
#     column is a feature of both stages, and counts are the commonest comment heads.
#     Measured with this trainer and eval_clean.py (all pages / training sites / held-out sites, titles):
#     the column zeroed in both stages: OOF 0.9120 (threshold 0.60), 0.9283 / 0.9349 / 0.9031, 0.7065;
#     comment counts ("12 Comments", the teasers' counts) not counted above a line (nor below): OOF 0.9126,
#     0.9291 / 0.9363 / 0.9019, 0.7094 (this code: 0.9149; 0.9295 / 0.9361 / 0.9046, 0.7153). Neither
#     kept: the counts above a line are the signal; the Yahoo page is the exception.
#   - the network with whole input columns dropped per page in training (torch Dropout1d 0.1 on the
#     features, so that no page leans on one column): OOF 0.9135 at 0.55; 0.9279 / 0.9340 / 0.9045,
#     titles 0.7094. Not kept.
#   - the network's weight decay 1e-2 instead of 1e-4: OOF 0.9157 (threshold 0.50); 0.9289 / 0.9354 /
#     0.9042, titles 0.7094; 25 epochs instead of 15: OOF 0.9156 (0.55); 0.9315 / 0.9386 / 0.9045, titles
#     0.7109. Not kept: the gain is on the training sites, the held-out sites do not move.
# Round 32, a harness that refits stage 2 (trees and network, their log-odds averaged, as packaged) on this
# trainer's stage-2 input (line features and the context of stage 1's out-of-fold output), 5 site-grouped
# folds, scored through the post-rules: 0.9148 at 0.55 (this trainer: 0.9149). "held-out" below: stage 2
# refitted on all training pages, on the held-out sites' pages (context from the packaged stage 1), body
# only (0.9055 for the harness's refit of the packaged recipe, 0.9062 for the packaged model itself):
#   - a self-attention layer in the network (torch MultiheadAttention, 4 heads over the page's lines, a
#     residual ReLU projection, padding keys masked) after the first, second or last conv layer: OOF
#     0.9169 / 0.9167 / 0.9159 at 0.55 (0.9174 / 0.9165 / 0.9164 at 0.50); held-out 0.9064 (after the
#     first). Not kept: +0.002 out of fold, +0.001 on the held-out sites (noise-sized there), for per-page
#     n x n products at run time;
#   - per-page self-training (a logistic regression over the line features fitted on the page's own
#     confident lines, p >= 0.8-0.9 against p <= 0.1-0.2, its log-odds mixed with stage 2's at 0.3-0.5):
#     0.9130-0.9164, as many pages down as up;
#   - post-rules, each on the out-of-fold output: the lines after a body line ending with ":" (a list it
#     introduces, up to the next body line or while the lines are short items without keywords) 0.9145-
#     0.9150; a body line not ending a sentence continued by a next line that starts lower-case (hard-wrapped
#     paragraphs on pages that are not wrapped as a whole) 0.9143-0.9149; a threshold per language group
#     (English / CJK / other): each group's best is within 0.001 of 0.55's; a threshold of 0.40-0.60 for
#     lines of 15 or 30 words and more, 0.55 for the others: 0.9145-0.9154;
#   - where the held-out sites lose more than the training sites out of fold: gold lines below the last body
#     line (5.6% of the held-out pages' recall against 3.9%, most of them not below a comment head); heads
#     and inner gaps are at the training sites' rates. Pages whose gold is under 150 words are a fifth of the
#     pages and 37% of the loss on both.
#   - headlines: the lead overlap of a candidate counted without the page language's function words ("Your
#     news when you want it", "In today's paper" shared "your", "when", "today" with the lead): 5 site-
#     grouped folds of the title scorer on the out-of-fold output, exact 702 -> 705 of 1,002; with the lead
#     taken as the first 2 or 8 body lines instead of 4, 700 and 695. Not kept.
CONV_HIDDEN = 64
CONV_DILATIONS = (1, 2, 4, 8)
CONV_EPOCHS = 15
CONV_LR = 2e-3
CONV_WEIGHT_DECAY = 1e-4
CONV_DROPOUT = 0.1
CONV_BATCH_LINES = 6000  # pages of similar length padded into batches of about this many lines
CONV_MEMBERS = 1  # conv networks beside the trees in a "mean" stage


def fit_conv(
    Xs: list[np.ndarray], ys: list[np.ndarray], ws: list[np.ndarray], seed: int = 0
) -> dict[str, Any]:
    """A ``conv`` stage fitted on pages (each a lines x columns matrix, its labels and line weights)."""
    import torch
    from torch import nn

    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    allx = np.vstack(Xs)
    mean = allx.mean(axis=0)
    scale = allx.std(axis=0)
    scale[scale == 0] = 1.0
    d, hid = allx.shape[1], CONV_HIDDEN
    zs = [((x - mean) / scale).astype(np.float32) for x in Xs]

    class Net(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.inp = nn.Linear(d, hid)
            self.convs = nn.ModuleList(nn.Conv1d(hid, hid, 3, dilation=k, padding=k) for k in CONV_DILATIONS)
            self.drop = nn.Dropout(CONV_DROPOUT)
            self.out = nn.Linear(hid, 1)

        def forward(self, x: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
            # padding rows stay zero at every layer, as the lines beyond a page's ends are at inference
            h = (torch.relu(self.inp(x)) * mask[..., None]).transpose(1, 2)
            m = mask[:, None, :]
            for conv in self.convs:
                h = h + torch.relu(conv(self.drop(h))) * m
            out: torch.Tensor = self.out(h.transpose(1, 2)).squeeze(-1)
            return out

    net = Net()
    opt = torch.optim.AdamW(net.parameters(), lr=CONV_LR, weight_decay=CONV_WEIGHT_DECAY)
    batches: list[list[int]] = []
    cur: list[int] = []
    for i in np.argsort([len(z) for z in zs], kind="stable").tolist():
        cur.append(i)
        if len(zs[i]) * len(cur) > CONV_BATCH_LINES:
            batches.append(cur)
            cur = []
    if cur:
        batches.append(cur)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=CONV_LR, total_steps=CONV_EPOCHS * len(batches))
    for _ in range(CONV_EPOCHS):
        net.train()
        for b in rng.permutation(len(batches)).tolist():
            idx = batches[b]
            n = max(len(zs[i]) for i in idx)
            x = np.zeros((len(idx), n, d), np.float32)
            y = np.zeros((len(idx), n), np.float32)
            w = np.zeros((len(idx), n), np.float32)
            for j, i in enumerate(idx):
                x[j, : len(zs[i])] = zs[i]
                y[j, : len(zs[i])] = ys[i]
                w[j, : len(zs[i])] = ws[i]
            mask = torch.from_numpy((w > 0).astype(np.float32))
            out = net(torch.from_numpy(x), mask)
            wt = torch.from_numpy(w)
            loss = nn.functional.binary_cross_entropy_with_logits(out, torch.from_numpy(y), reduction="none")
            opt.zero_grad()
            ((loss * wt).sum() / wt.sum()).backward()  # type: ignore[no-untyped-call]
            opt.step()
            sched.step()
    net.eval()

    def f64(t: torch.Tensor) -> list[Any]:
        """The float32 values, each written with the 9 digits that give it back exactly."""
        a = t.detach().numpy()
        out: list[Any] = np.vectorize(lambda v: float(f"{v:.9g}"), otypes=[float])(a).tolist()
        return out

    convs = [cast(nn.Conv1d, c) for c in net.convs]
    stage = {
        "kind": "conv",
        "mean": mean.tolist(),
        "scale": scale.tolist(),
        "dilations": list(CONV_DILATIONS),
        # input layer (columns x hidden); per layer the taps above, the line, below stacked (3 hidden x
        # hidden); output (hidden x 1)
        "weights": [f64(net.inp.weight.T)]
        + [f64(torch.cat([c.weight[:, :, t].T for t in range(3)])) for c in convs]
        + [f64(net.out.weight.T)],
        "biases": [f64(net.inp.bias)]
        + [f64(cast(torch.Tensor, c.bias)) for c in convs]
        + [f64(net.out.bias)],
    }
    # the export must reproduce the network (float32 there, float64 here)
    with torch.no_grad():
        for z, x in list(zip(zs, Xs, strict=True))[:20]:
            want = net(torch.from_numpy(z)[None], torch.ones(1, len(z)))[0].double().sigmoid().numpy()
            diff = np.abs(predict(stage, x) - want).max() if len(z) else 0.0
            assert diff < 1e-4, f"conv export differs from torch by {diff}"
    return stage


def predict(stage: dict[str, Any], X: np.ndarray) -> np.ndarray:
    """The probabilities of rows ``X`` (rows x columns), as the packaged stage computes them; the rows are
    one page's lines in order (a conv stage reads their neighbours; other kinds read rows alone)."""
    from newsledger.clean.features import Pages
    from newsledger.clean.model import stage_from_json

    st = stage_from_json(stage | {"names": [str(i) for i in range(X.shape[1])]})
    out: np.ndarray = st.predict_pages(np.ascontiguousarray(X.T), Pages([X.shape[0]]))
    return out


def _complete_tree(nodes: Any, depth: int, big: float) -> tuple[list[int], list[float], list[float]]:
    """One scikit-learn tree (its ``nodes`` array) as a complete binary tree of ``depth`` levels."""
    n_split = 2**depth - 1
    f = [0] * n_split
    t = [big] * n_split
    v = [0.0] * (2**depth)

    def fill(node: int, level: int, pos: int) -> None:
        nd = nodes[node]
        if level == depth:
            v[pos - n_split] = float(nd["value"])
            return
        if nd["is_leaf"]:  # pad: an always-left split, the same leaf below
            f[pos], t[pos] = 0, big
            fill(node, level + 1, 2 * pos + 1)
            fill(node, level + 1, 2 * pos + 2)
            return
        f[pos], t[pos] = int(nd["feature_idx"]), float(nd["num_threshold"])
        fill(int(nd["left"]), level + 1, 2 * pos + 1)
        fill(int(nd["right"]), level + 1, 2 * pos + 2)

    fill(0, 0, 0)
    return f, t, v


def fit_trees(X: np.ndarray, y: np.ndarray, weight: np.ndarray | None, seed: int) -> dict[str, Any]:
    """HistGradientBoosting, exported as complete binary trees of depth TREE_DEPTH (see model.py)."""
    from sklearn.ensemble import HistGradientBoostingClassifier

    m = HistGradientBoostingClassifier(
        max_iter=TREES,
        max_depth=TREE_DEPTH,
        max_leaf_nodes=2**TREE_DEPTH,
        learning_rate=TREE_LEARNING_RATE,
        min_samples_leaf=TREE_MIN_LEAF,
        l2_regularization=TREE_L2,
        early_stopping=False,
        random_state=seed,
    ).fit(X, y, sample_weight=weight)
    depth = TREE_DEPTH
    feats: list[list[int]] = []
    thrs: list[list[float]] = []
    vals: list[list[float]] = []
    big = 1e300  # an always-left split: x <= big
    for (pred,) in m._predictors:
        f, t, v = _complete_tree(pred.nodes, depth, big)
        feats.append(f)
        thrs.append(t)
        vals.append(v)
    base = float(np.asarray(m._baseline_prediction).ravel()[0])
    stage = {
        "kind": "trees",
        "depth": depth,
        "feature": feats,
        "threshold": thrs,
        "value": vals,
        "base": base,
    }
    # the export must reproduce scikit-learn's probabilities
    check = X[: min(2000, X.shape[0])]
    diff = np.abs(predict(stage, check) - m.predict_proba(check)[:, 1]).max()
    assert diff < 1e-6, f"tree export differs from scikit-learn by {diff}"
    return stage


def fold_of(page: dict[str, Any], folds: int) -> int:
    g = str(page["site"] or page["id"]) + "#fold"
    return int(hashlib.sha256(g.encode()).hexdigest(), 16) % folds


def page_weights(page: dict[str, Any]) -> np.ndarray:
    """Per-line training weights: a line's share of its page's words, times the page's line count.

    The metric scores each page equally and a page by its words, so a 60-word paragraph matters ~60 times
    more than a one-word menu item; unweighted, the many menu lines dominate the loss (measured: stage-1
    out-of-fold F1 0.876 -> 0.881 with these weights).
    Tried and left out (refits of the unregularised trees; OOF 0.8875, held-out sites 0.8826): the same
    total weight per page, OOF 0.8895, held-out 0.8822; words over (gold words + a tenth of the page's
    words), which weighs each page as the metric's recall does, OOF 0.8908, held-out 0.8792.
    """
    w = np.expm1(page["feats"].columns["log_words"]) + 1.0
    out: np.ndarray = w / w.sum() * w.size
    return out


def train(
    data: Path, kind: str, out: Path, folds: int = 5, stages: int = 2, later_kind: str = "mean"
) -> dict[str, Any]:
    t0 = time.perf_counter()
    pages = build(data)
    train_pages = [p for p in pages if not p["heldout"]]
    names1 = list(pages[0]["feats"].names)
    print(
        f"features: {len(pages)} pages in {time.perf_counter() - t0:.0f} s; {len(train_pages)} for training"
    )

    def matrix_of(p: dict[str, Any], names: list[str]) -> np.ndarray:
        """The page's rows for a stage with ``names`` columns (line features, plus context from stage 2)."""
        m: np.ndarray = p["X2"] if "X2" in p and len(names) > len(names1) else p["feats"].matrix
        return m

    def xyw(ps: list[dict[str, Any]], names: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        X = np.vstack([matrix_of(p, names) for p in ps])
        y = np.concatenate([p["labels"] for p in ps])
        return X, y, np.concatenate([page_weights(p) for p in ps])

    def folds_of(f: int) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        return (
            [p for p in train_pages if fold_of(p, folds) != f],
            [p for p in train_pages if fold_of(p, folds) == f],
        )

    def fit_stage(k: str, ps: list[dict[str, Any]], names: list[str], seed: int = 0) -> dict[str, Any]:
        if k == "mean":  # trees and CONV_MEMBERS conv networks (other seeds), their log-odds averaged
            convs = [fit_stage("conv", ps, names, seed + 1000 * j) for j in range(CONV_MEMBERS)]
            return {"kind": "mean", "members": [fit_stage("trees", ps, names, seed), *convs]}
        if k == "conv":
            xs = [matrix_of(p, names) for p in ps]
            return fit_conv(xs, [p["labels"] for p in ps], [page_weights(p) for p in ps], seed)
        X, y, w = xyw(ps, names)
        return fit(k, X, y, seed=seed, weight=w)

    def out_of_fold(k: str, names: list[str]) -> dict[str, np.ndarray]:
        """Each training page's probabilities from the model fitted on the other folds (grouped by site)."""
        out: dict[str, np.ndarray] = {}
        for f in range(folds):
            tr, te = folds_of(f)
            st = fit_stage(k, tr, names, seed=f)
            for p in te:
                out[p["id"]] = predict(st, matrix_of(p, names))
        return out

    stage_models = [fit_stage(kind, train_pages, names1) | {"names": names1}]
    # each later stage: the line features plus the context columns of the previous stage's out-of-fold
    # probabilities, so it learns how much to trust them on unseen pages
    prev = out_of_fold(kind, names1)
    print("stage 1: out-of-fold done")
    later_kinds = later_kind.split(",")  # one per later stage; the last one repeats
    for k in range(2, stages + 1):
        for p in train_pages:
            ctx = context_columns(prev[p["id"]], p["feats"])
            p["X2"] = np.hstack([p["feats"].matrix, as_matrix(list(ctx.values()))])
            p["names2"] = names1 + list(ctx)
        names_k = list(train_pages[0]["names2"])
        kind_k = later_kinds[min(k - 2, len(later_kinds) - 1)]
        stage_models.append(fit_stage(kind_k, train_pages, names_k) | {"names": names_k})
        prev = out_of_fold(kind_k, names_k)
        print(f"stage {k}: out-of-fold done")
    p2 = prev
    thresholds = [round(float(t), 2) for t in np.arange(0.3, 0.71, 0.05)]
    f1s = []
    for thr in thresholds:
        # the body the post-rules make of the out-of-fold output (gap fill, repeats, captions, bylines, ...),
        # not the bare threshold: with stage 2 a conv network the two disagree (bare 0.50, post-rules 0.55)
        triples = [page_prf(p["gold_body"], _selected_body(p, p2[p["id"]], thr)) for p in train_pages]
        f1s.append(corpus_f1(triples))
        print(f"threshold {thr:.2f}: out-of-fold F1 {f1s[-1]:.4f} (through the post-rules)")
    at = _flat_best(f1s)
    best = (f1s[at], thresholds[at])
    # Round 23, the title scorer as trees (this cascade's settings) instead of a logistic regression: exact
    # headlines over 5 site-grouped folds of the training pages 0.5729 -> 0.5898 (0.5938 with each
    # candidate's lead overlap, case, body probability and length also taken relative to the page's best),
    # but held-out sites 66 -> 63 of 129 with the refitted model (in-sample 0.653); not kept.
    title_stage, title_thr, title_acc = train_title(train_pages, p2, best[1], kind="linear")
    model = {
        "meta": {
            "trained_on": "boilerplate_dev train split (sites not held out), line_labels, page-share weights",
            "kind": kind,
            "later_kind": later_kind,
            "pages": len(train_pages),
            "oof_f1": round(best[0], 4),
            "title_oof_exact": round(title_acc, 4),
        },
        "threshold": round(best[1], 3),
        "title_threshold": title_thr,
        "stages": stage_models,
        "title": title_stage | {"names": list(TITLE_FEATURES)},
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(model, separators=(",", ":")) + "\n", encoding="utf-8")
    took = time.perf_counter() - t0
    print(f"wrote {out} ({out.stat().st_size} bytes) in {took:.0f} s; threshold {best[1]:.2f}")
    return model


# Round 30: with the comment-count and rights-notice rules (clean/rules.py) 0.50 and 0.55 tied after the
# smoothing (0.91417 each; raw 0.9149 and 0.9143) and the first was taken. Packaged and evaluated, 0.50 with
# its refitted title scorer scored all pages / training sites / held-out sites 0.9281 / 0.9345 / 0.9040 and
# exact titles 0.708, against 0.9290 / 0.9356 / 0.9044 and 0.7168 at 0.55 (in round 25, too, 0.55 did
# better on the held-out sites and the titles than 0.50 at an out-of-fold tie). A tie now goes to the higher
# threshold: it keeps fewer lines, and the headline scorer reads the lines above the body it leaves.
THRESHOLD_TIE = 0.0002


def _flat_best(f1s: list[float]) -> int:
    """Index of the threshold to take: the best F1 averaged with its neighbours' (one step either side; past
    an end its own value stands in). The optimum is flat and neighbouring thresholds differ by noise: for the
    "mean" stage 0.50 and 0.55 scored 0.9044 and 0.9043 out of fold (round 25), while on the dev set's
    held-out sites 0.55 scored 0.8932 against 0.8920 and took more exact titles (0.569 against 0.559)."""
    padded = [f1s[0], *f1s, f1s[-1]]
    smooth = [statistics.mean(padded[i : i + 3]) for i in range(len(f1s))]
    # smoothed scores within THRESHOLD_TIE of the best tie, and the highest such threshold is taken
    top = max(smooth)
    return max(i for i, f in enumerate(smooth) if f >= top - THRESHOLD_TIE)


def gold_title(page: dict[str, Any]) -> str | None:
    """The headline the dev set gives: L3S-GN1/Readability ``gold_title``; DANIEL's first gold paragraph."""
    if page.get("gold_title"):
        return " ".join(str(page["gold_title"]).split())
    if page["source"] == "daniel":
        first = page["gold_body"].split("\n\n", 1)[0]
        return " ".join(first.split()) or None
    return None


def _selection(page: dict[str, Any], p: np.ndarray, threshold: float) -> Selection:
    """What :func:`.body.select_body` makes of the page's probabilities ``p`` (a page dump's settings)."""
    seg = Segmented(
        text="", starts=[0] * len(page["lines"]), ends=[0] * len(page["lines"]), lines=page["lines"]
    )
    return select_body(seg, p, threshold, inner_repeats=True, columns=page["feats"].columns)


def _selected_body(page: dict[str, Any], p: np.ndarray, threshold: float) -> str:
    """The page's body as the post-rules choose it from the probabilities ``p`` (lines, or the parts of them
    that stay body: :func:`.body.body_parts`)."""
    lines = page["lines"]
    return "\n".join(
        lines[i][a:b] for i in _selection(page, p, threshold).body for a, b in body_parts(lines[i])
    )


def _title_rows(page: dict[str, Any], p: np.ndarray, threshold: float) -> tuple[list[str], np.ndarray]:
    """The page's headline candidates (their text) and their features."""
    sel = _selection(page, p, threshold)
    excluded = set(sel.bylines) | set(sel.captions) | set(sel.stamps)
    feats = page["feats"]
    idx, cuts, X = title_candidates(page["lines"], feats.columns, p, sel.body, excluded, feats.stop)
    return [page["lines"][i][a:b] for i, (a, b) in zip(idx, cuts, strict=True)], X


def train_title(
    pages: list[dict[str, Any]], probs: dict[str, np.ndarray], threshold: float, kind: str = "linear"
) -> tuple[dict[str, Any], float, float]:
    """A scorer of headline candidates, trained where the dev set says what the headline is."""
    X_all: list[np.ndarray] = []
    y_all: list[np.ndarray] = []
    per_page: list[tuple[str, list[str], np.ndarray]] = []
    for page in pages:
        gold = gold_title(page)
        if not gold:
            continue
        texts, X = _title_rows(page, probs[page["id"]], threshold)
        if not texts:
            per_page.append((gold, [], X))
            continue
        y = np.array([float(" ".join(t.split()) == gold) for t in texts])
        X_all.append(X)
        y_all.append(y)
        per_page.append((gold, texts, X))
    stage = fit(kind, np.vstack(X_all), np.concatenate(y_all))
    st_scores = [predict(stage, X) if len(texts) else np.zeros(0) for _, texts, X in per_page]
    best = (0.0, 0.5)
    for thr in np.arange(0.0, 0.61, 0.05):
        ok = 0
        for (gold, texts, _), sc in zip(per_page, st_scores, strict=True):
            if len(texts) and sc.max() >= thr:
                ok += int(" ".join(texts[int(np.argmax(sc))].split()) == gold)
        acc = ok / max(len(per_page), 1)
        if acc > best[0]:
            best = (acc, float(thr))
    print(
        f"title: {len(per_page)} pages with a gold headline, in-sample exact {best[0]:.3f} at {best[1]:.2f}"
    )
    return stage, round(best[1], 3), best[0]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--data", type=Path, default=None)
    ap.add_argument("--kind", choices=("trees", "linear", "mlp"), default="trees")
    ap.add_argument("--out", type=Path, default=Path(__file__).parent / "models" / "lines.json")
    ap.add_argument("--stages", type=int, default=2, help="cascade length (1 + context stages)")
    ap.add_argument(
        "--later-kind",
        default="mean",
        help="each later stage's kind, comma-separated (the last repeats): trees, mean, conv, linear, mlp",
    )
    args = ap.parse_args(argv)
    bad = set(args.later_kind.split(",")) - {"trees", "mean", "conv", "linear", "mlp"}
    if bad:
        ap.error(f"--later-kind: unknown kind(s) {sorted(bad)}")
    train(args.data or default_data(), args.kind, args.out, stages=args.stages, later_kind=args.later_kind)
    return 0


if __name__ == "__main__":
    sys.exit(main())
