"""Every story-history entry survives the store: a story may split twice or absorb two others in one run."""

from __future__ import annotations

from newsledger.records import StoryHistoryEntry
from newsledger.runner import _history, _history_key


def _h(action: str, other: str, run: str = "r2", detail: str = "") -> StoryHistoryEntry:
    return StoryHistoryEntry(story_id="s1", action=action, other_ids=(other,), run_id=run, detail=detail)


def test_stories_two_splits_of_one_story_in_one_run_are_both_kept() -> None:
    stored = [_h("merge", "s0", run="r1")]
    new = [_h("split", "s2"), _h("split", "s3"), _h("merge", "s4"), _h("merge", "s5")]
    out = _history(stored, new)
    assert sorted((h.run_id, h.action, h.other_ids) for h in out) == [
        ("r1", "merge", ("s0",)),
        ("r2", "merge", ("s4",)),
        ("r2", "merge", ("s5",)),
        ("r2", "split", ("s2",)),
        ("r2", "split", ("s3",)),
    ]
    assert len({"|".join(_history_key(h)) for h in out}) == 5  # distinct store ids


def test_stories_history_entry_seen_again_replaces_itself() -> None:
    out = _history([_h("split", "s2", detail="old")], [_h("split", "s2", detail="new")])
    assert [h.detail for h in out] == ["new"]
