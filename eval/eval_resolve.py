"""Evaluate the resolve stage: B-cubed P/R/F1 of entity clusters against gold entity chains.

Gold:
* ECB+ (../shared/data/ecbplus, train+dev topics; test topics 36-45 are not in the file): cross-document
  entity chains in the validated sentences (ECB+ chains only those; outside them names are left as
  unlinked singletons, so all mentions are resolved but only validated ones scored), restricted to mentions
  that look like names (capitalised tokens after any leading
  preposition/article, no pronouns/common nouns); the mention span is trimmed to the name. Labels come from
  the ECB+ type (HUMAN_PART_PER -> PERSON, HUMAN_PART_ORG -> ORG, LOC_GEO -> GPE ...): this measures
  resolution given the mentions, not NER.
* eval/data/resolve_gold.jsonl: hand chains on Reuters-21578 newswires (../shared/data/reuters21578) with
  names romanised from Arabic, Russian, Chinese, Korean, Japanese and Persian; stored as doc id + offsets +
  label + chain, the text is read from the shared file.

System mentions left without a link count as singletons. Baselines: every mention alone; exact string.
``quick=True`` evaluates a fixed subset (ECB+ topics 1-4 + the hand set).
"""

from __future__ import annotations

import gzip
import json
import re
import sys
import time
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from eval.common import shared_data_dir  # noqa: E402
from newsledger.records import AnnotatedDocument, Mention, Sentence  # noqa: E402
from newsledger.resolve import resolve_entities  # noqa: E402

GOLD_HAND = REPO / "eval" / "data" / "resolve_gold.jsonl"
QUICK_TOPICS = frozenset({1, 2, 3, 4})

ECB_LABELS = {
    "HUMAN_PART_PER": "PERSON",
    "HUMAN_PART_ORG": "ORG",
    "HUMAN_PART_GPE": "GPE",
    "HUMAN_PART_MET": "ORG",
    "HUMAN_PART_FAC": "FAC",
    "HUMAN_PART_VEH": "PRODUCT",
    "LOC_GEO": "GPE",
    "LOC_FAC": "FAC",
    "LOC_OTHER": "LOC",
    "NON_HUMAN_PART": "PRODUCT",
}
_LEAD = {
    "in",
    "at",
    "to",
    "on",
    "from",
    "near",
    "into",
    "of",
    "the",
    "a",
    "an",
    "by",
    "for",
    "with",
    "around",
}
_CONNECT = {
    "of",
    "and",
    "the",
    "de",
    "'s",
    "'",
    "&",
    "-",
    ".",
    ",",
    "da",
    "del",
    "al",
    "bin",
    "von",
    "van",
}
_NOT_NAMES = {"i", "he", "she", "it", "they", "we", "you", "his", "her", "its", "their", "our", "him", "them"}

Key = tuple[str, int, int]  # doc, start, end


def _common_words(texts: Iterable[str]) -> frozenset[str]:
    """Words written in lower case at least 3 times and at least as often as capitalised: a mention made
    only of them ("Man", "Police", "Witnesses") is a capitalised common noun (headline, sentence start),
    not a name."""
    lower: dict[str, int] = defaultdict(int)
    cap: dict[str, int] = defaultdict(int)
    for t in texts:
        for w in re.findall(r"(?<![\w./@-])[A-Za-z][a-z'-]+(?![\w./@])", t):
            if w[0].islower():
                lower[w] += 1
            else:
                cap[w.lower()] += 1
    return frozenset(w for w, n in lower.items() if n >= 3 and n >= cap.get(w, 0))


