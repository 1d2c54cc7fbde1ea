"""``make eval``: run every stage's evaluation on the dev data and write eval/results.{json,md}.

Usage: ``python -m eval.run [--quick] [STAGE ...]``.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
import time
import traceback
from typing import Any

from eval.common import REPO, shared_data_dir, stages


def _fmt(v: Any) -> str:
    if isinstance(v, float):
        return f"{v:.3f}"
    return str(v)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--quick", action="store_true", help="the fixed fast subsets that make test checks")
    ap.add_argument("stages", nargs="*", help="stages to evaluate (default: all)")
    args = ap.parse_args(argv)
    if shared_data_dir() is None:
        print("../shared/data not found: nothing to evaluate (set NEWSLEDGER_SHARED_DATA)", file=sys.stderr)
        return 0
    results: dict[str, Any] = {}
    for stage in args.stages or stages():
        t0 = time.perf_counter()
        try:
            mod = importlib.import_module(f"eval.eval_{stage}")
            res = mod.evaluate(quick=args.quick)
        except Exception as exc:  # one stage's failure is reported, the others still run
            traceback.print_exc()
            res = {"error": f"{type(exc).__name__}: {exc}"}
        res["seconds"] = round(time.perf_counter() - t0, 1)
        results[stage] = res
        print(f"== {stage} ({res['seconds']} s)")
        for k, v in res.items():
            if not isinstance(v, dict):
                print(f"  {k:40s} {_fmt(v)}")
    out = REPO / "eval" / ("results_quick.json" if args.quick else "results.json")
    out.write_text(json.dumps(results, indent=1, sort_keys=True, default=str) + "\n", encoding="utf-8")
    md = ["| stage | metric | value |", "|---|---|---|"]
    for stage, res in results.items():
        for k, v in res.items():
            if isinstance(v, (int, float)) and k != "seconds":
                md.append(f"| {stage} | {k} | {_fmt(v)} |")
    (out.with_suffix(".md")).write_text("\n".join(md) + "\n", encoding="utf-8")
    print(f"wrote {out} and {out.with_suffix('.md')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
