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


def floors() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((REPO / "eval" / "floors.json").read_text(encoding="utf-8"))
    return data
