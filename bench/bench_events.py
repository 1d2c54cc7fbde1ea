"""Speed of the events stage: event mentions + ledger + itineraries for N annotated documents.

Documents are Reuters-21578 newswires from ../shared/data, annotated first (not timed: that is the
annotate stage's cost); timed are ``extract_event_mentions`` over all documents and then ``build_ledger``
and ``build_itineraries`` over all their mentions. Bar (issue #7): 1,000 documents in under 30 s.
Run: ``.venv/bin/python bench/bench_events.py [N]``.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("OMP_NUM_THREADS", "1")
REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from eval.eval_events import annotate, resolve, reuters_clean, reuters_index  # noqa: E402

from newsledger.events import build_itineraries, build_ledger, extract_event_mentions  # noqa: E402


def bench(n: int = 1000) -> dict[str, Any]:
    ids = [rid for rid, r in sorted(reuters_index().items(), key=lambda kv: int(kv[0])) if r.get("text")][:n]
    cleans = [reuters_clean(rid) for rid in ids]
    t0 = time.perf_counter()
    docs = annotate(cleans)
    t_annotate = time.perf_counter() - t0
    by_id = {d.doc_id: d for d in docs}
    clean_by = {c.doc_id: c for c in cleans}
    t1 = time.perf_counter()
    mentions = [m for d in docs for m in extract_event_mentions(d, clean_by[d.doc_id])]
    t2 = time.perf_counter()
    resolution = resolve(docs)
    t3 = time.perf_counter()
    events = build_ledger(mentions, by_id, resolution, {c.doc_id: c.published for c in cleans}, ())
    itineraries = build_itineraries(events)
    t4 = time.perf_counter()
    events_s = (t2 - t1) + (t4 - t3)
    return {
        "docs": len(docs),
        "mentions": len(mentions),
        "events": len(events),
        "itineraries": len(itineraries),
        "events_seconds": round(events_s, 3),
        "extract_seconds": round(t2 - t1, 3),
        "ledger_seconds": round(t4 - t3, 3),
        "docs_per_s": round(len(docs) / events_s, 1) if events_s else 0.0,
        "ms_per_doc": round(1000 * events_s / max(1, len(docs)), 3),
        "peers": {"annotate_seconds": round(t_annotate, 2), "resolve_seconds": round(t3 - t2, 2)},
    }


if __name__ == "__main__":
    res = bench(int(sys.argv[1]) if len(sys.argv) > 1 else 1000)
    for k, v in res.items():
        sys.stdout.write(f"{k:<20} {v}\n")