def _name_span(text: str, start: int, common: frozenset[str] = frozenset()) -> tuple[int, int, str] | None:
    """The name inside a gold mention ("in Los Angeles" -> "Los Angeles"), or None when not name-like."""
    toks = [(m.start(), m.group()) for m in re.finditer(r"\S+", text)]
    while toks and toks[0][1].lower() in _LEAD:
        toks = toks[1:]
    if not toks:
        return None
    words = [w for _, w in toks]
    if words[0].lower() in _NOT_NAMES or not words[0][:1].isupper():
        return None
    if any(not (w[:1].isupper() or w.lower() in _CONNECT or not w[:1].isalpha()) for w in words):
        return None
    # internal capitals ("McDermott", "LaRue") and short all-caps forms ("CNN", "AP") are names whatever
    # their lower-case twins do (URL slugs, hashtags)
    content = [
        w.lower()
        for w in words
        if w[:1].isalpha() and w.lower() not in _CONNECT and not (w[1:] != w[1:].lower() and not w.isupper())
    ]
    if any(w.isupper() and len(w) <= 4 for w in words):
        content = []
    if content and all(w in common for w in content):
        return None
    s = toks[0][0]
    e = toks[-1][0] + len(toks[-1][1])
    return start + s, start + e, text[s:e]


def ecb_documents(topics: frozenset[int] | None) -> tuple[list[AnnotatedDocument], dict[Key, str]]:
    d = shared_data_dir()
    if d is None:
        return [], {}
    docs: list[AnnotatedDocument] = []
    gold: dict[Key, str] = {}
    with gzip.open(d / "ecbplus" / "documents.jsonl.gz", "rt", encoding="utf-8") as f:
        rows = [json.loads(line) for line in f]
    common = _common_words(r["text"] for r in rows)
    for row in rows:
        if topics is not None and row["topic"] not in topics:
            continue
        text: str = row["text"]
        sents: list[Sentence] = []
        pos = 0
        for part in text.split("\n"):
            sents.append(Sentence(start=pos, end=pos + len(part)))
            pos += len(part) + 1
        mentions: list[Mention] = []
        seen: set[tuple[int, int]] = set()
        for m in row["mentions"]:
            label = ECB_LABELS.get(m["type"])
            if m["is_event"] or label is None:
                continue
            span = _name_span(m["text"], m["start"], common)
            if span is None or (span[0], span[1]) in seen:
                continue
            start, end, surface = span
            assert text[start:end] == surface
            seen.add((start, end))
            mentions.append(Mention(start=start, end=end, text=surface, label=label, sent=m["sent"]))
            if m.get("in_validated_sentence", True):
                gold[(row["id"], start, end)] = f"ecb:{m['chain_id']}"
        mentions.sort(key=lambda m: (m.start, m.end))
        docs.append(
            AnnotatedDocument(
                doc_id=row["id"],
                body=text,
                dct=None,
                sentences=tuple(sents),
                tokens=(),
                mentions=tuple(mentions),
                timexes=(),
            )
        )
    return docs, gold


