"""The corpus stages alone on a processed store: time per stage, CPU, peak RSS; prints one JSON line.

The store's corpus outputs and story state are cleared first, so every document is placed again (as in
a first run). ``bench/run.py`` runs this in a subprocess on the 10k-article store of its end-to-end run
and on a ``bench/scale_store.py`` copy of ten times its documents (``BENCH_LARGE=1`` or
``--corpus-scale K``): the corpus stages' cost per document at 10k and 100k without the ~100 minutes of
per-document stages that 100k real documents would take first.

Run: ``python bench/corpus_stages.py STORE.duckdb``.
"""

from __future__ import annotations

import json
import sys
import threading
import time
from pathlib import Path

import psutil

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from newsledger.runner import run_corpus
from newsledger.store import Store


def corpus_stages(db: Path) -> dict[str, object]:
    with Store(str(db)) as store:  # brings a schema-1 store up to date first
        store.drop_state("story_state")
        store.con.execute("DELETE FROM corpus_outputs")
        docs = store.con.execute("SELECT count(*) FROM documents WHERE status = 'processed'").fetchone()
    proc = psutil.Process()
    peak = [0]

    def watch() -> None:
        while True:
            peak[0] = max(peak[0], proc.memory_info().rss)
            time.sleep(0.05)

    threading.Thread(target=watch, daemon=True).start()
    marks: list[tuple[str, float]] = []
    t0, c0 = time.perf_counter(), time.process_time()

    def progress(stage: str, _done: int, _total: int | None) -> None:
        # the last stage's time includes the write of all corpus outputs
        marks.append((stage if stage != "reconcile" else "reconcile_and_write", time.perf_counter() - t0))

    with Store(str(db)) as store:
        counts = run_corpus(store, "bench-corpus", progress)
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    marks.append(("end", wall))
    n = int(docs[0]) if docs else 0
    return {
        "docs": n,
        "seconds": round(wall, 1),
        "cpu_seconds": round(cpu, 1),
        "ms_per_doc": round(1000 * wall / max(n, 1), 2),
        "cpu_ms_per_doc": round(1000 * cpu / max(n, 1), 2),
        "peak_rss_mb": round(max(peak[0], proc.memory_info().rss) / 2**20),
        "stage_seconds": {
            "read": round(marks[0][1], 1),
            **{marks[i][0]: round(marks[i + 1][1] - marks[i][1], 1) for i in range(len(marks) - 1)},
        },
        "counts": counts,
    }


if __name__ == "__main__":
    print(json.dumps(corpus_stages(Path(sys.argv[1]))), flush=True)
