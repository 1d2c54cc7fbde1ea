"""Order independence and stable ids: the same documents in any order give the same resolution."""

from __future__ import annotations

import random

from bench.bench_resolve import synthetic_documents
from hypothesis import given, settings
from hypothesis import strategies as st
from resolve_builders import hand_doc

from newsledger.records import AnnotatedDocument, Mention, Sentence
from newsledger.resolve import resolve_entities, resolve_streamed
from newsledger.resolve.acronyms import acronym_form
from newsledger.resolve.coreference import _country_code, is_actor, mention_tokens
from newsledger.textkit import names

DOCS = synthetic_documents(600, seed=3)


@settings(max_examples=8, deadline=None)
@given(st.randoms(use_true_random=False))
def test_any_document_order_gives_the_same_resolution(rnd: random.Random) -> None:
    shuffled = list(DOCS)
    rnd.shuffle(shuffled)
    assert resolve_entities(shuffled) == resolve_entities(DOCS)


def test_streamed_passes_in_different_orders_give_the_same_resolution() -> None:
    # the store scan that feeds resolve_streamed may meet the documents in another order on each pass
    rnd = random.Random(11)
    passes: list[list[AnnotatedDocument]] = []

    def read() -> list[AnnotatedDocument]:
        docs = list(DOCS)
        rnd.shuffle(docs)
        passes.append(docs)
        return docs

    assert resolve_streamed(read) == resolve_entities(DOCS)
    assert len(passes) == 2 and passes[0] != passes[1]


def test_every_link_points_at_an_entity_and_ids_are_unique() -> None:
    res = resolve_entities(DOCS)
    ids = [e.id for e in res.entities]
    assert len(ids) == len(set(ids))
    assert {lk.entity_id for lk in res.links} == set(ids)
    by_doc = {d.doc_id: d for d in DOCS}
    for e in res.entities:
        for m in e.mentions:
            assert by_doc[m.doc].body[m.start : m.end] == m.text
        assert list(e.mentions) == sorted(e.mentions, key=lambda r: (r.doc, r.start, r.end, r.text))
        assert list(e.aliases) == sorted(e.aliases)


def test_country_id_is_stable_when_new_documents_add_aliases() -> None:
    def nk_id(docs: list[AnnotatedDocument]) -> str:
        res = resolve_entities(docs)
        return next(e.id for e in res.entities if e.country == "KP" and e.type == "GPE")

    a = hand_doc("a", "North Korea fired a missile.", [("North Korea", "GPE")])
    b = hand_doc("b", "The DPRK said so.", [("DPRK", "ORG")])
    assert nk_id([a]) == nk_id([a, b]) == nk_id([b])


def test_resolving_nothing_gives_nothing() -> None:
    res = resolve_entities([])
    assert res.entities == () and res.links == ()


_LABELS = st.sampled_from(["PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "DATE", "EVENT"])


@st.composite
def odd_documents(draw: st.DrawFn) -> AnnotatedDocument:
    """Bodies of odd text with mentions on arbitrary spans (titles only, punctuation, capitals, empty)."""
    body = draw(st.text(alphabet=st.sampled_from("Kim Wang-Yi.N'’(ABC) Pyongyang\n,the Mr "), max_size=60))
    spans = draw(
        st.lists(st.tuples(st.integers(0, len(body)), st.integers(0, 8), _LABELS, st.booleans()), max_size=6)
    )
    mentions = []
    for start, width, label, with_role in spans:
        end = min(len(body), start + width)
        role_span = (0, min(len(body), 3)) if with_role else None
        mentions.append(
            Mention(
                start=start,
                end=end,
                text=body[start:end],
                label=label,
                sent=0,
                role=body[:3] if with_role else None,
                role_span=role_span,
            )
        )
    return AnnotatedDocument(
        doc_id=draw(st.sampled_from(["a", "b", "c"])),
        body=body,
        dct=None,
        sentences=(Sentence(start=0, end=len(body)),),
        tokens=(),
        mentions=tuple(mentions),
        timexes=(),
    )


@settings(max_examples=150, deadline=None)
@given(st.lists(odd_documents(), max_size=4, unique_by=lambda d: d.doc_id))
def test_odd_mentions_never_raise_and_links_stay_valid(docs: list[AnnotatedDocument]) -> None:
    res = resolve_entities(docs)
    n = {d.doc_id: len(d.mentions) for d in docs}
    ids = {e.id for e in res.entities}
    assert len(ids) == len(res.entities)
    for lk in res.links:
        assert 0 <= lk.index < n[lk.doc] and lk.entity_id in ids
    assert resolve_entities(list(reversed(docs))) == res


def test_compacted_clusters_share_equal_values_and_keep_each_ones_label_order() -> None:
    # equal label counts inserted in another order are not equal for a tie: most_common keeps the first
    from collections import Counter

    from newsledger.resolve import _compact
    from newsledger.resolve.coreference import LocalCluster

    def cluster(doc: str, labels: list[str], context: set[str]) -> LocalCluster:
        return LocalCluster(
            doc=doc, anchor="name:x", key="x", tokens=("x",), labels=Counter(labels), context=set(context)
        )

    pool: dict[object, object] = {}
    a = cluster("d1", ["ORG", "PERSON"], {"minister", "talks"})
    b = cluster("d2", ["PERSON", "ORG"], {"talks", "minister"})
    c = cluster("d3", ["ORG", "PERSON"], set())
    for x in (a, b, c):
        _compact(x, pool)
    assert a.labels.most_common(1) == [("ORG", 1)] and b.labels.most_common(1) == [("PERSON", 1)]
    assert a.labels is c.labels and a.labels is not b.labels
    assert a.context == {"minister", "talks"} and a.context is b.context
    assert c.context == set()


def test_resolve_empties_its_surface_caches_when_done() -> None:
    # they are bounded but full they held ~36 MB on 10k articles (the name folding's two 145 MB), which the
    # later corpus stages can use; the entities' names, taken after the passes, are folded too
    caches = (mention_tokens, _country_code, acronym_form, names.fold, names.name_tokens)
    res = resolve_entities(DOCS[:200])
    assert res.entities
    assert [c.cache_info().currsize for c in caches] == [0, 0, 0, 0, 0]
    assert mention_tokens("Kim Song-nam", "PERSON") == ("kim", "song", "nam")  # usable again


def test_words_around_a_mention_are_folded_without_the_cache() -> None:
    # each is unique to its mention: cached, they filled the name cache (~114k entries on 10k articles)
    names.clear_caches()
    doc = next(d for d in DOCS if any(m.label == "GPE" for m in d.mentions))
    for m in doc.mentions:
        if m.label == "GPE":
            is_actor(doc, m)
    assert names.fold.cache_info().currsize == 0
    assert names.fold_once("Việt Nam’s") == names.fold("Việt Nam’s") == "Viet Nam's"
