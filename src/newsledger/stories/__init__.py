"""Stories (issue #8): document vectors, online clustering with stable ids, derivation lineage.

Entries:

* ``embed_documents(docs, *, device, batch_size) -> list[DocumentVector]``: per document, batched, run in
  the workers; the sentence model loads once per process, lazily.
* ``update_stories(new, state, *, run_id) -> StoryUpdate``: corpus level, incremental: prior
  ``StoryState`` in (a value; ``state_rows``/``state_from_rows`` give the rows the store keeps), new
  state, every document's story, the stories and this run's merge history out.
* ``find_derivations(docs) -> tuple[Derivation, ...]``: which document copies or rewrites which.
"""

from __future__ import annotations

import logging

from newsledger.stories.cluster import StoryInput, StoryUpdate, update_stories
from newsledger.stories.derive import DerivationInput, find_derivations
from newsledger.stories.embed import embed_documents
from newsledger.stories.state import (
    StateFormatError,
    StoryState,
    dump_state,
    empty_state,
    load_state,
    state_from_rows,
    state_rows,
)

__all__ = [
    "NAME",
    "VERSION",
    "DerivationInput",
    "StateFormatError",
    "StoryInput",
    "StoryState",
    "StoryUpdate",
    "dump_state",
    "embed_documents",
    "empty_state",
    "find_derivations",
    "load_state",
    "state_from_rows",
    "state_rows",
    "update_stories",
]

logging.getLogger(__name__).addHandler(logging.NullHandler())

NAME = "stories"
VERSION = "1"
