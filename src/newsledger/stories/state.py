"""Story state between runs, as a value: documents seen, stories, term statistics; and its stored forms.

``state_rows`` gives it as rows (kind, position, JSON payload, float32 vector or None) for the store to
write in batches and read back as a stream; ``state_from_rows`` rebuilds it from them in any order after
the header row. ``dump_state``/``load_state`` are the byte form of schema-1 stores (one blob: ``MAGIC`` + an
8-byte little-endian header length + a JSON header + the raw float32 matrices), still read when a store has
no rows yet.
"""

from __future__ import annotations

import datetime as dt
import json
import struct
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

from newsledger.records import StateRow
from newsledger.stories.rules import EMBED_DIM

MAGIC = b"NLSTORY1"
ROWS_FORMAT = "newsledger-story-rows-1"
# term counts and absorbed pairs go this many to a row (a row each would be ~10 rows per document)
_PAIRS_PER_ROW = 1000
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
        terms=tuple((sys.intern(k), float(w)) for k, w in terms),
        years=tuple(years),
        numbers=tuple(numbers),
        event_ids=tuple(events),
        detailed=True,
    )


def _doc_json(d: DocEntry) -> list[Any]:
    return [d.doc_id, d.story_id, _iso(d.published), d.title] + (
        [[[t, w] for t, w in d.terms], list(d.years), list(d.numbers), list(d.event_ids)]
        if d.detailed
        else []
    )


def _story_json(s: StoryEntry) -> dict[str, Any]:
    return {
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


def _story_entry(s: dict[str, Any]) -> StoryEntry:
    return StoryEntry(
        id=s["id"],
        founder=s["founder"],
        doc_ids=tuple(s["doc_ids"]),
        first_published=_date(s["first"]),
        last_published=_date(s["last"]),
        terms=tuple((sys.intern(t), float(w)) for t, w in s["terms"]),
        event_ids=tuple(s.get("events", ())),
        years=tuple((t, int(c)) for t, c in s.get("years", ())),
        numbers=tuple((t, int(c)) for t, c in s.get("numbers", ())),
    )


def _json(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


def state_rows(state: StoryState) -> Iterator[StateRow]:
    """The state as rows: a header (position -1: format, sizes, ``n_docs``), a row per document (its
    vector) and per story (its vector sum), and the absorbed pairs and term counts ``_PAIRS_PER_ROW`` to a
    row. The vectors are views of the state's matrices."""
    dim = int(state.doc_vectors.shape[1]) if state.doc_vectors.ndim == 2 else EMBED_DIM
    absorbed = [list(p) for p in state.absorbed]
    terms = [list(p) for p in state.term_df]
    head = {
        "format": ROWS_FORMAT,
        "dim": dim,
        "n_docs": state.n_docs,
        "docs": len(state.docs),
        "stories": len(state.stories),
        "vectors": [int(state.doc_vectors.shape[0]), int(state.story_sums.shape[0])],
    }
    yield "head", -1, _json(head), None
    dv = state.doc_vectors
    for i, d in enumerate(state.docs):
        yield "doc", i, _json(_doc_json(d)), dv[i] if i < len(dv) else None
    ss = state.story_sums
    for j, s in enumerate(state.stories):
        yield "story", j, _json(_story_json(s)), ss[j] if j < len(ss) else None
    for kind, pairs in (("absorbed", absorbed), ("terms", terms)):
        for k in range(0, len(pairs), _PAIRS_PER_ROW):
            yield kind, k, _json(pairs[k : k + _PAIRS_PER_ROW]), None


def state_from_rows(rows: Iterable[StateRow]) -> StoryState:
    """Read what ``state_rows`` gave, the header first and the other rows in any order; raises
    ``StateFormatError`` on anything else. An empty iterable is the empty state."""
    it = iter(rows)
    first = next(it, None)
    if first is None:
        return empty_state()
    kind, _, payload, _ = first
    head = json.loads(payload) if kind == "head" else None
    if not isinstance(head, dict) or head.get("format") != ROWS_FORMAT:
        raise StateFormatError("story state rows: no header first, or an unknown format")
    dim, (n_dv, n_ss) = int(head["dim"]), head["vectors"]
    docs: list[DocEntry | None] = [None] * int(head["docs"])
    stories: list[StoryEntry | None] = [None] * int(head["stories"])
    dv = np.zeros((n_dv, dim), dtype=np.float32)
    ss = np.zeros((n_ss, dim), dtype=np.float32)
    pairs: dict[str, dict[int, list[Any]]] = {"absorbed": {}, "terms": {}}
    try:
        for kind, pos, payload, vec in it:
            if kind == "doc":
                docs[pos] = _doc_entry(json.loads(payload))
                if vec is not None:
                    dv[pos] = vec
            elif kind == "story":
                stories[pos] = _story_entry(json.loads(payload))
                if vec is not None:
                    ss[pos] = vec
            elif kind in pairs:
                pairs[kind][pos] = json.loads(payload)
            else:
                raise StateFormatError(f"story state rows: unknown kind {kind!r}")
    except (IndexError, ValueError, KeyError, TypeError) as exc:
        raise StateFormatError(f"story state rows unreadable: {exc}") from exc
    if any(d is None for d in docs) or any(s is None for s in stories):
        raise StateFormatError("story state rows: documents or stories missing")
    absorbed = [p for k in sorted(pairs["absorbed"]) for p in pairs["absorbed"][k]]
    terms = [p for k in sorted(pairs["terms"]) for p in pairs["terms"][k]]
    return StoryState(
        docs=tuple(d for d in docs if d is not None),
        stories=tuple(s for s in stories if s is not None),
        absorbed=tuple((a, b) for a, b in absorbed),
        term_df=tuple((sys.intern(t), int(c)) for t, c in terms),
        n_docs=int(head["n_docs"]),
        doc_vectors=dv,
        story_sums=ss,
    )


def dump_state(state: StoryState) -> bytes:
    """The state as bytes (JSON header + raw float32), for the store to keep as one blob."""
    dim = int(state.doc_vectors.shape[1]) if state.doc_vectors.ndim == 2 else EMBED_DIM
    header: dict[str, Any] = {
        "dim": dim,
        "n_docs": state.n_docs,
        "docs": [_doc_json(d) for d in state.docs],
        "stories": [_story_json(s) for s in state.stories],
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
        stories=tuple(_story_entry(s) for s in header["stories"]),
        absorbed=tuple((a, b) for a, b in header["absorbed"]),
        term_df=tuple((sys.intern(t), int(c)) for t, c in header["term_df"]),
        n_docs=int(header["n_docs"]),
        doc_vectors=dv.astype(np.float32),
        story_sums=ss.astype(np.float32),
    )
