"""Evaluate the reconcile stage on multi-source ECB+ stories with hand-labelled disagreements.

Data: ECB+ train/dev documents (``../shared/data/ecbplus``), one story per gold seminal-event cluster
(several outlets' reports of one real event). Labels: ``eval/data/reconcile_gold.jsonl``, written by hand
by reading the stories: per story, contradictions (e.g. "two" vs "three" undersea cables), agreements and
compatible statements, each side with its value and body offsets (no article text is stored).

Inputs to ``reconcile_story`` are built the way upstream would hand them over, with the upstream parts that
are not under test taken from ECB+ gold: sentences are ECB+'s lines, timexes come from the annotate
stage's TIMEX3 tagger (no DCT: ECB+ gives none), events are ECB+'s cross-document event chains (one
``Event`` per chain, a source per sentence holding a mention, its date/place slots from the TIME_DATE /
LOC mentions of that sentence).

Metrics:
* ``contradiction_precision``: predicted contradictions whose values cite spans of two different sides of
  one gold contradiction, over all predicted contradictions (a prediction of a disagreement that is not
  labelled, or that is labelled agreement/compatible, counts against it);
* ``contradiction_recall``: gold contradictions so matched;
* ``agreement_recall``: gold agreements/compatibles found as a non-contradiction finding citing two of
  their spans from different documents;
* ``summary_cited``: summary sentences with at least one citation whose span supports the sentence
  (token overlap >= 0.8 of the sentence's tokens); ``summary_citation_precision``: supporting citations
  over all citations; ``summary_in_bounds``: stories whose summary has 3-7 sentences.

``contradiction_precision_blind_labels``: the same against only the labels written before any system output
was seen (three labels were revised or added after adjudicating output: flagged ``adjudicated``, first
version in ``blind_sides``).

``upstream_*`` (full mode only): the same metrics when the events come from the real annotate, resolve and
events stages instead of ECB+'s gold chains (the end-to-end view; the events stage covers some event kinds
only, so fewer counts are tied to an event).

Baseline ``no_statement_grouping``: the same system with the same-statement test switched off (every count
of one noun in a story compared with every other), to show what the grouping buys.
"""

from __future__ import annotations

import gzip
import json
import logging
import re
import sys
import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from eval.common import shared_data_dir  # noqa: E402
from newsledger.reconcile import ReconcileInput, ReconcileResult, reconcile_story, rules  # noqa: E402
from newsledger.records import (  # noqa: E402
    AnnotatedDocument,
    CleanDocument,
    Event,
    EventSource,
    Sentence,
    Story,
    TimeExpression,
)

log = logging.getLogger("eval_reconcile")

GOLD = REPO / "eval" / "data" / "reconcile_gold.jsonl"
QUICK_STORIES = ("24_ecb", "30_ecb", "22_ecb")  # fixed fast subset: one story per kind of disagreement
SLOT_WINDOW = 30  # characters between an event mention and the time/place mention taken as its slot
SUPPORT_OVERLAP = 0.8  # a cited span supports its sentence when it holds this share of the sentence's tokens
_TOKEN = re.compile(r"\w+")


def _gold() -> list[dict[str, Any]]:
    return [json.loads(x) for x in GOLD.read_text(encoding="utf-8").splitlines() if x.strip()]


def _timexes(body: str) -> tuple[TimeExpression, ...]:
    try:
        from newsledger.annotate.timex import extract_timexes

        return extract_timexes(body, None)
    except Exception as exc:  # the tagger is another stage: without it reconcile falls back on weekdays
        log.warning("timex tagger unavailable (%s): no timexes", exc)
        return ()