def hand_documents() -> tuple[list[AnnotatedDocument], dict[Key, str]]:
    d = shared_data_dir()
    if d is None or not GOLD_HAND.exists():
        return [], {}
    rows = [json.loads(ln) for ln in GOLD_HAND.read_text(encoding="utf-8").splitlines() if ln.strip()]
    wanted = {r["doc"] for r in rows}
    texts: dict[str, str] = {}
    with gzip.open(d / "reuters21578" / "reuters21578.jsonl.gz", "rt", encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            if str(row["id"]) in wanted:
                texts[str(row["id"])] = row["text"]
    docs: list[AnnotatedDocument] = []
    gold: dict[Key, str] = {}
    for r in rows:
        text = texts.get(r["doc"])
        if text is None:
            continue
        sents: list[Sentence] = []
        for m in re.finditer(r"[^.!?\n]+(?:[.!?]+|\n|$)", text):
            sents.append(Sentence(start=m.start(), end=m.end()))

        def sent_of(pos: int, sents: list[Sentence] = sents) -> int:
            return next((i for i, s in enumerate(sents) if s.start <= pos < s.end), max(len(sents) - 1, 0))

        mentions = []
        for start, end, label, chain in r["mentions"]:
            surface = text[start:end]
            mentions.append(Mention(start=start, end=end, text=surface, label=label, sent=sent_of(start)))
            gold[(f"reuters-{r['doc']}", start, end)] = f"hand:{chain}"
        docs.append(
            AnnotatedDocument(
                doc_id=f"reuters-{r['doc']}",
                body=text,
                dct=None,
                sentences=tuple(sents),
                tokens=(),
                mentions=tuple(sorted(mentions, key=lambda m: (m.start, m.end))),
                timexes=(),
            )
        )
    return docs, gold


def bcubed(system: dict[Key, str], gold: dict[Key, str]) -> tuple[float, float, float]:
    """B-cubed precision, recall, F1 over the gold mentions (a mention missing from ``system`` is alone)."""
    sys_c: dict[str, set[Key]] = defaultdict(set)
    gold_c: dict[str, set[Key]] = defaultdict(set)
    for k in gold:
        sys_c[system.get(k, f"single:{k}")].add(k)
        gold_c[gold[k]].add(k)
    if not gold:
        return 0.0, 0.0, 0.0
    p = r = 0.0
    for k in gold:
        s = sys_c[system.get(k, f"single:{k}")]
        g = gold_c[gold[k]]
        inter = len(s & g)
        p += inter / len(s)
        r += inter / len(g)
    p /= len(gold)
    r /= len(gold)
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def _topic(doc_id: str) -> str:
    """ECB+ annotates coreference within a topic only ("12_3ecb" -> "12"); other sets are one topic."""
    m = re.match(r"^(\d+)_\d+ecb", doc_id)
    return m.group(1) if m else "hand"


def system_clusters(docs: Iterable[AnnotatedDocument]) -> dict[Key, str]:
    """Mention -> entity id (prefixed with the ECB+ topic: gold chains never cross topics)."""
    docs = list(docs)
    res = resolve_entities(docs)
    by_id = {d.doc_id: d for d in docs}
    out: dict[Key, str] = {}
    for lk in res.links:
        m = by_id[lk.doc].mentions[lk.index]
        out[(lk.doc, m.start, m.end)] = f"{_topic(lk.doc)}:{lk.entity_id}"
    return out


def _exact(docs: list[AnnotatedDocument]) -> dict[Key, str]:
    return {
        (d.doc_id, m.start, m.end): f"{_topic(d.doc_id)}:{m.text.lower()}" for d in docs for m in d.mentions
    }


def evaluate(quick: bool = False) -> dict[str, Any]:
    ecb_docs, ecb_gold = ecb_documents(QUICK_TOPICS if quick else None)
    hand_docs, hand_gold = hand_documents()
    out: dict[str, Any] = {"n": {}, "baselines": {}}
    t0 = time.perf_counter()
    all_docs = ecb_docs + hand_docs
    sys_all = system_clusters(all_docs)
    out["seconds"] = round(time.perf_counter() - t0, 3)
    for name, docs, gold in (("ecb", ecb_docs, ecb_gold), ("hand", hand_docs, hand_gold)):
        if not gold:
            continue
        p, r, f = bcubed(sys_all, gold)
        out[f"{name}_bcubed_p"], out[f"{name}_bcubed_r"], out[f"{name}_bcubed_f1"] = (
            round(p, 4),
            round(r, 4),
            round(f, 4),
        )
        out["n"][f"{name}_docs"] = len(docs)
        out["n"][f"{name}_mentions"] = len(gold)
        out["n"][f"{name}_chains"] = len(set(gold.values()))
        out["baselines"][f"{name}_singletons_f1"] = round(bcubed({}, gold)[2], 4)
        out["baselines"][f"{name}_exact_string_f1"] = round(bcubed(_exact(docs), gold)[2], 4)
    gold_all = {**ecb_gold, **hand_gold}
    if gold_all:
        p, r, f = bcubed(sys_all, gold_all)
        out["bcubed_p"], out["bcubed_r"], out["bcubed_f1"] = round(p, 4), round(r, 4), round(f, 4)
        out["baselines"]["exact_string_f1"] = round(bcubed(_exact(all_docs), gold_all)[2], 4)
    return out


def main() -> None:
    quick = "--quick" in sys.argv
    res = evaluate(quick=quick)
    print(f"resolve eval ({'quick' if quick else 'full'})")
    for k, v in res.items():
        if isinstance(v, dict):
            for kk, vv in v.items():
                print(f"  {k}.{kk:<28} {vv}")
        else:
            print(f"  {k:<37} {v}")


if __name__ == "__main__":
    main()
