"""Online clustering behaviour on hand-built inputs: stable ids, incremental runs, time, state round trip."""

from __future__ import annotations

import datetime as dt
import random

import numpy as np
import pytest

from newsledger.records import content_id
from newsledger.stories import (
    StateFormatError,
    StoryInput,
    dump_state,
    empty_state,
    load_state,
    state_from_rows,
    state_rows,
    update_stories,
)


def _vec(seed: int, base: np.ndarray | None = None, noise: float = 0.05) -> tuple[float, ...]:
    rng = np.random.default_rng(seed)
    v = rng.normal(size=384) if base is None else base + noise * rng.normal(size=384)
    v = v / np.linalg.norm(v)
    return tuple(float(x) for x in v)


TOPIC_A = np.random.default_rng(100).normal(size=384)
TOPIC_B = np.random.default_rng(200).normal(size=384)
BODY_A = "Acme Corp agreed to buy Widget Ltd for 300 million dollars, Acme said on Monday in Springfield."
BODY_B = "Floods in Riverton forced 2,000 people from their homes, the Riverton mayor Jane Doe said."


def _doc(doc_id: str, topic: np.ndarray, body: str, day: dt.date | None, seed: int) -> StoryInput:
    return StoryInput(
        doc_id=doc_id, title=f"title {doc_id}", body=body, published=day, vector=_vec(seed, topic)
    )


DAY = dt.date(2024, 3, 20)
DOCS = [
    _doc("a1", TOPIC_A, BODY_A, DAY, 1),
    _doc("a2", TOPIC_A, BODY_A, DAY + dt.timedelta(days=1), 2),
    _doc("b1", TOPIC_B, BODY_B, DAY, 3),
    _doc("b2", TOPIC_B, BODY_B, DAY + dt.timedelta(days=2), 4),
]


def test_stories_similar_documents_group_and_others_do_not() -> None:
    up = update_stories(DOCS, empty_state(), run_id="r1")
    a = up.assignments
    assert a["a1"] == a["a2"] == content_id("story", "a1")
    assert a["b1"] == a["b2"] == content_id("story", "b1")
    assert a["a1"] != a["b1"]
    assert len(up.stories) == 2 and up.history == ()


def test_stories_ids_survive_an_incremental_run_and_a_rerun_changes_nothing() -> None:
    first = update_stories(DOCS[:3], empty_state(), run_id="r1")
    second = update_stories(DOCS, first.state, run_id="r2")
    for d in ("a1", "a2", "b1"):
        assert second.assignments[d] == first.assignments[d]
    assert second.assignments["b2"] == second.assignments["b1"]
    again = update_stories(DOCS, second.state, run_id="r3")
    assert again.assignments == second.assignments
    assert dump_state(again.state) == dump_state(second.state)


def test_stories_same_people_years_apart_is_another_story() -> None:
    old = _doc("old", TOPIC_A, BODY_A, dt.date(2019, 3, 20), 9)
    up = update_stories([*DOCS, old], empty_state(), run_id="r1")
    assert up.assignments["old"] != up.assignments["a1"]
    # the same document with no date cannot be told apart by time and joins
    undated = _doc("undated", TOPIC_A, BODY_A, None, 9)
    up2 = update_stories([*DOCS, undated], empty_state(), run_id="r1")
    assert up2.assignments["undated"] == up2.assignments["a1"]


def test_stories_shared_event_overrides_time_distance() -> None:
    base = [StoryInput(**{**_asdict(d), "event_ids": ("ev1",)}) for d in DOCS[:2]]
    late = StoryInput(
        **{**_asdict(_doc("late", TOPIC_A, BODY_A, dt.date(2024, 12, 1), 11)), "event_ids": ("ev1",)}
    )
    up = update_stories([*base, late], empty_state(), run_id="r1")
    assert up.assignments["late"] == up.assignments["a1"]


def _asdict(d: StoryInput) -> dict:  # type: ignore[type-arg]
    return {f: getattr(d, f) for f in StoryInput.__dataclass_fields__}


def test_stories_state_round_trips_through_bytes() -> None:
    up = update_stories(DOCS, empty_state(), run_id="r1")
    blob = dump_state(up.state)
    back = load_state(blob)
    assert back == up.state
    assert np.array_equal(back.doc_vectors, up.state.doc_vectors)
    assert np.array_equal(back.story_sums, up.state.story_sums)
    assert dump_state(back) == blob
    assert load_state(dump_state(empty_state())) == empty_state()


def test_stories_state_round_trips_through_rows_in_any_order_after_the_header() -> None:
    first = update_stories(DOCS[:4], empty_state(), run_id="r1")
    up = update_stories(DOCS[4:], first.state, run_id="r2")
    rows = [(k, p, payload, None if v is None else v.copy()) for k, p, payload, v in state_rows(up.state)]
    assert rows[0][0] == "head"
    body = rows[1:]
    random.Random(7).shuffle(body)
    back = state_from_rows([rows[0], *body])
    assert back == up.state
    assert np.array_equal(back.doc_vectors, up.state.doc_vectors)
    assert np.array_equal(back.story_sums, up.state.story_sums)
    assert dump_state(back) == dump_state(up.state)
    assert state_from_rows(state_rows(empty_state())) == empty_state()
    assert state_from_rows([]) == empty_state()
    with pytest.raises(StateFormatError):  # the header must come first
        state_from_rows([*body, rows[0]])
    with pytest.raises(StateFormatError):  # a document missing
        state_from_rows([rows[0], *(r for r in body if (r[0], r[1]) != ("doc", 0))])


@pytest.mark.parametrize(
    "blob", [b"", b"not a state", b"NLSTORY1\x05\x00\x00\x00\x00\x00\x00\x00{bad}", b"pickle\x80"]
)
def test_stories_bad_state_bytes_raise(blob: bytes) -> None:
    with pytest.raises(StateFormatError):
        load_state(blob)


def test_stories_truncated_state_raises() -> None:
    blob = dump_state(update_stories(DOCS, empty_state(), run_id="r1").state)
    with pytest.raises(StateFormatError):
        load_state(blob[:-4])


def test_stories_time_order_decides_the_founder_not_arrival_order() -> None:
    later_first = [DOCS[1], DOCS[0]]
    up = update_stories(later_first, empty_state(), run_id="r1")
    assert up.assignments["a2"] == content_id("story", "a1")