def _line_spans(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


def _near(trigger: dict[str, Any], cands: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The slot mention nearest the event mention, if within ``SLOT_WINDOW`` characters: ECB+ does not link
    times and places to events, and a sentence often holds the times of several events."""
    best = None
    for c in cands:
        gap = max(c["start"] - trigger["end"], trigger["start"] - c["end"], 0)
        if gap <= SLOT_WINDOW and (best is None or gap < best[0]):
            best = (gap, c)
    return best[1] if best else None


def build_inputs(stories: tuple[str, ...]) -> dict[str, ReconcileInput]:
    """ReconcileInput per ECB+ story (gold cluster id)."""
    data = shared_data_dir()
    assert data is not None
    wanted = set(stories)
    docs: dict[str, dict[str, Any]] = {}
    with gzip.open(data / "ecbplus" / "documents.jsonl.gz", "rt", encoding="utf-8") as fh:
        for line in fh:
            d = json.loads(line)
            cluster = f"{d['topic']}_{'ecbplus' if d['id'].endswith('ecbplus') else 'ecb'}"
            if cluster in wanted:
                d["cluster"] = cluster
                docs[d["id"]] = d
    out: dict[str, ReconcileInput] = {}
    for story_id in stories:
        members = sorted(i for i, d in docs.items() if d["cluster"] == story_id)
        pairs = []
        chains: dict[str, list[tuple[str, tuple[int, int], dict[str, Any]]]] = defaultdict(list)
        for doc_id in members:
            d = docs[doc_id]
            body = d["text"]
            lines = _line_spans(body)
            clean = CleanDocument(doc_id=doc_id, body=body, lines=(), published=None)
            ann = AnnotatedDocument(
                doc_id=doc_id,
                body=body,
                dct=None,
                sentences=tuple(Sentence(start=s, end=e) for s, e in lines),
                tokens=(),
                mentions=(),
                timexes=_timexes(body),
            )
            pairs.append((clean, ann))
            by_sent: dict[int, list[dict[str, Any]]] = defaultdict(list)
            for m in d["mentions"]:
                by_sent[m["sent"]].append(m)
            for m in d["mentions"]:
                if m["is_event"] and m["chain_kind"] == "cross_doc" and m["sent"] < len(lines):
                    sent = lines[m["sent"]]
                    slots = {
                        "date": _near(m, [x for x in by_sent[m["sent"]] if x["type"] == "TIME_DATE"]),
                        "place": _near(m, [x for x in by_sent[m["sent"]] if x["type"].startswith("LOC")]),
                    }
                    chains[m["chain_id"]].append((doc_id, sent, slots))
        events = []
        for chain_id, srcs in sorted(chains.items()):
            seen: set[tuple[str, tuple[int, int]]] = set()
            sources = []
            for doc_id, sent, slots in srcs:
                if (doc_id, sent) in seen:
                    continue
                seen.add((doc_id, sent))
                date, place = slots["date"], slots["place"]
                sources.append(
                    EventSource(
                        doc=doc_id,
                        sentence=sent,
                        actor_spans=(),
                        place_span=(place["start"], place["end"]) if place else None,
                        date_span=(date["start"], date["end"]) if date else None,
                    )
                )
            n_docs = len({s.doc for s in sources})
            events.append(
                Event(
                    id=f"ev_{chain_id}",
                    type="EVENT",
                    mode="occurrence",
                    actors=(),
                    actor_ids=(),
                    place=None,
                    date=None,
                    date_to=None,
                    date_precision=None,
                    sources=tuple(sources),
                    independent_sources=n_docs,
                    confidence=1.0,
                )
            )
        story = Story(
            id=story_id, title=story_id, doc_ids=tuple(members), first_published=None, last_published=None
        )
        out[story_id] = ReconcileInput(story=story, docs=tuple(pairs), events=tuple(events))
    return out


def build_upstream_inputs(inputs: dict[str, ReconcileInput]) -> dict[str, ReconcileInput]:
    """The same documents through the real annotate, resolve and events stages (spaCy: full mode only)."""
    from newsledger.annotate import annotate_documents
    from newsledger.events import build_ledger, extract_event_mentions
    from newsledger.records import AnnotatedDocument as Ann
    from newsledger.resolve import resolve_entities

    out: dict[str, ReconcileInput] = {}
    for sid, inp in inputs.items():
        cleans = [c for c, _ in inp.docs]
        anns = [a for a in annotate_documents(cleans) if isinstance(a, Ann)]
        by_id = {a.doc_id: a for a in anns}
        res = resolve_entities(anns)
        mentions = [
            m for c in cleans if c.doc_id in by_id for m in extract_event_mentions(by_id[c.doc_id], c)
        ]
        events = build_ledger(mentions, by_id, res, {c.doc_id: None for c in cleans}, ())
        docs = tuple((c, by_id.get(c.doc_id)) for c in cleans)
        out[sid] = ReconcileInput(story=inp.story, docs=docs, events=tuple(events), entities=res.entities)
    return out


def _overlap(c: Any, sp: dict[str, Any]) -> bool:
    return bool(c.doc == sp["doc"] and c.start < sp["end"] and sp["start"] < c.end)


def _score(results: dict[str, ReconcileResult], gold: list[dict[str, Any]]) -> dict[str, float]:
    pred = [(sid, f) for sid, r in results.items() for f in r.contradictions if f.kind == "contradiction"]
    gold_c = [g for g in gold if g["label"] == "contradiction" and g["story"] in results]
    gold_a = [g for g in gold if g["label"] != "contradiction" and g["story"] in results]
    matched_gold: set[int] = set()
    tp = 0
    for sid, f in pred:
        hit = False
        for gi, g in enumerate(gold_c):
            if g["story"] != sid:
                continue
            pairs = {
                (vi, si)
                for vi, v in enumerate(f.values)
                for c in v.sources
                for si, side in enumerate(g["sides"])
                if any(_overlap(c, sp) for sp in side["spans"])
            }
            if any(a[0] != b[0] and a[1] != b[1] for a in pairs for b in pairs):
                hit = True
                matched_gold.add(gi)
        tp += hit
        if not hit:
            log.info("FP %s: %s %s", sid, f.subject, [v.value for v in f.values])
    for gi, g in enumerate(gold_c):
        if gi not in matched_gold:
            log.info("FN %s: %s", g["story"], g["subject"])
    agree_found = 0
    for g in gold_a:
        spans = [sp for side in g["sides"] for sp in side["spans"]]
        ok = False
        for f in results[g["story"]].contradictions:
            if f.kind == "contradiction":
                continue
            docs = {
                sp["doc"] for c in (c for v in f.values for c in v.sources) for sp in spans if _overlap(c, sp)
            }
            ok = ok or len(docs) >= 2
        agree_found += ok
    n_sent = n_cited = n_cit = n_support = n_bounds = 0
    for sid, r in results.items():
        n_bounds += rules.SUMMARY_MIN <= len(r.summary) <= rules.SUMMARY_MAX
        for s in r.summary:
            n_sent += 1
            toks = _TOKEN.findall(s.text.lower())
            supported = False
            for c in s.citations:
                n_cit += 1
                body = next(cl.body for cl, _ in _inputs_cache[sid].docs if cl.doc_id == c.doc)
                cited = _TOKEN.findall(body[c.start : c.end].lower())
                share = sum(min(toks.count(t), cited.count(t)) for t in set(toks)) / max(1, len(toks))
                if share >= SUPPORT_OVERLAP:
                    n_support += 1
                    supported = True
            n_cited += supported
    return {
        "contradiction_precision": tp / len(pred) if pred else 1.0,
        "contradiction_recall": len(matched_gold) / len(gold_c) if gold_c else 1.0,
        "agreement_recall": agree_found / len(gold_a) if gold_a else 1.0,
        "summary_cited": n_cited / n_sent if n_sent else 0.0,
        "summary_citation_precision": n_support / n_cit if n_cit else 0.0,
        "summary_in_bounds": n_bounds / len(results) if results else 0.0,
        "predicted_contradictions": float(len(pred)),
    }


_inputs_cache: dict[str, ReconcileInput] = {}


@contextmanager
def _no_statement_grouping() -> Iterator[None]:
    saved = (rules.SAME_STATEMENT_JACCARD, rules.SAME_STATEMENT_JACCARD_DERIVED)
    rules.SAME_STATEMENT_JACCARD = rules.SAME_STATEMENT_JACCARD_DERIVED = 0.0
    try:
        yield
    finally:
        rules.SAME_STATEMENT_JACCARD, rules.SAME_STATEMENT_JACCARD_DERIVED = saved


def evaluate(quick: bool = False) -> dict[str, Any]:
    gold = _gold()
    stories = QUICK_STORIES if quick else tuple(sorted({g["story"] for g in gold}))
    t0 = time.perf_counter()
    inputs = build_inputs(stories)
    _inputs_cache.clear()
    _inputs_cache.update(inputs)
    t1 = time.perf_counter()
    results = {sid: reconcile_story(inp) for sid, inp in inputs.items()}
    t2 = time.perf_counter()
    metrics: dict[str, Any] = _score(results, gold)
    # the labels as first written, before any system output was seen: revised labels keep their first
    # version in "blind_sides", labels added after adjudicating output are dropped
    first = [
        {**g, "sides": g.get("blind_sides", g["sides"])}
        for g in gold
        if "blind_sides" in g or not g.get("adjudicated")
    ]
    blind = _score(results, first)
    metrics["contradiction_precision_blind_labels"] = blind["contradiction_precision"]
    with _no_statement_grouping():
        base = {sid: reconcile_story(inp) for sid, inp in inputs.items()}
    b = _score(base, gold)
    metrics["baselines"] = {
        "no_statement_grouping": {
            k: b[k] for k in ("contradiction_precision", "contradiction_recall", "predicted_contradictions")
        }
    }
    if not quick:
        # the same stories with the real upstream stages (annotate, resolve, events) instead of ECB+ chains
        up_inputs = build_upstream_inputs(inputs)
        _inputs_cache.update(up_inputs)
        up = _score({sid: reconcile_story(inp) for sid, inp in up_inputs.items()}, gold)
        _inputs_cache.update(inputs)
        for k in ("contradiction_precision", "contradiction_recall", "agreement_recall", "summary_cited"):
            metrics[f"upstream_{k}"] = up[k]
    metrics["n"] = {
        "stories": len(results),
        "documents": sum(len(i.docs) for i in inputs.values()),
        "gold_contradictions": sum(
            1 for g in gold if g["label"] == "contradiction" and g["story"] in results
        ),
        "gold_agreements": sum(1 for g in gold if g["label"] != "contradiction" and g["story"] in results),
        "summary_sentences": sum(len(r.summary) for r in results.values()),
    }
    metrics["seconds_build"] = round(t1 - t0, 2)
    metrics["seconds_reconcile"] = round(t2 - t1, 2)
    return metrics


def main() -> None:
    logging.basicConfig(level=logging.INFO if "-v" in sys.argv else logging.WARNING, format="%(message)s")
    quick = "--quick" in sys.argv
    m = evaluate(quick=quick)
    print(f"reconcile eval ({'quick' if quick else 'full'}): {m['n']}")
    for k, v in m.items():
        if isinstance(v, float):
            print(f"  {k:32s} {v:.3f}")
    for name, vals in m["baselines"].items():
        print(f"  baseline {name}: " + ", ".join(f"{k}={v:.3f}" for k, v in vals.items()))


if __name__ == "__main__":
    main()
