"""A document that ties two stories strongly together merges them: older id kept, history recorded."""

from __future__ import annotations

import datetime as dt

from stories_builders import plane, unit

from newsledger.records import content_id
from newsledger.stories import StoryInput, empty_state, update_stories


def test_stories_bridging_document_merges_two_stories_and_records_it() -> None:
    base, side = plane(5)
    va = base + 0.25 * side  # cos(va, vb) ~ 0.88: alike, but without shared names not one story
    vb = base - 0.25 * side
    day = dt.date(2024, 6, 1)
    a = StoryInput(
        doc_id="a",
        title="A",
        body="Ministers Alvarez and Brennan met in Lisbon.",
        published=day,
        vector=unit(va),
    )
    b = StoryInput(
        doc_id="b",
        title="B",
        body="Envoys Costa and Dimitrov talked in Sofia.",
        published=day,
        vector=unit(vb),
    )
    bridge = StoryInput(
        doc_id="c",
        title="C",
        body="Ministers Alvarez and Brennan met in Lisbon. Envoys Costa and Dimitrov talked in Sofia.",
        published=day + dt.timedelta(days=1),
        vector=unit(base),
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
