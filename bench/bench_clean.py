"""Speed of the clean stage on page dumps, single process, beside jusText on the same inputs.

Two input sets: ``examples`` (examples/corpus, the shape newsledger receives: ~2.5k characters and ~30 lines
a page, cycled to ``n`` documents) and ``dev`` (the first ``n`` page dumps of
../shared/data/boilerplate_dev, ~10k characters and ~150 lines a page, when present). For each: documents
per second of ``clean_document`` (warm: models loaded once before timing), and of jusText 3.0.2 with each
line one ``<p>`` (English stoplist, defaults), as ``make eval`` runs it. No timed assertions.

Run: ``python bench/bench_clean.py [N]``.
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

from newsledger.clean import clean_document
from newsledger.records import InputFormat, RawDocument, content_hash


def _raw(doc_id: str, text: str) -> RawDocument:
    from newsledger.ingest import DATE_HINT
    from newsledger.records import Span

    data = text.encode("utf-8", "surrogatepass")
    m = DATE_HINT.match(text)
    hint = Span(start=m.start(1), end=m.end(1), text=m.group(1)) if m else None
    return RawDocument(
        id=doc_id,
        format=InputFormat.TXT,
        raw=data,
        text=text,
        encoding="utf-8",
        content_hash=content_hash(data),
        source_path=doc_id,
        date_hint=hint,
    )


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


def _rate(fn: Any, docs: list[RawDocument]) -> float:
    t0 = time.perf_counter()
    for d in docs:
        fn(d)
    return len(docs) / (time.perf_counter() - t0)


def bench(n: int = 1000) -> dict[str, Any]:
    res: dict[str, Any] = {}
    for name, docs in _inputs(n).items():
        for d in docs[:20]:  # warm: model weights, lingua, char tables
            clean_document(d)
        chars = sum(len(d.text) for d in docs) / max(len(docs), 1)
        clean_rate = _rate(clean_document, docs)
        jt_docs = docs[: max(50, n // 5)]
        try:
            jt_rate: float | None = _rate(lambda d: _justext(d.text), jt_docs)
        except ImportError:
            jt_rate = None
        res[name] = {
            "docs": len(docs),
            "mean_chars": round(chars),
            "clean_docs_per_s": round(clean_rate, 1),
            "justext_docs_per_s": round(jt_rate, 1) if jt_rate else None,
            "speedup_vs_justext": round(clean_rate / jt_rate, 2) if jt_rate else None,
        }
    return res


if __name__ == "__main__":
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    print(json.dumps(bench(n), indent=1))
