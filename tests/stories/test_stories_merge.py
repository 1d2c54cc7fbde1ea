"""A document that ties two stories strongly together merges them: older id kept, history recorded."""

from __future__ import annotations

import datetime as dt

import numpy as np

from newsledger.records import content_id
from newsledger.stories import StoryInput, empty_state, update_stories


def _unit(v: np.ndarray) -> tuple[float, ...]:
    return tuple(float(x) for x in v / np.linalg.norm(v))


def test_stories_bridging_document_merges_two_stories_and_records_it() -> None:
    rng = np.random.default_rng(5)
    base = rng.normal(size=384)
    base /= np.linalg.norm(base)
    side = rng.normal(size=384)
    side -= side @ base * base
    side /= np.linalg.norm(side)
    va = base + 0.25 * side  # cos(va, vb) ~ 0.88: alike, but without shared names not one story
    vb = base - 0.25 * side
    day = dt.date(2024, 6, 1)
    a = StoryInput(
        doc_id="a",
        title="A",
        body="Ministers Alvarez and Brennan met in Lisbon.",
        published=day,
        vector=_unit(va),
    )
    b = StoryInput(
        doc_id="b",
        title="B",
        body="Envoys Costa and Dimitrov talked in Sofia.",
        published=day,
        vector=_unit(vb),
    )
    bridge = StoryInput(
        doc_id="c",
        title="C",
        body="Ministers Alvarez and Brennan met in Lisbon. Envoys Costa and Dimitrov talked in Sofia.",
        published=day + dt.timedelta(days=1),
        vector=_unit(base),
    )
    first = update_stories([a, b], empty_state(), run_id="r1")
    assert first.assignments["a"] != first.assignments["b"]
    second = update_stories([bridge], first.state, run_id="r2")
    kept = content_id("story", "a")
    assert second.assignments == {"a": kept, "b": kept, "c": kept}
    assert [(h.story_id, h.action, h.other_ids, h.run_id) for h in second.history] == [
        (kept, "merge", (content_id("story", "b"),), "r2")
    ]
    assert [s.id for s in second.stories] == [kept]
    assert dict(second.state.absorbed) == {content_id("story", "b"): kept}
