"""Geometry of the story timeline chart (the template draws it as SVG; no text is placed here).

Events sit on a horizontal time axis at their date; each event's sources are stacked as dots above its
tick; events whose date is unknown go to an "undated" band on the right; an event under a contradiction
gets a marker. The layout is computed in Python so the template holds no arithmetic and the chart needs
no JavaScript.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

WIDTH = 920
MARGIN_LEFT = 40
MARGIN_RIGHT = 40
UNDATED_BAND = 110  # px reserved on the right for undated events, when there are any
AXIS_Y_PAD = 34  # px below the axis for date labels
DOT_STEP = 14  # vertical distance between stacked source dots
DOT_RADIUS = 5
MAX_DOTS = 12  # sources drawn per event; the rest are summarised as "+N"
SAME_DAY_STEP = 16  # horizontal offset between events on the same date
TICKS = 6
LABEL_GAP = 64  # px between event-type labels above the stacks; closer events keep only their tooltip


def _date(value: Any) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def layout(events: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """Chart geometry for ``LedgerReader.timeline()`` rows.

    Returns ``{width, height, axis_y, x0, x1, ticks: [{x, label}], events: [{event_id, type, date, x,
    dots: [{cy, doc, title}], more, contradicted, top, label, show_label}], undated_x, dot_r}``.
    """
    dated = [(e, _date(e.get("date"))) for e in events]
    days = [d for _, d in dated if d is not None]
    has_undated = any(d is None for _, d in dated)
    x0 = MARGIN_LEFT
    x1 = WIDTH - MARGIN_RIGHT - (UNDATED_BAND if has_undated else 0)
    lo, hi = (min(days), max(days)) if days else (None, None)
    span_days = max(1, (hi - lo).days) if lo and hi else 1
    tallest = max((min(len(e.get("sources", [])), MAX_DOTS) for e in events), default=1)
    axis_y = 44 + max(1, tallest) * DOT_STEP + 16
    height = axis_y + AXIS_Y_PAD

    def x_of(d: dt.date) -> float:
        if lo is None or lo == hi:
            return (x0 + x1) / 2
        return x0 + (x1 - x0) * (d - lo).days / span_days

    same_day: dict[Any, int] = defaultdict(int)
    out = []
    last_label = -1e9
    undated_i = 0
    undated_x = WIDTH - MARGIN_RIGHT - UNDATED_BAND / 2
    for e, d in dated:
        x: float
        if d is None:
            x = WIDTH - MARGIN_RIGHT - UNDATED_BAND + 20 + undated_i * SAME_DAY_STEP
            undated_i += 1
        else:
            k = same_day[d]
            same_day[d] += 1
            x = x_of(d) + k * SAME_DAY_STEP
        sources = list(e.get("sources", []))
        dots = [
            {
                "cy": axis_y - 14 - i * DOT_STEP,
                "doc": s.get("doc"),
                "title": f"{s.get('outlet') or s.get('doc')}: {s.get('title') or ''}",
            }
            for i, s in enumerate(sources[:MAX_DOTS])
        ]
        show_label = x - last_label >= LABEL_GAP
        if show_label:
            last_label = x
        out.append(
            {
                "show_label": show_label,
                "event_id": e.get("event_id"),
                "type": e.get("type"),
                "date": e.get("date"),
                "x": round(x, 1),
                "dots": dots,
                "more": max(0, len(sources) - MAX_DOTS),
                "contradicted": bool(e.get("contradiction_ids")),
                "top": (dots[-1]["cy"] if dots else axis_y) - 12,
                "label": f"{e.get('date') or 'undated'} {e.get('type')} ({e.get('mode')}): "
                f"{', '.join(e.get('actors', []))}" + (f" in {e['place']}" if e.get("place") else ""),
            }
        )
    ticks = []
    if lo is not None and hi is not None:
        n = min(TICKS, span_days + 1) if lo != hi else 1
        for i in range(n):
            d = lo + dt.timedelta(days=round(i * span_days / max(1, n - 1))) if n > 1 else lo
            ticks.append({"x": round(x_of(d), 1), "label": d.isoformat()})
    return {
        "width": WIDTH,
        "height": height,
        "axis_y": axis_y,
        "x0": x0,
        "x1": x1,
        "ticks": ticks,
        "events": out,
        "undated_x": undated_x if has_undated else None,
        "dot_r": DOT_RADIUS,
    }
