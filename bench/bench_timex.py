"""Speed of time-expression extraction (``extract_timexes``) on the timex dev texts.

Documents are the 256 TempEval-3 training texts from ../shared/data/timex (TimeBank + AQUAINT news,
~2,000 characters each), cycled to N documents, plus the examples/corpus pages. Reported: docs/s,
ms per document, characters/s, docs/s scaled to a 400-word (~2,400-character) article, and the share of
the annotate stage's budget that timex takes (issue #5: annotate >= 30 docs/s overall, i.e. 33 ms/doc).
Peer measured in the same run on the same texts: dateparser's ``search_dates`` on a few documents.
Run: ``.venv/bin/python bench/bench_timex.py [N]``.
"""

from __future__ import annotations

import datetime as dt
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
for p in (REPO, REPO / "src"):
    if str(p) not in sys.path:
        sys.path.insert(0, str(p))

from eval.common import shared_data_dir  # noqa: E402

from newsledger.annotate.timex import extract_timexes  # noqa: E402

ANNOTATE_BUDGET_MS = 1000 / 30  # the annotate stage's bar: 30 docs/s
ARTICLE_CHARS = 2400  # a 400-word article
PEER_DOCS = 10


def _docs() -> list[tuple[str, dt.date | None]]:
    docs: list[tuple[str, dt.date | None]] = []
    d = shared_data_dir()
    if d is not None and (d / "timex").is_dir():
        from eval.eval_timex import dct_of, load_docs

        docs = [(doc["text"], dct_of(doc)) for doc in load_docs(d)]
    for p in sorted((REPO / "examples" / "corpus").glob("*.txt")):
        docs.append((p.read_text(encoding="utf-8"), dt.date(2024, 3, 25)))
    return docs


def bench(n: int = 1000) -> dict[str, Any]:
    base = _docs()
    docs = [base[i % len(base)] for i in range(max(n, len(base)))]
    for text, dct in base[:20]:  # warm up (regex compilation, caches)
        extract_timexes(text, dct)
    t0 = time.perf_counter()
    found = sum(len(extract_timexes(text, dct)) for text, dct in docs)
    secs = time.perf_counter() - t0
    chars = sum(len(t) for t, _ in docs)
    ms = 1000 * secs / len(docs)
    ms_article = ms * ARTICLE_CHARS / (chars / len(docs))
    out: dict[str, Any] = {
        "docs": len(docs),
        "timexes": found,
        "seconds": round(secs, 3),
        "docs_per_s": round(len(docs) / secs, 1),
        "ms_per_doc": round(ms, 3),
        "chars_per_doc": round(chars / len(docs)),
        "chars_per_s": round(chars / secs),
        "docs_per_s_400_words": round(1000 / ms_article, 1),
        "share_of_annotate_budget": round(ms_article / ANNOTATE_BUDGET_MS, 4),
    }
    try:
        from dateparser.search import search_dates

        peer = base[:PEER_DOCS]
        t1 = time.perf_counter()
        for text, dct in peer:
            rb = dt.datetime(dct.year, dct.month, dct.day) if dct else None
            search_dates(text, languages=["en"], settings={"RELATIVE_BASE": rb} if rb else None)
        psecs = time.perf_counter() - t1
        t2 = time.perf_counter()
        for text, dct in peer:
            extract_timexes(text, dct)
        osecs = time.perf_counter() - t2
        out["peers"] = {
            "dateparser_search_dates_docs_per_s": round(len(peer) / psecs, 2),
            "ours_same_docs_per_s": round(len(peer) / osecs, 1),
            "peer_docs": len(peer),
        }
    except ImportError:
        out["peers"] = {"dateparser": "not installed"}
    return out


if __name__ == "__main__":
    res = bench(int(sys.argv[1]) if len(sys.argv) > 1 else 1000)
    for k, v in res.items():
        print(f"{k:28s} {v}")
