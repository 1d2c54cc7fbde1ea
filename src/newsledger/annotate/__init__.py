"""Annotate stage: sentences, tokens with parse, entity mentions (with roles) and time expressions.

Entry: ``annotate_documents(docs) -> list[AnnotatedDocument | Rejection]`` (batched ``nlp.pipe``); the
DCT of each document is its ``CleanDocument.published``. (Owned by issue #5.)
"""

from __future__ import annotations

from collections.abc import Sequence

from newsledger.records import AnnotatedDocument, CleanDocument, Rejection

NAME = "annotate"
VERSION = "0"


def annotate_documents(docs: Sequence[CleanDocument]) -> list[AnnotatedDocument | Rejection]:
    raise NotImplementedError
