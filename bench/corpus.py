"""Benchmark inputs read in place from ../shared/data/reuters21578 (nothing downloaded, nothing copied).

``reuters_jsonl(path, n)`` writes the first ``n`` dated Reuters-21578 wires as newsledger JSONL (title,
dateline and body as one page text; the wire's date as ``published``). For more documents than the 21,578
wires, ``scaled`` makes time-shifted copies with entity substitution: copy k of a wire has its date moved
by k years and its capitalised place/person tokens replaced from a fixed pool. That keeps the text
statistics (lengths, entity density, vocabulary) of real wires and makes copies distinct for hashing,
dedup and clustering; it does not test new linguistic variety, and copies stay paraphrase-free.

``min_words=ARTICLE_MIN_WORDS`` keeps the 2,564 wires of at least 250 words (mean 417, median 365 words):
the "400-word articles" of the throughput bars; 10k of them are those wires and three to four time-shifted
copies of each.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from eval.common import shared_data_dir

ARTICLE_MIN_WORDS = 250

SUBSTITUTES = [
    "Avalon",
    "Brenmoor",
    "Castoria",
    "Delmar",
    "Eskar",
    "Fenwick",
    "Galeno",
    "Hestia",
    "Istrana",
    "Jorvik",
    "Kelmar",
    "Lorenz",
    "Marwick",
    "Norland",
    "Ostrava",
    "Pelham",
]
_CAP = re.compile(r"\b[A-Z][a-z]{3,}\b")


def wires() -> Iterator[dict[str, Any]]:
    d = shared_data_dir()
    if d is None:
        raise SystemExit("../shared/data not found: the benchmark reads reuters21578 in place")
    with gzip.open(d / "reuters21578" / "reuters21578.jsonl.gz", "rt", encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            if r.get("text") and r.get("date"):
                yield r


def _doc(r: dict[str, Any], copy: int) -> dict[str, Any]:
    text = f"{r.get('title') or ''}\n\n{r.get('dateline') or ''} {r['text']}"
    date = dt.datetime.fromisoformat(r["date"]).date()
    if copy:
        date = date.replace(year=date.year + copy) if not (date.month == 2 and date.day == 29) else date
        pool = SUBSTITUTES[copy % len(SUBSTITUTES) :] + SUBSTITUTES[: copy % len(SUBSTITUTES)]
        seen: dict[str, str] = {}

        def sub(m: re.Match[str]) -> str:
            w = m.group(0)
            if w not in seen:
                seen[w] = pool[len(seen) % len(pool)] if len(seen) % 3 == 0 else w
            return seen[w]

        text = _CAP.sub(sub, text)
    return {
        "id": f"reuters-{r['id']}" + (f"-c{copy}" if copy else ""),
        "text": text,
        "published": date.isoformat(),
    }


def scaled(n: int, min_words: int = 0) -> Iterator[dict[str, Any]]:
    """``n`` documents: the wires of at least ``min_words`` words in order, then time-shifted copies."""
    base = [r for r in wires() if len(r["text"].split()) >= min_words]
    for i in range(n):
        yield _doc(base[i % len(base)], i // len(base))


def reuters_jsonl(path: Path, n: int, min_words: int = 0) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        for doc in scaled(n, min_words):
            fh.write(json.dumps(doc) + "\n")
    return path
