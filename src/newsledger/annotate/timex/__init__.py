"""Time expressions (TIMEX3) found by our own grammar and anchored to the document creation time.

Entry: ``extract_timexes(text, dct) -> tuple[TimeExpression, ...]``. Pure Python, no spaCy. (Issue #5.)
"""

from __future__ import annotations

import datetime as dt

from newsledger.records import TimeExpression

VERSION = "0"


def extract_timexes(text: str, dct: dt.date | None) -> tuple[TimeExpression, ...]:
    raise NotImplementedError
