"""Fact agreement: years and other numbers tell apart two events of one kind that share names."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest

from newsledger.stories import StoryInput, empty_state, rules, update_stories
from newsledger.stories.cluster import doc_facts, fact_agreement


def test_stories_doc_facts_splits_years_from_other_numbers() -> None:
    years, numbers = doc_facts("In 2012 the 6.1 quake killed 1,200 people, 7 more than in 1999 (ref A12).")
    assert years == {"2012", "1999"}
    assert numbers == {"6.1", "1,200"}  # one-digit numbers and digits inside words are no facts


def test_stories_fact_agreement_bonus_conflict_and_silence() -> None:
    story = Counter({"2012": 3, "2011": 1})
    assert fact_agreement(frozenset({"2012"}), story) == pytest.approx(rules.FACT_WEIGHT * 3 / np.sqrt(10))
    assert fact_agreement(frozenset({"2008"}), story) == -rules.FACT_CONFLICT
    assert fact_agreement(frozenset(), story) == 0.0
    assert fact_agreement(frozenset({"2008"}), Counter()) == 0.0


def _unit(v: np.ndarray) -> tuple[float, ...]:
    return tuple(float(x) for x in v / np.linalg.norm(v))


def test_stories_same_kind_event_with_other_year_and_score_founds_its_own_story() -> None:
    rng = np.random.default_rng(11)
    base = rng.normal(size=384)
    base /= np.linalg.norm(base)
    side = rng.normal(size=384)
    side -= side @ base * base
    side /= np.linalg.norm(side)
    first = "Champion Klaus Berg beat Tom Hale at Ring Arena in 2008, winning on points 118-110."
    docs = [
        StoryInput(doc_id="a", title=None, body=first, published=None, vector=_unit(base + 0.3 * side)),
        StoryInput(
            doc_id="b",
            title=None,
            body="Champion Klaus Berg beat Tom Hale at Ring Arena in 2008: the judges had it 118-110.",
            published=None,
            vector=_unit(base - 0.3 * side),
        ),
        StoryInput(
            doc_id="c",
            title=None,
            body="Champion Klaus Berg beat Sam Ortiz at Ring Arena in 2012: the judges had it 116-112.",
            published=None,
            vector=_unit(base - 0.3 * side),
        ),
    ]
    up = update_stories(docs, empty_state(), run_id="r")
    assert up.assignments["a"] == up.assignments["b"]
    assert up.assignments["c"] != up.assignments["a"]
