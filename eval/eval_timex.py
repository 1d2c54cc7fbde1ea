"""Timex evaluation on the TempEval-3 training data (TimeBank 1.2 + AQUAINT) in ../shared/data/timex.

Metrics (TempEval-3 style): strict span P/R/F1 (same offsets), relaxed span P/R/F1 (overlap; one-to-one
by largest overlap), type accuracy and value accuracy on the relaxed matches, value F1 = value accuracy
x relaxed F1 (a value counts when the spans match relaxed and the values are identical strings).

Split: documents are assigned by a hash of their id: ``sha256(id) % 4 == 0`` is the held-out part (never
looked at while writing the grammar), the rest is the tuning part. ``quick=True`` scores a fixed set of
40 documents (the 40 smallest hashes) for ``make test``.

Baseline, measured in the same run on the same text: dateparser's ``search_dates`` (the library's own
free-text date finder) with ``RELATIVE_BASE`` = DCT, each hit typed DATE with a day value
(``YYYY-MM-DD``) — a generic date finder, not a TIMEX3 system, so its type/value scores are a floor
(it cannot produce durations, sets, weeks or month/year granularity). It runs on a small fixed subset
(it takes seconds per document), reported beside our scores on the very same subset.

Error analysis: ``--errors`` lists the value errors of the TUNE part only (system vs gold value for each
relaxed match whose values differ), grouped by kind (the system rule and the shapes of both values, digits
written 9); the held-out part is never listed.

Run: ``python -m eval.eval_timex [--quick] [--json] [--no-baseline] [--errors]``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO / "src") not in sys.path:
    sys.path.insert(0, str(REPO / "src"))
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from eval.common import shared_data_dir  # noqa: E402
from newsledger.annotate.timex import VERSION, extract_timexes  # noqa: E402

Doc = dict[str, Any]
Span = tuple[int, int, str, str]  # start, end, type, value

QUICK_DOCS = 40
BASELINE_DOCS_QUICK = 8
BASELINE_DOCS_FULL = 30


def _hash(doc_id: str) -> int:
    return int(hashlib.sha256(doc_id.encode("utf-8")).hexdigest(), 16)


def is_heldout(doc_id: str) -> bool:
    return _hash(doc_id) % 4 == 0


def load_docs(data_dir: Path | None = None) -> list[Doc]:
    d = data_dir or shared_data_dir()
    if d is None:
        raise FileNotFoundError("../shared/data is not present")
    docs: list[Doc] = []
    for name in ("timebank.jsonl", "aquaint.jsonl"):
        with open(d / "timex" / name, encoding="utf-8") as f:
            docs.extend(json.loads(line) for line in f if line.strip())
    return docs


def dct_of(doc: Doc) -> dt.date:
    return dt.date.fromisoformat(doc["dct"]["value"][:10])


_SHORT_WEEK = re.compile(r"^(\d{4}-W)(\d)(?!\d)")


def gold_value(value: str) -> str:
    """The gold value with one formatting defect repaired: ISO week numbers written with one digit
    (``2000-W7``, a handful in AQUAINT) are zero-padded (``2000-W07``). Nothing else is changed."""
    return _SHORT_WEEK.sub(r"\g<1>0\g<2>", value)


def gold_spans(doc: Doc) -> list[Span]:
    return [(t["start"], t["end"], t["type"], gold_value(t["value"])) for t in doc["timexes"]]


def system_spans(doc: Doc) -> list[Span]:
    return [(t.start, t.end, t.type.value, t.value) for t in extract_timexes(doc["text"], dct_of(doc))]


def _match(gold: Sequence[Span], system: Sequence[Span]) -> list[tuple[Span, Span]]:
    """One-to-one relaxed matching, largest overlap first."""
    pairs = []
    for g in gold:
        for s in system:
            ov = min(g[1], s[1]) - max(g[0], s[0])
            if ov > 0:
                pairs.append((ov, g, s))
    pairs.sort(key=lambda p: -p[0])
    used_g: set[Span] = set()
    used_s: set[Span] = set()
    out = []
    for _, g, s in pairs:
        if g in used_g or s in used_s:
            continue
        used_g.add(g)
        used_s.add(s)
        out.append((g, s))
    return out


def _prf(tp: int, n_sys: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_sys if n_sys else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def score(pairs: Iterable[tuple[Sequence[Span], Sequence[Span]]]) -> dict[str, float]:
    n_gold = n_sys = strict = relaxed = type_ok = value_ok = 0
    for gold, system in pairs:
        n_gold += len(gold)
        n_sys += len(system)
        gs = {(g[0], g[1]) for g in gold}
        strict += sum(1 for s in system if (s[0], s[1]) in gs)
        for g, s in _match(gold, system):
            relaxed += 1
            type_ok += g[2] == s[2]
            value_ok += g[3] == s[3]
    sp, sr, sf = _prf(strict, n_sys, n_gold)
    rp, rr, rf = _prf(relaxed, n_sys, n_gold)
    type_acc = type_ok / relaxed if relaxed else 0.0
    value_acc = value_ok / relaxed if relaxed else 0.0
    return {
        "gold": n_gold,
        "system": n_sys,
        "strict_p": sp,
        "strict_r": sr,
        "strict_f1": sf,
        "relaxed_p": rp,
        "relaxed_r": rr,
        "relaxed_f1": rf,
        "type_acc": type_acc,
        "value_acc": value_acc,
        "value_f1": value_acc * rf,
        "type_f1": type_acc * rf,
    }


# ------------------------------------------------------------------------------------------- baseline
def dateparser_spans(doc: Doc) -> list[Span]:
    """dateparser.search.search_dates over the whole text, anchored at the DCT; offsets found in order."""
    from dateparser.search import search_dates

    text, dct = doc["text"], dct_of(doc)
    base = dt.datetime(dct.year, dct.month, dct.day, 12, 0)
    found = search_dates(text, languages=["en"], settings={"RELATIVE_BASE": base}) or []
    spans: list[Span] = []
    pos = 0
    for phrase, when in found:
        i = text.find(phrase, pos)
        if i < 0:
            i = text.find(phrase)
            if i < 0:
                continue
        else:
            pos = i + len(phrase)
        spans.append((i, i + len(phrase), "DATE", when.date().isoformat()))
    return spans


def _baseline_available() -> bool:
    try:
        import dateparser.search  # noqa: F401
    except ImportError:
        return False
    return True


# ------------------------------------------------------------------------------------ error analysis
_DIGIT = re.compile(r"\d")


def value_errors(docs: Sequence[Doc]) -> list[dict[str, str]]:
    """Each relaxed match whose values differ: doc id, DCT, both texts, types, values, the system rule and
    a ``kind`` (system rule: gold value shape -> system value shape)."""
    rows: list[dict[str, str]] = []
    for doc in docs:
        text = doc["text"]
        sys_tx = extract_timexes(text, dct_of(doc))
        rule = {(t.start, t.end): t.rule for t in sys_tx}
        system = [(t.start, t.end, t.type.value, t.value) for t in sys_tx]
        for g, s in _match(gold_spans(doc), system):
            if g[3] == s[3]:
                continue
            rows.append(
                {
                    "doc": doc["id"],
                    "dct": doc["dct"]["value"][:10],
                    "gold_text": text[g[0] : g[1]],
                    "system_text": text[s[0] : s[1]],
                    "gold": f"{g[2]} {g[3]}",
                    "system": f"{s[2]} {s[3]}",
                    "rule": rule[(s[0], s[1])],
                    "kind": f"{rule[(s[0], s[1])]}: {_DIGIT.sub('9', g[3])} -> {_DIGIT.sub('9', s[3])}",
                }
            )
    return rows


def print_tune_errors(data_dir: Path | None = None) -> None:
    tune = [d for d in load_docs(data_dir) if not is_heldout(d["id"])]
    rows = value_errors(tune)
    groups: dict[str, list[dict[str, str]]] = {}
    for r in rows:
        groups.setdefault(r["kind"], []).append(r)
    print(f"{len(rows)} value errors in the tune part ({len(tune)} docs), {len(groups)} kinds")
    for kind, rs in sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        print(f"\n{len(rs):3d}  {kind}")
        for r in rs:
            gold, system = f"[{r['gold_text']}] {r['gold']}", f"[{r['system_text']}] {r['system']}"
            print(f"     {r['doc']} {r['dct']}  {gold}  |  {system}")


# ------------------------------------------------------------------------------------------ evaluate
def _prefixed(prefix: str, d: dict[str, float]) -> dict[str, float]:
    return {f"{prefix}{k}": v for k, v in d.items()}


def _run(docs: Sequence[Doc], fn: Callable[[Doc], list[Span]]) -> tuple[dict[str, float], float]:
    t0 = time.perf_counter()
    pairs = [(gold_spans(d), fn(d)) for d in docs]
    return score(pairs), time.perf_counter() - t0


def evaluate(quick: bool = False, data_dir: Path | None = None, baseline: bool = True) -> dict[str, Any]:
    docs = sorted(load_docs(data_dir), key=lambda d: _hash(d["id"]))
    out: dict[str, Any] = {"version": VERSION}
    if quick:
        subset = docs[:QUICK_DOCS]
        m, secs = _run(subset, system_spans)
        out.update(m)
        out["docs"] = len(subset)
        out["docs_per_s"] = len(subset) / secs if secs else 0.0
        base_docs = subset[:BASELINE_DOCS_QUICK]
    else:
        tune = [d for d in docs if not is_heldout(d["id"])]
        held = [d for d in docs if is_heldout(d["id"])]
        m_all, secs = _run(docs, system_spans)
        out.update(m_all)
        out["docs"] = len(docs)
        out["docs_per_s"] = len(docs) / secs if secs else 0.0
        out.update(_prefixed("tune_", _run(tune, system_spans)[0]))
        out["tune_docs"] = len(tune)
        out.update(_prefixed("heldout_", _run(held, system_spans)[0]))
        out["heldout_docs"] = len(held)
        base_docs = docs[:BASELINE_DOCS_FULL]
    if baseline and _baseline_available():
        bm, bsecs = _run(base_docs, dateparser_spans)
        om, osecs = _run(base_docs, system_spans)
        out["baselines"] = {
            "dateparser_search_dates": {
                **bm,
                "docs": len(base_docs),
                "docs_per_s": len(base_docs) / bsecs if bsecs else 0.0,
            },
            "ours_same_docs": {
                **om,
                "docs": len(base_docs),
                "docs_per_s": len(base_docs) / osecs if osecs else 0.0,
            },
        }
    return out


def _fmt(d: dict[str, Any], indent: str = "") -> str:
    lines = []
    for k, v in d.items():
        if isinstance(v, dict):
            lines.append(f"{indent}{k}:")
            lines.append(_fmt(v, indent + "  "))
        elif isinstance(v, float):
            lines.append(f"{indent}{k}: {v:.3f}")
        else:
            lines.append(f"{indent}{k}: {v}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if "--errors" in args:
        print_tune_errors()
        return 0
    res = evaluate(quick="--quick" in args, baseline="--no-baseline" not in args)
    print(json.dumps(res, indent=2) if "--json" in args else _fmt(res))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
