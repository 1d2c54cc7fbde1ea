"""On the seed pages (cleaned by hand in conftest): the Beijing articles share a story; 004 rewrites 003."""

from __future__ import annotations

import pytest

from newsledger.records import CleanDocument, DocumentVector
from newsledger.stories import (
    DerivationInput,
    StoryInput,
    StoryUpdate,
    embed_documents,
    empty_state,
    find_derivations,
    update_stories,
)


@pytest.fixture(scope="session")
def seed_vectors(seeds: dict) -> dict[str, DocumentVector]:  # type: ignore[type-arg]
    docs = [
        CleanDocument(doc_id=s.doc_id, body=s.body, lines=(), title=s.title or None) for s in seeds.values()
    ]
    return {v.doc_id: v for v in embed_documents(docs, batch_size=2)}


@pytest.fixture(scope="session")
def seed_update(seeds: dict, seed_vectors: dict) -> StoryUpdate:  # type: ignore[type-arg]
    inputs = [
        StoryInput(
            doc_id=s.doc_id,
            title=s.title or None,
            body=s.body,
            published=s.published,
            vector=seed_vectors[s.doc_id].vector,
            agency=s.agency,
        )
        for s in seeds.values()
    ]
    return update_stories(inputs, empty_state(), run_id="r1")


def test_stories_vectors_are_unit_length_in_input_order(seed_vectors: dict) -> None:  # type: ignore[type-arg]
    assert list(seed_vectors) == ["000", "001", "002", "003", "004"]
    for v in seed_vectors.values():
        assert len(v.vector) == 384
        assert abs(sum(x * x for x in v.vector) - 1.0) < 1e-4
        assert v.model == "all-MiniLM-L6-v2"


def test_stories_beijing_articles_share_a_story(seed_update: StoryUpdate) -> None:
    a = seed_update.assignments
    assert a["001"] == a["003"] == a["004"]
    assert set(a) == {"000", "001", "002", "003", "004"}


def test_stories_story_ids_come_from_the_founding_document(seed_update: StoryUpdate) -> None:
    from newsledger.records import content_id

    for story in seed_update.stories:
        founder = story.doc_ids[0]  # doc_ids are in time order, the founder is the earliest
        assert story.id == content_id("story", founder)
        assert story.title
    beijing = next(s for s in seed_update.stories if "003" in s.doc_ids)
    assert beijing.first_published is not None and beijing.first_published.isoformat() == "2024-03-23"


def test_stories_004_rewrites_003_and_nothing_else_is_derived(seeds: dict) -> None:  # type: ignore[type-arg]
    docs = [
        DerivationInput(doc_id=s.doc_id, body=s.body, published=s.published, agency=s.agency, title=s.title)
        for s in seeds.values()
    ]
    found = find_derivations(docs)
    assert [(d.doc_id, d.derived_from, d.kind) for d in found] == [("004", "003", "rewrite")]


def test_stories_a_rewrite_is_sought_only_within_its_story(seeds: dict) -> None:  # type: ignore[type-arg]
    def docs(story_of_004: str) -> list[DerivationInput]:
        return [
            DerivationInput(
                doc_id=s.doc_id,
                body=s.body,
                published=s.published,
                agency=s.agency,
                title=s.title,
                story_id=story_of_004 if s.doc_id == "004" else "beijing",
            )
            for s in seeds.values()
        ]

    assert [(d.doc_id, d.derived_from) for d in find_derivations(docs("beijing"))] == [("004", "003")]
    assert find_derivations(docs("elsewhere")) == ()
