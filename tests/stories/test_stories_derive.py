"""Copies and syndication on hand-written texts: direction by date, agency credit decides the kind."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsledger.stories import DerivationInput, find_derivations
from newsledger.stories.derive import sentences

WIRE = (
    "The central bank of Freedonia raised its benchmark interest rate by 50 basis points to 6.25 percent on "
    "Tuesday, its third increase this year, citing persistent inflation in food and energy prices. Governor "
    "Maria Lopez told reporters in the capital that further tightening could follow if price growth did not "
    "slow by the summer. Economists polled last week had expected a smaller move of 25 basis points. The "
    "currency rose 1.2 percent against the dollar after the announcement, while government bond yields "
    "climbed to their highest level since 2019."
)
OTHER = (
    "A new bridge over the Grand River opened to traffic on Saturday after four years of construction. The "
    "city council said the 1.4 kilometre crossing would cut commuting times for 30,000 residents of the "
    "northern districts. Engineers from Delta Works designed the cable-stayed structure."
)


def _d(doc_id: str, body: str, day: int, agency: str | None) -> DerivationInput:
    return DerivationInput(doc_id=doc_id, body=body, published=dt.date(2024, 5, day), agency=agency)


def test_stories_credited_wire_copy_is_syndication_pointing_at_the_earlier() -> None:
    docs = [
        _d("late", WIRE + " Copyright notice.", 3, "Reuters"),
        _d("early", WIRE, 2, "reuters"),
        _d("x", OTHER, 1, None),
    ]
    found = find_derivations(docs)
    assert [(f.doc_id, f.derived_from, f.kind) for f in found] == [("late", "early", "syndication")]


def test_stories_uncredited_copy_is_a_copy() -> None:
    found = find_derivations([_d("a", WIRE, 2, "Reuters"), _d("b", WIRE, 4, None)])
    assert [(f.doc_id, f.derived_from, f.kind) for f in found] == [("b", "a", "copy")]


def test_stories_unrelated_texts_are_not_derived() -> None:
    assert find_derivations([_d("a", WIRE, 2, None), _d("b", OTHER, 4, None)]) == ()


def test_stories_sentence_splitter_keeps_order_and_skips_fragments() -> None:
    s = sentences(
        "First sentence is long enough here. Second one also long enough.\nOk.\nThird line is a sentence."
    )
    assert s == [
        "First sentence is long enough here.",
        "Second one also long enough.",
        "Third line is a sentence.",
    ]


def test_stories_rewrite_candidates_per_story_are_the_corpus_index_pairs_within_stories() -> None:
    # overlapping word sets across three stories and two documents without a story: the per-story
    # indexes must give exactly the corpus-wide index's pairs kept within a story (or with a storyless doc)
    import numpy as np

    from newsledger.stories import rules
    from newsledger.stories.derive import _candidates, _rewrite_candidates

    rng = np.random.default_rng(7)
    base = [rng.choice(2000, size=60, replace=False).astype(np.uint64) for _ in range(4)]
    content = [
        np.unique(np.concatenate([base[i % 4][: 40 + i % 20], rng.choice(2000, 20)]).astype(np.uint64))
        for i in range(30)
    ]
    stories = [f"s{i % 3}" for i in range(30)]
    for with_loose in (False, True):
        sids: list[str | None] = [None if with_loose and i in (5, 17) else s for i, s in enumerate(stories)]
        docs = [
            DerivationInput(doc_id=f"d{i:02d}", body="", published=None, story_id=s)
            for i, s in enumerate(sids)
        ]
        whole = _candidates(content, rules.REWRITE_LSH_THRESHOLD)
        want = {(j, i) for j, i in whole if sids[j] is None or sids[i] is None or sids[j] == sids[i]}
        got = _rewrite_candidates(docs, content)
        assert got == want
        assert got and got != whole  # the case has pairs, and some cross stories and are dropped


# an earlier report and a later one that takes four of its sentences word for word among its own
_SHARED = [
    "The harbour authority of Port Elmo closed the northern container terminal on Monday after a crane "
    "collapsed onto two cargo ships during a storm.",
    "Three dock workers were taken to the city hospital with minor injuries, the authority said in a "
    "statement.",
    "Shipping lines were told to divert vessels to the southern terminal until engineers inspect the "
    "remaining cranes.",
    "The terminal handles about a third of the country's container traffic and employs 1,200 people.",
]
_EARLIER_ONLY = [
    "Insurers estimated the damage to the ships at several million euros.",
    "The transport minister is due to visit the port on Wednesday.",
]
_LATER_ONLY = [
    "Violinist Anna Berg opened the summer music festival with a programme of Baltic composers.",
    "Tickets for the closing concert sold out within hours, organisers reported.",
    "A new bakery on Linden Street won the regional prize for rye bread.",
]


@pytest.fixture
def encoded(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The texts the sentence encoder is given during the test, in order."""
    import newsledger.stories.embed as embed

    seen: list[str] = []
    real = embed.encode_texts

    def recording(texts, **kw):  # type: ignore[no-untyped-def]
        seen.extend(texts)
        return real(texts, **kw)

    monkeypatch.setattr(embed, "encode_texts", recording)
    return seen


