"""repacked: a structure rebuilt in fresh memory is equal, keeps its sharing, and the old one is freed."""

from __future__ import annotations

import pickle
import weakref
from collections import OrderedDict
from typing import Any

from newsledger.records import Entity, EntityMentionRef, MentionLink, Resolution
from newsledger.textkit.memory import repacked


def _resolution() -> Resolution:
    doc = "".join(["doc-", "1"])  # one string object (not interned), referred to by every record below
    refs = tuple(EntityMentionRef(doc=doc, start=i * 10, end=i * 10 + 4, text="Kim") for i in range(3))
    ent = Entity(id="ent_1", name="Kim Song Nam", type="PERSON", aliases=("Kim",), mentions=refs)
    links = tuple(MentionLink(doc=doc, index=i, entity_id=ent.id) for i in range(3))
    return Resolution(entities=(ent,), links=links)


def test_repacked_gives_equal_tuples_and_frees_the_old_ones() -> None:
    res = _resolution()
    holder = OrderedDict(resolution=res)  # weakly referable, so the test can see it go
    gone = weakref.ref(holder)
    box: list[tuple[Any, ...]] = [(holder,), res.links]
    del holder
    (holders, links) = repacked(box, chunk=2)  # the links in two chunks
    assert box == [] and gone() is None  # the caller's only references were handed over and dropped
    new: Resolution = holders[0]["resolution"]
    assert new == res and new is not res and links == res.links
    # shared objects stay shared, inside a chunk and (the record re-interns its strings) across chunks
    assert new.links[0].doc is new.links[2].doc is new.entities[0].mentions[1].doc
    assert links[0].entity_id is links[2].entity_id


def test_mention_records_pickle_as_calls_with_their_values() -> None:
    ref = EntityMentionRef(doc="d", start=300, end=305, text="Hanoi")
    link = MentionLink(doc="d", index=7, entity_id="ent_2")
    for rec in (ref, link):
        fn, args = rec.__reduce__()
        assert fn(*args) == rec
        assert pickle.loads(pickle.dumps(rec, protocol=pickle.HIGHEST_PROTOCOL)) == rec
