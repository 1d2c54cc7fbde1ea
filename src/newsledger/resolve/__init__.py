"""Resolve stage (corpus-level): one entity per real-world person, organisation and place.

Entry: ``resolve_entities(docs) -> Resolution``: ``docs`` are annotated documents (``tokens`` may be
empty when they come back from the store). Deterministic: the same mentions in any order give the same
entities and ids. (Owned by issue #6.)
"""

from __future__ import annotations

from collections.abc import Sequence

from newsledger.records import AnnotatedDocument, Resolution

NAME = "resolve"
VERSION = "0"


def resolve_entities(docs: Sequence[AnnotatedDocument]) -> Resolution:
    raise NotImplementedError
