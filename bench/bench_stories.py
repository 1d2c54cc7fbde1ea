"""Speed of the stories stage: online clustering cost per document as the corpus grows, and embeddings.

``bench(n)`` clusters ``n`` **synthetic** documents (unit vectors around ``n / 5`` latent story centres
drawn in a random 48-d subspace of the 384-d space, as sentence embeddings are; ``--random-vectors``
draws isotropic 384-d centres instead, the worst case for a graph index; bodies made of per-story name
terms, dates spread over a year: the clustering part needs no model) in one ``update_stories`` call, and
reports ms per document, the same at ``n / 10`` measured in the same run (the flat-cost bar: time per
document at 100k <= 1.5x at 10k), and peak RSS. Over a fixed year, ten times the documents is ten times
as many stories running at once (the candidate index holds the live ones); ``--docs-per-day R`` instead
spreads each corpus over ``n / R`` days, a stream at a steady rate that grows by running longer. It
then embeds ``embed_docs`` real-shaped texts (Reuters-21578 wires from ../shared/data when present,
else synthetic sentences) with ``embed_documents`` on ``device`` and reports documents per second.

Run: ``python bench/bench_stories.py [N] [--device cuda] [--embed-docs 512]``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import os
import resource
import sys
import time
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np
from eval.common import shared_data_dir

STRUCTURE_DIM = 48  # dimension of the subspace synthetic story centres are drawn from
NOISE = 0.5  # per-document noise norm around its story centre (cosine to the centre ~0.9)


def _synthetic(n: int, seed: int = 0, *, random_vectors: bool = False, span_days: int = 365) -> list[Any]:
    from newsledger.stories import StoryInput

    rng = np.random.default_rng(seed)
    n_stories = max(1, n // 5)
    if random_vectors:  # isotropic 384-d: the worst case of any graph index
        centres = rng.normal(size=(n_stories, 384)).astype(np.float32)
    else:  # sentence embeddings live near a low-dimensional subspace: centres in a random 48-d one
        basis = rng.normal(size=(STRUCTURE_DIM, 384)).astype(np.float32) / np.sqrt(STRUCTURE_DIM)
        centres = rng.normal(size=(n_stories, STRUCTURE_DIM)).astype(np.float32) @ basis
    centres /= np.linalg.norm(centres, axis=1, keepdims=True)
    story = rng.integers(0, n_stories, size=n)
    vecs = centres[story] + NOISE / np.sqrt(384) * rng.normal(size=(n, 384)).astype(np.float32)
    vecs /= np.linalg.norm(vecs, axis=1, keepdims=True)
    day0 = dt.date(2024, 1, 1)
    story_day = rng.integers(0, span_days, size=n_stories)
    out = []
    for i in range(n):
        s = int(story[i])
        body = (
            f"Officials Name{s}a and Name{s}b met in Place{s % 997} on day {int(story_day[s])}. Report {i}."
        )
        day = day0 + dt.timedelta(days=int(story_day[s] + rng.integers(0, 5)))
        out.append(
            StoryInput(
                doc_id=f"d{i:07d}", title=None, body=body, published=day, vector=tuple(vecs[i].tolist())
            )
        )
    return out


def _cluster_ms_per_doc(n: int, random_vectors: bool, docs_per_day: int | None) -> tuple[float, int]:
    from newsledger.stories import empty_state, update_stories

    span = max(1, n // docs_per_day) if docs_per_day else 365
    docs = _synthetic(n, random_vectors=random_vectors, span_days=span)
    t0 = time.perf_counter()
    up = update_stories(docs, empty_state(), run_id="bench")
    return 1000 * (time.perf_counter() - t0) / n, len(up.stories)


def _texts(k: int) -> list[tuple[str, str]]:
    data = shared_data_dir()
    if data is not None and (data / "reuters21578" / "reuters21578.jsonl.gz").exists():
        out = []
        with gzip.open(data / "reuters21578" / "reuters21578.jsonl.gz", "rt", encoding="utf-8") as fh:
            for line in fh:
                d = json.loads(line)
                if len(d["text"]) > 800:
                    out.append((d["title"] or "", d["text"]))
                if len(out) >= k:
                    break
        return out
    words = [
        "the",
        "minister",
        "said",
        "talks",
        "on",
        "trade",
        "and",
        "security",
        "would",
        "continue",
        "next",
        "week",
        "in",
        "the",
        "capital",
    ]
    return [(f"Headline {i}", " ".join(words[(i + j) % len(words)] for j in range(200))) for i in range(k)]


def _embed_docs_per_s(k: int, device: str, batch_size: int) -> tuple[float, str]:
    from newsledger.records import CleanDocument
    from newsledger.stories import embed_documents
    from newsledger.stories.embed import resolve_device

    docs = [CleanDocument(doc_id=str(i), body=b, lines=(), title=t) for i, (t, b) in enumerate(_texts(k))]
    embed_documents(docs[:8], device=device, batch_size=batch_size)  # load the model outside the timing
    t0 = time.perf_counter()
    embed_documents(docs, device=device, batch_size=batch_size)
    return len(docs) / (time.perf_counter() - t0), resolve_device(device)


def bench(
    n: int = 100_000,
    *,
    device: str = "cpu",
    embed_docs: int = 256,
    batch_size: int = 64,
    random_vectors: bool = False,
    docs_per_day: int | None = None,
) -> dict[str, Any]:
    small = max(100, n // 10)
    ms_small, stories_small = _cluster_ms_per_doc(small, random_vectors, docs_per_day)
    ms_big, stories_big = _cluster_ms_per_doc(n, random_vectors, docs_per_day)
    docs_per_s, used = _embed_docs_per_s(embed_docs, device, batch_size) if embed_docs else (0.0, device)
    return {
        "n": n,
        "cluster_ms_per_doc": ms_big,
        f"cluster_ms_per_doc_at_{small}": ms_small,
        "cluster_cost_ratio": ms_big / ms_small,
        "stories": stories_big,
        "latent_stories": n // 5,
        "vectors": "random-384d" if random_vectors else f"clustered-{STRUCTURE_DIM}d-subspace",
        "dates": f"{docs_per_day} docs/day" if docs_per_day else "one year",
        "stories_small": stories_small,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "embed_docs_per_s": docs_per_s,
        "embed_device": used,
        "embed_docs": embed_docs,
        "torch_threads": _torch_threads(),
    }


def _torch_threads() -> int:
    import torch

    return int(torch.get_num_threads())


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("n", nargs="?", type=int, default=100_000)
    ap.add_argument("--device", default="cpu")
    ap.add_argument("--embed-docs", type=int, default=256)
    ap.add_argument("--batch-size", type=int, default=64)
    ap.add_argument("--random-vectors", action="store_true", help="isotropic 384-d synthetic vectors")
    ap.add_argument("--docs-per-day", type=int, default=None, help="steady rate instead of one fixed year")
    args = ap.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    res = bench(
        args.n,
        device=args.device,
        embed_docs=args.embed_docs,
        batch_size=args.batch_size,
        random_vectors=args.random_vectors,
        docs_per_day=args.docs_per_day,
    )
    for k, v in res.items():
        print(f"{k:32s} {v:.3f}" if isinstance(v, float) else f"{k:32s} {v}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