def test_stories_sentences_taken_word_for_word_need_no_embedding(encoded: list[str]) -> None:
    earlier = " ".join(_SHARED + _EARLIER_ONLY)
    later = " ".join(_LATER_ONLY[:2] + _SHARED + _LATER_ONLY[2:])
    found = find_derivations([_d("early", earlier, 2, None), _d("late", later, 4, None)])
    assert [(f.doc_id, f.derived_from, f.kind) for f in found] == [("late", "early", "rewrite")]
    assert encoded == []  # every aligned sentence is the earlier one's very text: nothing to encode


def test_candidate_indexes_are_freed_without_the_cyclic_collector() -> None:
    """The LSH indexes of the rewrite candidates go as soon as they are done with: datasketch's index holds
    a reference cycle, which would otherwise keep every index and its buckets until a full collection."""
    import gc

    import numpy as np
    from datasketch import MinHashLSH

    from newsledger.stories.derive import _candidates, _lsh_bands

    _lsh_bands.cache_clear()
    base = np.arange(1, 200, dtype=np.uint64) * np.uint64(0x9E3779B97F4A7C15)
    sets = [base, base[:190], base[100:], np.zeros(0, dtype=np.uint64)]
    gc.collect()
    gc.disable()
    try:
        pairs = _candidates(sets, 0.5)
        left = [o for o in gc.get_objects() if type(o) is MinHashLSH]  # no __class__ lookups
    finally:
        gc.enable()
    assert (0, 1) in pairs  # the near-copy is still found
    assert left == []


def test_stories_paraphrases_out_of_order_are_dropped_before_any_embedding(encoded: list[str]) -> None:
    """Every sentence of the later report has a lexical partner, but in the reverse order: no in-order
    alignment can reach REWRITE_MIN_ALIGNED, so the pair is settled without encoding a sentence."""
    earlier = " ".join(_SHARED + _EARLIER_ONLY)
    reworded = [s.rstrip(".") + ", officials told reporters." for s in _SHARED]
    later = " ".join(reversed(reworded))
    found = find_derivations([_d("early", earlier, 2, None), _d("late", later, 4, None)])
    assert found == ()
    assert encoded == []
    # in their own order the same sentences are encoded and aligned: the order alone settled it above
    found = find_derivations([_d("early", earlier, 2, None), _d("late", " ".join(reworded), 4, None)])
    assert [(f.doc_id, f.derived_from, f.kind) for f in found] == [("late", "early", "rewrite")]
    assert encoded


@given(st.lists(st.lists(st.integers(0, 6), max_size=3), max_size=7))
def test_longest_chain_is_the_best_pick_of_at_most_one_value_per_group(groups: list[list[int]]) -> None:
    from newsledger.stories.derive import _longest_chain

    best = 0
    for pick in itertools.product(*[[None, *g] for g in groups]):
        vals = [v for v in pick if v is not None]
        if all(a < b for a, b in itertools.pairwise(vals)):
            best = max(best, len(vals))
    assert _longest_chain(groups) == best


