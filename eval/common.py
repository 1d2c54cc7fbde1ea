"""Helpers shared by the per-stage evaluation scripts ``eval/eval_<stage>.py``.

Each script exposes ``evaluate(quick: bool = False) -> dict`` returning flat metric names -> numbers
(and optional nested ``baselines``), and can be run on its own. ``quick`` selects the fast, fixed
subset that ``make test`` checks against ``eval/floors.json``.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]


def shared_data_dir() -> Path | None:
    """``$NEWSLEDGER_SHARED_DATA``, else ``../shared/data`` beside the repository; None when absent."""
    env = os.environ.get("NEWSLEDGER_SHARED_DATA")
    candidates = [Path(env)] if env else []
    candidates.append(REPO.parent / "shared" / "data")
    candidates.append(REPO / "shared" / "data")
    for c in candidates:
        if c.is_dir():
            return c
    return None


def floors() -> dict[str, dict[str, dict[str, float]]]:
    """``{stage: {"quick": {metric: floor}, "full": {...}}}`` from ``eval/floors/<stage>.json``.

    Floors only go up: each is a measured dev-set score rounded down by a small margin.
    """
    out: dict[str, dict[str, dict[str, float]]] = {}
    for p in sorted((REPO / "eval" / "floors").glob("*.json")):
        data: Any = json.loads(p.read_text(encoding="utf-8"))
        out[p.stem] = data
    return out


def stages() -> list[str]:
    """Stages that have an evaluation script ``eval/eval_<stage>.py``."""
    return sorted(p.stem.removeprefix("eval_") for p in (REPO / "eval").glob("eval_*.py"))
