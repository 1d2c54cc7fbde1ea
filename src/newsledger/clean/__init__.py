"""Clean stage: article body without boilerplate, title, outlet/agency, publication date with evidence.

Entry: ``clean_document(doc, settings) -> CleanDocument | Rejection``. Must not import torch or spaCy.
(Owned by issue #4; this stub states the interface the runner calls.)
"""

from __future__ import annotations

from dataclasses import dataclass

from newsledger.records import CleanDocument, RawDocument, Rejection

NAME = "clean"
VERSION = "0"


@dataclass(frozen=True, slots=True, kw_only=True)
class CleanSettings:
    detect_language: bool = True


def clean_document(doc: RawDocument, settings: CleanSettings | None = None) -> CleanDocument | Rejection:
    raise NotImplementedError
