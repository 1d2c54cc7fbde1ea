"""Timeline chart geometry: time runs left to right, same-day events do not overlap, undated on the right."""

from __future__ import annotations

from typing import Any

from newsledger.web.timeline import MAX_DOTS, WIDTH, layout


def ev(i: int, date: str | None, n_sources: int = 1, contra: bool = False) -> dict[str, Any]:
    return {
        "event_id": f"ev_{i}",
        "type": "CONSULT",
        "mode": "meeting",
        "actors": ["A"],
        "place": None,
        "date": date,
        "sources": [{"doc": f"d{j}", "title": "t", "outlet": "o"} for j in range(n_sources)],
        "contradiction_ids": ["c"] if contra else [],
    }


def test_layout_orders_events_by_date_and_keeps_them_apart() -> None:
    chart = layout([ev(1, "2024-03-01"), ev(2, "2024-03-01"), ev(3, "2024-03-20", 3, True), ev(4, None)])
    xs = {e["event_id"]: e["x"] for e in chart["events"]}
    assert xs["ev_1"] < xs["ev_2"] < xs["ev_3"] < xs["ev_4"] <= WIDTH
    assert chart["undated_x"] is not None
    e3 = next(e for e in chart["events"] if e["event_id"] == "ev_3")
    assert e3["contradicted"] and len(e3["dots"]) == 3
    assert all(0 < d["cy"] < chart["axis_y"] for d in e3["dots"])
    assert chart["ticks"][0]["label"] == "2024-03-01"
    assert chart["ticks"][-1]["label"] == "2024-03-20"


def test_layout_caps_stacks_and_handles_no_dates() -> None:
    chart = layout([ev(1, None, MAX_DOTS + 5)])
    (e,) = chart["events"]
    assert len(e["dots"]) == MAX_DOTS and e["more"] == 5
    assert chart["ticks"] == []
    assert layout([])["events"] == []