def test_stories_a_document_that_copies_another_gets_no_rewrite_check(
    encoded: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A copy outranks a rewrite, so once a document is known to copy another, comparing it sentence by
    sentence with a third (here the report its copied text rewrites) cannot change its origin."""
    import newsledger.stories.derive as derive

    checked: list[int] = []
    real = derive._partners

    def counting(*args, **kw):  # type: ignore[no-untyped-def]
        checked.append(len(args[0]))
        return real(*args, **kw)

    monkeypatch.setattr(derive, "_partners", counting)
    earlier = " ".join(_SHARED + _EARLIER_ONLY)
    reworded = " ".join(s.rstrip(".") + ", officials told reporters." for s in _SHARED)
    docs = [_d("early", earlier, 2, None), _d("rew", reworded, 3, None), _d("cp", reworded, 4, None)]
    found = find_derivations(docs)
    assert [(f.doc_id, f.derived_from, f.kind) for f in found] == [
        ("cp", "rew", "copy"),
        ("rew", "early", "rewrite"),
    ]
    assert len(checked) == 1  # early -> rew only; early -> cp is settled by the copy
    assert encoded


def _direct_alignment(
    partners: list[list[int]], cos: dict[tuple[int, int], float], same: dict[int, int]
) -> int:
    """Every sentence's match from all its partners' cosines at once, then the longest in-order run."""
    import numpy as np

    from newsledger.stories import rules
    from newsledger.stories.derive import _longest_chain

    matches = []
    for a, cand in enumerate(partners):
        if not cand:
            continue
        if a in same:
            matches.append(same[a])
            continue
        best = max(cand, key=lambda b: (cos[(a, b)], -b))
        if np.float32(cos[(a, best)]) >= rules.PARAPHRASE_COS:  # as a float32 similarity matrix compares
            matches.append(best)
    return _longest_chain([[m] for m in matches])


@given(
    st.integers(1, 4).flatmap(
        lambda n_pairs: st.lists(
            st.tuples(
                st.lists(st.lists(st.integers(0, 7), max_size=3, unique=True), min_size=1, max_size=9),
                st.lists(st.sampled_from([0.2, 0.69, 0.7, 0.75, 0.9]), min_size=27, max_size=27),
                st.lists(st.booleans(), min_size=9, max_size=9),
            ),
            min_size=n_pairs,
            max_size=n_pairs,
        )
    )
)
def test_rewrite_alignment_in_rounds_is_the_alignment_of_all_sentences(
    cases: list[tuple[list[list[int]], list[float], list[bool]]],
) -> None:
    """Resolving sentences in rounds and dropping a pair once its bound falls short settles every pair as
    the alignment of all its sentences at once would, and encodes no text twice."""
    import numpy as np

    from newsledger.stories.derive import _align_in_rounds, _Alignment, _enough

    vectors: dict[str, np.ndarray] = {}
    expected: dict[int, int] = {}
    alignments = []
    for k, (partners, cosines, copied) in enumerate(cases):
        # later sentence a of pair k is the unit vector e_a; earlier sentence b is built to have the drawn
        # cosine with each later sentence that names it as a partner
        n_d = len(partners)
        texts: dict[tuple[int, int], str] = {}
        same: dict[int, int] = {}
        cos: dict[tuple[int, int], float] = {}
        for a, cand in enumerate(partners):
            if not cand:
                continue
            texts[(1, a)] = f"later {k}.{a}"
            for b in cand:
                texts[(0, b)] = f"earlier {k}.{b}"
                cos[(a, b)] = cosines[3 * a + cand.index(b)]
        taken: set[str] = set()
        for a, cand in enumerate(partners):  # some later sentences are an earlier one's very text
            if cand and copied[a] and texts[(0, cand[0])] not in taken:
                taken.add(texts[(0, cand[0])])
                texts[(1, a)] = texts[(0, cand[0])]
                same[a] = cand[0]  # earlier texts are distinct: no other partner has it
        dim = 32
        for (side, i), text in texts.items():
            if side == 1 and text.startswith("later"):
                v = np.zeros(dim, dtype=np.float32)
                v[i] = 1.0
                vectors[text] = v
        for b in {b for cand in partners for b in cand}:
            text = texts[(0, b)]
            v = np.zeros(dim, dtype=np.float32)
            for a, cand in enumerate(partners):
                if b in cand and a not in same:
                    v[a] = cos[(a, b)]
            v[dim - 1 - b] = 0.01  # an earlier sentence's own direction
            vectors[text] = v
        # cosines as the vectors give them (the drawn ones, up to float32)
        for a, cand in enumerate(partners):
            for b in cand:
                if a not in same:
                    cos[(a, b)] = float(vectors[texts[(1, a)]] @ vectors[texts[(0, b)]])
        expected[k] = _direct_alignment(partners, cos, same)
        alignments.append(_Alignment(0, 1, n_d, partners, texts))
    asked: list[str] = []

    def encode(batch: list[str]) -> np.ndarray:
        asked.extend(batch)
        return np.stack([vectors[t] for t in batch]) if batch else np.zeros((0, 32), dtype=np.float32)

    settled = {id(p): count for p, count in _align_in_rounds(alignments, encode)}
    assert len(settled) == len(alignments)
    for k, p in enumerate(alignments):
        n_d = len(cases[k][0])
        assert _enough(settled[id(p)], n_d) == _enough(expected[k], n_d)
        if _enough(expected[k], n_d):
            assert settled[id(p)] == expected[k]
    assert len(asked) == len(set(asked))


def test_stories_a_pair_ruled_out_early_is_not_encoded_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    """A later report whose every sentence has a lexical partner but whose first resolved sentences
    paraphrase nothing is dropped before the rest of its sentences are encoded."""
    import numpy as np

    import newsledger.stories.embed as embed
    from newsledger.stories import rules

    seen: list[str] = []
    batch_sizes: set[int] = set()

    def unrelated(texts, **kw):  # type: ignore[no-untyped-def]
        """Orthogonal vectors: no sentence paraphrases another."""
        seen.extend(texts)
        batch_sizes.add(kw["batch_size"])
        out = np.zeros((len(texts), 384), dtype=np.float32)
        for n, t in enumerate(texts):
            out[n, hash(t) % 384] = 1.0
        return out

    monkeypatch.setattr(embed, "encode_texts", unrelated)
    earlier = " ".join(_SHARED + _EARLIER_ONLY)
    later = " ".join(s.rstrip(".") + ", officials told reporters." for s in _SHARED)
    assert find_derivations([_d("early", earlier, 2, None), _d("late", later, 4, None)]) == ()
    # one round: two later sentences without a match leave 2 of 4 aligned at most, too few, so only they
    # and their partners were encoded (all four and theirs, 8 texts, before rounds)
    assert len(seen) == 4
    # in the rewrite check's own batch size (activations under the corpus stages' mmap threshold)
    assert batch_sizes == {rules.REWRITE_ENCODE_BATCH}


def test_rewrite_sentences_are_encoded_in_bounded_chunks_longest_first(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A round's new sentences reach the encoder at most REWRITE_ENCODE_CHUNK at a time, longest first,
    and each vector lands in its text's row."""
    import numpy as np

    from newsledger.stories import rules
    from newsledger.stories.derive import _encode_chunked

    monkeypatch.setattr(rules, "REWRITE_ENCODE_CHUNK", 3)
    texts = ["bb", "a", "dddd", "ccc", "eeeee", "ff", "g"]
    calls: list[list[str]] = []

    def encode(batch: list[str]) -> np.ndarray:
        calls.append(batch)
        return np.array([[len(t), ord(t[0])] for t in batch], dtype=np.float32)

    out = _encode_chunked(encode, texts)
    assert [len(c) for c in calls] == [3, 3, 1]
    assert [t for c in calls for t in c] == sorted(texts, key=len, reverse=True)
    assert out.tolist() == [[len(t), ord(t[0])] for t in texts]
    assert out.dtype == np.float32
