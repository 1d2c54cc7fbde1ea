"""The evaluation's B-cubed metric and gold filters (eval/eval_resolve.py)."""

from __future__ import annotations

import pytest
from eval.eval_resolve import _name_span, bcubed


def test_bcubed_perfect_and_singletons() -> None:
    gold = {("d", 0, 1): "a", ("d", 2, 3): "a", ("d", 4, 5): "b"}
    assert bcubed(dict(gold), gold) == (1.0, 1.0, 1.0)
    p, r, _ = bcubed({}, gold)  # nothing linked: every mention alone
    assert p == 1.0 and r == pytest.approx((0.5 + 0.5 + 1) / 3)


def test_bcubed_over_merge_costs_precision() -> None:
    gold = {("d", 0, 1): "a", ("d", 2, 3): "b"}
    p, r, f = bcubed({("d", 0, 1): "x", ("d", 2, 3): "x"}, gold)
    assert (p, r) == (0.5, 1.0) and f == pytest.approx(2 / 3)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("in Los Angeles", "Los Angeles"),
        ("the Gulf of Aden", "Gulf of Aden"),
        ("Police", None),  # a capitalised common noun
        ("her", None),
        ("rehab program", None),
        ("CNN", "CNN"),
    ],
)
def test_gold_name_filter(text: str, expected: str | None) -> None:
    common = frozenset({"police", "program", "rehab"})
    span = _name_span(text, 10, common)
    assert (span[2] if span else None) == expected
    if span:
        assert span[1] - span[0] == len(span[2])
