"""Speed of the clean stage on page dumps, single process, beside jusText on the same inputs.

Two input sets: ``examples`` (examples/corpus, the shape newsledger receives: ~2.5k characters and ~30 lines
a page, cycled to ``n`` documents) and ``dev`` (the first ``n`` page dumps of
../shared/data/boilerplate_dev, ~10k characters and ~150 lines a page, when present). For each: documents
per second of ``clean_documents`` on the whole set (warm: models loaded once before timing), and of
jusText 3.0.2 with each line one ``<p>`` (English stoplist, defaults), as ``make eval`` runs it. No timed
assertions.

The machine is shared, so the two are timed in alternating rounds on the same documents and each keeps its
best round, both in wall-clock and in process CPU time; ``speedup_vs_justext`` (best CPU rate over best CPU
rate) is the figure that survives a loaded machine.

Run: ``python bench/bench_clean.py [N [ROUNDS]]``.
"""

from __future__ import annotations

import gzip
import html
import json
import sys
import time
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from eval.common import REPO, shared_data_dir

from newsledger.clean import clean_document, clean_documents
from newsledger.ingest import make_document
from newsledger.records import InputFormat, RawDocument


def _raw(doc_id: str, text: str) -> RawDocument:
    """The document ingest would make of ``text`` (date hint included), without reading a file."""
    doc = make_document(
        doc_id=doc_id,
        data=text.encode("utf-8", "surrogatepass"),
        fmt=InputFormat.TXT,
        source_path=doc_id,
        content_type="text",
        text=text,
        encoding="utf-8",
    )
    assert isinstance(doc, RawDocument), doc
    return doc


def _inputs(n: int) -> dict[str, list[RawDocument]]:
    out: dict[str, list[RawDocument]] = {}
    ex = sorted((REPO / "examples" / "corpus").glob("*.txt"))
    if ex:
        texts = [p.read_text(encoding="utf-8") for p in ex]
        out["examples"] = [_raw(f"ex{i}", texts[i % len(texts)]) for i in range(n)]
    shared = shared_data_dir()
    pages = shared / "boilerplate_dev" / "pages.jsonl.gz" if shared else None
    if pages is not None and pages.exists():
        docs = []
        with gzip.open(pages, "rt", encoding="utf-8") as f:
            for line in f:
                rec = json.loads(line)
                docs.append(_raw(rec["id"], rec["text"]))
                if len(docs) >= n:
                    break
        out["dev"] = docs
    return out


def _justext(text: str) -> int:
    import justext

    doc = (
        "<html><body>"
        + "".join(f"<p>{html.escape(line)}</p>" for line in text.split("\n"))
        + "</body></html>"
    )
    return len(justext.justext(doc.encode("utf-8"), justext.get_stoplist("English")))


def _rates(fn: Any, docs: list[RawDocument]) -> tuple[float, float]:
    """(documents per wall-clock second, documents per CPU second) of one call of ``fn`` on all ``docs``."""
    t0, c0 = time.perf_counter(), time.process_time()
    fn(docs)
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    return len(docs) / max(wall, 1e-9), len(docs) / max(cpu, 1e-9)


def bench(n: int = 1000, rounds: int = 3) -> dict[str, Any]:
    res: dict[str, Any] = {}
    for name, docs in _inputs(n).items():
        for d in docs[:20]:  # warm: model weights, lingua, char tables
            clean_document(d)
        chars = sum(len(d.text) for d in docs) / max(len(docs), 1)
        jt_docs = docs[: max(50, n // 5)]
        clean_best = (0.0, 0.0)
        jt_best: tuple[float, float] | None = (0.0, 0.0)
        for _ in range(rounds):
            w, c = _rates(clean_documents, docs)
            clean_best = (max(clean_best[0], w), max(clean_best[1], c))
            if jt_best is not None:
                try:
                    w, c = _rates(lambda ds: [_justext(d.text) for d in ds], jt_docs)
                    jt_best = (max(jt_best[0], w), max(jt_best[1], c))
                except ImportError:
                    jt_best = None
        res[name] = {
            "docs": len(docs),
            "mean_chars": round(chars),
            "rounds": rounds,
            "clean_docs_per_s": round(clean_best[0], 1),
            "clean_docs_per_cpu_s": round(clean_best[1], 1),
            "justext_docs_per_s": round(jt_best[0], 1) if jt_best else None,
            "justext_docs_per_cpu_s": round(jt_best[1], 1) if jt_best else None,
            "speedup_vs_justext": round(clean_best[1] / jt_best[1], 2) if jt_best else None,
        }
    return res


if __name__ == "__main__":
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    print(json.dumps(bench(n, rounds), indent=1))
