"""Time expressions (TIMEX3) found by our own grammar and anchored to the document creation time.

Entry: ``extract_timexes(text, dct) -> tuple[TimeExpression, ...]``. Pure Python, no spaCy. (Issue #5.)

* ``grammar.py``: one regular pattern per rule, built from the word lists in ``rules.py``;
* ``extract.py``: candidates -> longest non-overlapping -> resolved in text order (so "a year earlier",
  "the next day", "the quarter" can use the last stated date or quarter);
* ``anchor.py``: calendar arithmetic against the DCT and the tense cues read from nearby words;
* ``values.py``: TIMEX3 validity and the calendar range a value covers.

News conventions: a bare weekday is the most recent such day on or before the DCT unless the words around
it point forward ("will", "next", "is visiting"); "last Friday" is strictly before the DCT; a month or
day without a year takes the year that puts it nearest the DCT unless tense says otherwise. With no DCT,
relative expressions get underspecified values (``XXXX-WXX-5``, ``XXXX-XX-XX``, ``XXXX-03-25``).
"""

from __future__ import annotations

import datetime as dt

from newsledger.records import TimeExpression

VERSION = "2"

__all__ = ["VERSION", "extract_timexes"]


def extract_timexes(text: str, dct: dt.date | None) -> tuple[TimeExpression, ...]:
    """All time expressions in ``text``, sorted by start and non-overlapping; never raises.

    ``dct`` is the document creation time (publication date); None leaves relative values underspecified.
    """
    from newsledger.annotate.timex.extract import extract

    if not isinstance(text, str):
        return ()
    if dct is not None and not isinstance(dct, dt.date):
        dct = None
    if isinstance(dct, dt.datetime):
        dct = dct.date()
    try:
        return extract(text, dct)
    except Exception:  # never raise: a failure in one document must not stop the pipeline
        return ()
