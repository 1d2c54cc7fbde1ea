"""A story whose members fall into two well-separated groups splits: founder's id kept, history recorded."""

from __future__ import annotations

import numpy as np
from stories_builders import plane

from newsledger.records import content_id
from newsledger.stories import StoryInput, dump_state, empty_state, load_state, update_stories

BASE, SIDE = plane(21)
COMMON = "Champion Klaus Berg defended his title at Ring Arena before Promoter Lena Vogt."


def _doc(doc_id: str, sign: float, names: str, seed: int) -> StoryInput:
    v = BASE + sign * 0.2 * SIDE + 0.005 * np.random.default_rng(seed).normal(size=384)
    return StoryInput(
        doc_id=doc_id,
        title=None,
        body=f"{COMMON} {names}",
        published=None,
        vector=tuple(float(x) for x in v / np.linalg.norm(v)),
    )


A = "Challenger Tom Hale fell in Dortmund, Referee Ivo Marek said."
B = "Challenger Sam Ortiz fell in Vienna, Referee Joe Park said."
DOCS = [
    _doc(f"{g}{i}", 1.0 if g == "a" else -1.0, A if g == "a" else B, 10 * i + (g == "b"))
    for i in range(1, 6)
    for g in "ab"
]


def test_stories_two_events_joined_early_split_apart() -> None:
    up = update_stories(DOCS, empty_state(), run_id="r1")
    kept, new = content_id("story", "a1"), content_id("story", "split:b1")
    assert {d.doc_id: up.assignments[d.doc_id] for d in DOCS} == {
        d.doc_id: (kept if d.doc_id.startswith("a") else new) for d in DOCS
    }
    # undated documents come in doc-id order: a1..a5 found a story, b1 joins it (same champion, arena,
    # promoter; vectors at cos ~0.92), and at b4 the b group is plain enough to split off
    assert [(h.story_id, h.action, h.other_ids, h.detail) for h in up.history] == [
        (kept, "split", (new,), "4 of 9 documents, via b4")
    ]
    assert sorted(s.id for s in up.stories) == sorted([kept, new])
    assert load_state(dump_state(up.state)) == up.state


def test_stories_split_is_the_same_one_document_per_run() -> None:
    state = empty_state()
    for d in DOCS:
        out = update_stories([d], state, run_id=d.doc_id)
        state = out.state
    whole = update_stories(DOCS, empty_state(), run_id="r1")
    assert out.assignments == whole.assignments


def _dated(doc: StoryInput, day: int) -> StoryInput:
    import datetime as dt
    from dataclasses import replace

    return replace(doc, published=dt.date(2024, 1, 1) + dt.timedelta(days=day))


def test_stories_split_details_kept_only_while_a_story_can_split() -> None:
    # a story out of reach by time cannot split any more: its members' terms and facts leave the state,
    # so the state does not grow with the whole corpus; a new story's members keep theirs
    old = [_dated(d, i) for i, d in enumerate(DOCS[:3])]
    late = [_dated(d, 400 + i) for i, d in enumerate(DOCS[3:5])]
    up = update_stories(old + late, empty_state(), run_id="r1")
    detailed = {d.doc_id: d.detailed for d in up.state.docs}
    assert detailed == {"a1": False, "b1": False, "a2": False, "b2": True, "a3": True}
    assert all(not d.terms and not d.years for d in up.state.docs if not d.detailed)
    assert any(d.terms for d in up.state.docs if d.detailed)
    again = load_state(dump_state(up.state))
    assert again == up.state


def test_stories_split_needs_the_members_details() -> None:
    from dataclasses import replace

    first = update_stories(DOCS[:7], empty_state(), run_id="r1")  # a1..a4, b1..b3: no split yet
    assert not first.history
    bare = replace(
        first.state,
        docs=tuple(
            replace(d, terms=(), years=(), numbers=(), event_ids=(), detailed=False) for d in first.state.docs
        ),
    )
    with_details = update_stories(DOCS[7:], first.state, run_id="r2")
    without = update_stories(DOCS[7:], load_state(dump_state(bare)), run_id="r2")
    assert [h.action for h in with_details.history] == ["split"]
    assert not without.history
