"""Fact agreement: years and other numbers tell apart two events of one kind that share names."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import numpy as np
import pytest
from stories_builders import plane, unit

from newsledger.stories import StoryInput, empty_state, rules, update_stories
from newsledger.stories.cluster import doc_facts, fact_agreement


def test_stories_doc_facts_splits_years_from_other_numbers() -> None:
    years, numbers = doc_facts("In 2012 the 6.1 quake killed 1,200 people, 7 more than in 1999 (ref A12).")
    assert years == {"2012", "1999"}
    assert numbers == {"6.1", "1,200"}  # one-digit numbers and digits inside words are no facts


def test_stories_fact_agreement_bonus_conflict_and_silence() -> None:
    story = Counter({"2012": 3, "2011": 1})
    w, c = rules.FACT_WEIGHT, rules.FACT_CONFLICT
    assert fact_agreement(frozenset({"2012"}), story, w, c) == pytest.approx(w * 3 / np.sqrt(10))
    assert fact_agreement(frozenset({"2008"}), story, w, c) == -c
    assert fact_agreement(frozenset(), story, w, c) == 0.0
    assert fact_agreement(frozenset({"2008"}), Counter(), w, c) == 0.0


def _bouts(published: dt.date | None) -> list[StoryInput]:
    base, side = plane(11)
    texts = (
        ("a", "Champion Klaus Berg beat Tom Hale at Ring Arena in 2008, winning on points 118-110.", 0.3),
        ("b", "Champion Klaus Berg beat Tom Hale at Ring Arena in 2008: the judges had it 118-110.", -0.3),
        ("c", "Champion Klaus Berg beat Sam Ortiz at Ring Arena in 2012: the judges had it 116-112.", -0.3),
    )
    return [
        StoryInput(doc_id=d, title=None, body=body, published=published, vector=unit(base + k * side))
        for d, body, k in texts
    ]


def test_stories_same_kind_event_with_other_year_and_score_founds_its_own_story() -> None:
    up = update_stories(_bouts(None), empty_state(), run_id="r")
    assert up.assignments["a"] == up.assignments["b"]
    assert up.assignments["c"] != up.assignments["a"]


def test_stories_facts_stand_in_only_for_missing_dates() -> None:
    # the same three texts, dated: the facts add nothing (between dated documents the time penalty decides),
    # so the third, whose other year and score kept it apart above, joins on names, wording and vector
    up = update_stories(_bouts(dt.date(2012, 5, 1)), empty_state(), run_id="r")
    assert up.assignments["a"] == up.assignments["b"] == up.assignments["c"]
