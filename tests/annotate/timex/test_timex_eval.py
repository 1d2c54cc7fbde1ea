"""The TempEval-3-style scorer in eval/eval_timex.py, on hand-made spans (no data needed)."""

from __future__ import annotations

import pytest
from eval.eval_timex import gold_value, is_heldout, score, value_errors


def test_score_strict_relaxed_value() -> None:
    gold = [(0, 6, "DATE", "2024-03-22"), (10, 20, "DURATION", "P3D"), (30, 35, "DATE", "2024")]
    system = [(0, 6, "DATE", "2024-03-22"), (12, 20, "DURATION", "P2D"), (40, 45, "DATE", "2023")]
    s = score([(gold, system)])
    assert s["strict_p"] == pytest.approx(1 / 3) and s["strict_r"] == pytest.approx(1 / 3)
    assert s["relaxed_p"] == pytest.approx(2 / 3) and s["relaxed_r"] == pytest.approx(2 / 3)
    assert s["value_acc"] == pytest.approx(1 / 2) and s["type_acc"] == 1.0
    assert s["value_f1"] == pytest.approx(0.5 * s["relaxed_f1"])


def test_relaxed_matching_is_one_to_one() -> None:
    gold = [(0, 10, "DATE", "X")]
    system = [(0, 4, "DATE", "X"), (5, 10, "DATE", "X")]
    s = score([(gold, system)])
    assert s["relaxed_r"] == 1.0 and s["relaxed_p"] == 0.5


def test_empty() -> None:
    s = score([([], [])])
    assert s["relaxed_f1"] == 0.0 and s["value_f1"] == 0.0


def test_gold_value_only_pads_weeks() -> None:
    assert gold_value("2000-W7") == "2000-W07"
    assert gold_value("2000-W07") == "2000-W07"
    assert gold_value("2000-W7-WE") == "2000-W07-WE"
    assert gold_value("1998-07") == "1998-07" and gold_value("P7D") == "P7D"


def test_split_is_fixed_by_id_hash() -> None:
    ids = [f"doc{i}" for i in range(400)]
    held = [i for i in ids if is_heldout(i)]
    assert 60 < len(held) < 140  # about a quarter
    assert held == [i for i in ids if is_heldout(i)]


def test_value_errors_lists_only_differing_values() -> None:
    text = "Officials met last Friday and will meet again in 2025."
    doc = {
        "id": "hand",
        "dct": {"value": "2024-03-25"},
        "text": text,
        "timexes": [
            {"start": 14, "end": 25, "type": "DATE", "value": "2024-03-15"},  # system: 2024-03-22
            {"start": 49, "end": 53, "type": "DATE", "value": "2025"},
        ],
    }
    rows = value_errors([doc])
    assert len(rows) == 1
    r = rows[0]
    assert (r["gold_text"], r["system"], r["rule"]) == ("last Friday", "DATE 2024-03-22", "weekday")
    assert r["kind"] == "weekday: 9999-99-99 -> 9999-99-99"
