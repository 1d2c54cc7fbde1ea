"""Quality floors: each stage's quick dev-set subset must score at least its pinned floor.

Floors live in eval/floors/<stage>.json (``{"quick": {...}, "full": {...}}``), were set from measured
scores rounded down, and only go up. The full dev-set scores come from ``make eval``.
"""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest
from eval.common import floors

FLOORS = floors()


@pytest.mark.data
@pytest.mark.parametrize("stage", sorted(FLOORS))
def test_quick_subset_meets_floor(stage: str, shared_data: Path) -> None:
    quick = FLOORS[stage].get("quick", {})
    if not quick:
        pytest.skip(f"{stage}: no quick floors pinned")
    res = importlib.import_module(f"eval.eval_{stage}").evaluate(quick=True)
    for metric, floor in quick.items():
        assert metric in res, f"{stage}: metric {metric} missing from evaluate(quick=True)"
        assert res[metric] >= floor, f"{stage}: {metric} = {res[metric]:.4f} fell below its floor {floor}"


def test_floors_are_well_formed() -> None:
    for stage, data in FLOORS.items():
        assert set(data) <= {"quick", "full"}, stage
        for level in data.values():
            for metric, value in level.items():
                assert isinstance(value, (int, float)) and 0 <= value <= 1e9, (stage, metric)
