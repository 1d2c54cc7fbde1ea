from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from newsledger.records import AnnotatedDocument, CleanDocument


@pytest.fixture(scope="session")
def annotated() -> Callable[[str, str, dt.date], tuple[AnnotatedDocument, CleanDocument]]:
    """Parse a body with the project's spaCy model (annotate stage when ready, else the dev fallback)."""
    from eval.eval_events import annotate, clean_doc

    def make(doc_id: str, body: str, dct: dt.date) -> tuple[AnnotatedDocument, CleanDocument]:
        clean = clean_doc(doc_id, body, dct)
        return annotate([clean])[0], clean

    return make
