"""Story state between runs, as a value: documents seen, stories, term statistics; and its byte form.

``dump_state`` writes ``MAGIC`` + an 8-byte little-endian header length + a JSON header + the raw float32
matrices (document vectors, story vector sums), no pickle; ``load_state`` reads it back and checks it.
"""

from __future__ import annotations

import datetime as dt
import json
import struct
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

from newsledger.stories.rules import EMBED_DIM

MAGIC = b"NLSTORY1"
FloatMatrix = npt.NDArray[np.float32]


class StateFormatError(ValueError):
    """The bytes are not a story state this version can read."""


@dataclass(frozen=True, slots=True, kw_only=True)
class DocEntry:
    """A document already placed: its story, date, headline (for story titles) and what a split of its story
    needs: its heaviest term weights (``DOC_MAX_TERMS``), its facts (years, other numbers) and event ids."""

    doc_id: str
    story_id: str
    published: dt.date | None
    title: str
    terms: tuple[tuple[str, float], ...] = ()
    years: tuple[str, ...] = ()
    numbers: tuple[str, ...] = ()
    event_ids: tuple[str, ...] = ()
    detailed: bool = False  # terms/years/numbers/event_ids kept (only while the story can still split)


@dataclass(frozen=True, slots=True, kw_only=True)
class StoryEntry:
    """One story: id (content id of its founding document, never changes), members, heaviest terms."""

    id: str
    founder: str
    doc_ids: tuple[str, ...]
    first_published: dt.date | None
    last_published: dt.date | None
    terms: tuple[tuple[str, float], ...]  # summed tf-idf of members, heaviest STORY_MAX_TERMS
    event_ids: tuple[str, ...] = ()
    # members mentioning each year / each other number (cluster.doc_facts), most frequent STORY_MAX_TERMS
    years: tuple[tuple[str, int], ...] = ()
    numbers: tuple[tuple[str, int], ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class StoryState:
    """Everything ``update_stories`` needs from earlier runs.

    ``doc_vectors[i]`` is the vector of ``docs[i]``; ``story_sums[j]`` the sum of member vectors of
    ``stories[j]``; ``absorbed`` maps ids of merged-away stories to the story that absorbed them;
    ``term_df`` counts documents per term (online idf), ``n_docs`` the documents counted.
    """

    docs: tuple[DocEntry, ...] = ()
    stories: tuple[StoryEntry, ...] = ()
    absorbed: tuple[tuple[str, str], ...] = ()
    term_df: tuple[tuple[str, int], ...] = ()
    n_docs: int = 0
    doc_vectors: FloatMatrix = field(
        default_factory=lambda: np.zeros((0, EMBED_DIM), dtype=np.float32), compare=False
    )
    story_sums: FloatMatrix = field(
        default_factory=lambda: np.zeros((0, EMBED_DIM), dtype=np.float32), compare=False
    )


def empty_state() -> StoryState:
    """The state before any document."""
    return StoryState()


def _date(s: str | None) -> dt.date | None:
    return dt.date.fromisoformat(s) if s else None


def _iso(d: dt.date | None) -> str | None:
    return d.isoformat() if d else None


def _doc_entry(row: list[Any]) -> DocEntry:
    d, s, p, t = row[:4]
    if len(row) == 4:  # no split details: an older state, or a story that can no longer split
        return DocEntry(doc_id=d, story_id=s, published=_date(p), title=t)
    terms, years, numbers, events = row[4:8]
    return DocEntry(
        doc_id=d,
        story_id=s,
        published=_date(p),
        title=t,
        terms=tuple((k, float(w)) for k, w in terms),
        years=tuple(years),
        numbers=tuple(numbers),
        event_ids=tuple(events),
        detailed=True,
    )


def dump_state(state: StoryState) -> bytes:
    """The state as bytes (JSON header + raw float32), for the store to keep as one blob."""
    dim = int(state.doc_vectors.shape[1]) if state.doc_vectors.ndim == 2 else EMBED_DIM
    header: dict[str, Any] = {
        "dim": dim,
        "n_docs": state.n_docs,
        "docs": [
            [d.doc_id, d.story_id, _iso(d.published), d.title]
            + (
                [[[t, w] for t, w in d.terms], list(d.years), list(d.numbers), list(d.event_ids)]
                if d.detailed
                else []
            )
            for d in state.docs
        ],
        "stories": [
            {
                "id": s.id,
                "founder": s.founder,
                "doc_ids": list(s.doc_ids),
                "first": _iso(s.first_published),
                "last": _iso(s.last_published),
                "terms": [[t, w] for t, w in s.terms],
                "events": list(s.event_ids),
                "years": [[t, c] for t, c in s.years],
                "numbers": [[t, c] for t, c in s.numbers],
            }
            for s in state.stories
        ],
        "absorbed": [list(p) for p in state.absorbed],
        "term_df": [list(p) for p in state.term_df],
        "shapes": [list(state.doc_vectors.shape), list(state.story_sums.shape)],
    }
    head = json.dumps(header, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    dv = np.ascontiguousarray(state.doc_vectors, dtype="<f4").tobytes()
    ss = np.ascontiguousarray(state.story_sums, dtype="<f4").tobytes()
    return MAGIC + struct.pack("<Q", len(head)) + head + dv + ss


def load_state(data: bytes) -> StoryState:
    """Read what ``dump_state`` wrote; raises ``StateFormatError`` on anything else."""
    if not data.startswith(MAGIC) or len(data) < len(MAGIC) + 8:
        raise StateFormatError("not a story state (bad magic)")
    (n,) = struct.unpack_from("<Q", data, len(MAGIC))
    start = len(MAGIC) + 8
    try:
        header = json.loads(data[start : start + n].decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise StateFormatError(f"story state header unreadable: {exc}") from exc
    (dv_shape, ss_shape) = header["shapes"]
    off = start + n
    dv_len = int(np.prod(dv_shape)) * 4
    ss_len = int(np.prod(ss_shape)) * 4
    if len(data) != off + dv_len + ss_len:
        raise StateFormatError("story state truncated or padded")
    dv = np.frombuffer(data, dtype="<f4", count=dv_len // 4, offset=off).reshape(dv_shape)
    ss = np.frombuffer(data, dtype="<f4", count=ss_len // 4, offset=off + dv_len).reshape(ss_shape)
    return StoryState(
        docs=tuple(_doc_entry(d) for d in header["docs"]),
        stories=tuple(
            StoryEntry(
                id=s["id"],
                founder=s["founder"],
                doc_ids=tuple(s["doc_ids"]),
                first_published=_date(s["first"]),
                last_published=_date(s["last"]),
                terms=tuple((t, float(w)) for t, w in s["terms"]),
                event_ids=tuple(s.get("events", ())),
                years=tuple((t, int(c)) for t, c in s.get("years", ())),
                numbers=tuple((t, int(c)) for t, c in s.get("numbers", ())),
            )
            for s in header["stories"]
        ),
        absorbed=tuple((a, b) for a, b in header["absorbed"]),
        term_df=tuple((t, int(c)) for t, c in header["term_df"]),
        n_docs=int(header["n_docs"]),
        doc_vectors=dv.astype(np.float32),
        story_sums=ss.astype(np.float32),
    )
