"""repacked: a structure rebuilt in fresh memory is equal, keeps its sharing, and the old one is freed."""

from __future__ import annotations

import pickle
import weakref
from collections import OrderedDict

from newsledger.records import Entity, EntityMentionRef, MentionLink, Resolution
from newsledger.textkit.memory import repacked


def _resolution() -> Resolution:
    doc = "".join(["doc-", "1"])  # one string object, referred to by every record below
    refs = tuple(EntityMentionRef(doc=doc, start=i * 10, end=i * 10 + 4, text="Kim") for i in range(3))
    ent = Entity(id="ent_1", name="Kim Song Nam", type="PERSON", aliases=("Kim",), mentions=refs)
    links = tuple(MentionLink(doc=doc, index=i, entity_id=ent.id) for i in range(3))
    return Resolution(entities=(ent,), links=links)


def test_repacked_gives_an_equal_structure_and_frees_the_old_one() -> None:
    res = _resolution()
    holder = OrderedDict(resolution=res)  # weakly referable, so the test can see it go
    gone = weakref.ref(holder)
    box = [holder]
    del holder
    out = repacked(box)
    assert box == [] and gone() is None  # the caller's only reference was handed over and dropped
    assert out["resolution"] == res and out["resolution"] is not res
    new = out["resolution"]
    # shared objects stay shared: one document id string for all the records
    assert new.links[0].doc is new.links[2].doc is new.entities[0].mentions[1].doc


def test_mention_records_pickle_as_calls_with_their_values() -> None:
    ref = EntityMentionRef(doc="d", start=300, end=305, text="Hanoi")
    link = MentionLink(doc="d", index=7, entity_id="ent_2")
    for rec in (ref, link):
        fn, args = rec.__reduce__()
        assert fn(*args) == rec
        assert pickle.loads(pickle.dumps(rec, protocol=pickle.HIGHEST_PROTOCOL)) == rec
