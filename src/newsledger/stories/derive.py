"""Derivation lineage: which document copies (MinHash shingles) or rewrites (aligned paraphrases) which.

The earlier publication is the origin. A copy of a document crediting the same news agency is
``syndication``; another near-duplicate is a ``copy``; a document whose sentences paraphrase an earlier
one's, in the same order and carrying the same names and numbers, is a ``rewrite``. Candidate pairs come
from MinHash LSH (datasketch), so the cost stays near-linear in the number of documents; only candidate
pairs are compared exactly. Each document gets at most one origin (its best-scoring one).
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import logging
import re
import zlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from newsledger.records import Derivation
from newsledger.stories import rules
from newsledger.textkit.stopwords import stopwords

log = logging.getLogger(__name__)

_WORD = re.compile(r"\w+")
_FACT = re.compile(r"\b[A-Z][\w'\-]*\w|\d+(?:[.,]\d+)*")
# sentence ends: ., ! or ? (optionally closing quote/bracket) before whitespace and an upper-case letter or
# a digit or quote, or a line break (paragraphs)
_SENT_END = re.compile(r"(?<=[.!?])[\"'”’)]?\s+(?=[\"“‘(]?[A-Z0-9])|\n+")


@dataclass(frozen=True, slots=True, kw_only=True)
class DerivationInput:
    doc_id: str
    body: str
    published: dt.date | None
    outlet: str | None = None
    agency: str | None = None
    title: str | None = None
    # the document's story, when known: a rewrite is sought only within its story (a rewrite reports the
    # same events, so it lands in the same story; this keeps the candidate pairs of a large corpus few)
    story_id: str | None = None


def sentences(body: str) -> list[str]:
    """Sentences of a body (a light splitter: this needs rough units, not a parse)."""
    out: list[str] = []
    start = 0
    for m in _SENT_END.finditer(body):
        s = body[start : m.start()].strip()
        if s:
            out.append(s)
        start = m.end()
    tail = body[start:].strip()
    if tail:
        out.append(tail)
    return [s for s in out if len(s) >= rules.SENTENCE_MIN_CHARS]


def _fact_terms(text: str) -> frozenset[str]:
    stop = stopwords("en")
    return frozenset(w.lower() for w in _FACT.findall(text) if w.lower() not in stop)


U64 = npt.NDArray[np.uint64]
# multiplier of the rolling shingle hash (the 64-bit FNV prime); arithmetic wraps modulo 2**64
_ROLL = np.uint64(1099511628211)


class _Crc32(dict[str, int]):
    """CRC-32 of each word, computed on its first lookup: a corpus repeats its words (10k Reuters
    articles: ~4.3 million words, ~60 thousand distinct)."""

    def __missing__(self, word: str) -> int:
        h = self[word] = zlib.crc32(word.encode("utf-8"))
        return h


def _word_hashes(words: Sequence[str], crc: _Crc32) -> U64:
    """A stable 32-bit hash (CRC-32) per word, the same in every process and run."""
    return np.fromiter(map(crc.__getitem__, words), dtype=np.uint64, count=len(words))


def _shingles(words: Sequence[str], crc: _Crc32) -> U64:
    """The document's word ``SHINGLE_WORDS``-shingles as sorted unique 64-bit hashes.

    A numpy array of 8-byte hashes instead of a set of joined strings: on 1,967 Reuters articles the
    derivation pass peaked 232 MB above its input with strings, most of it shingles.
    """
    k = rules.SHINGLE_WORDS
    n = len(words) - k + 1
    if n <= 0:
        return np.zeros(0, dtype=np.uint64)
    wh = _word_hashes(words, crc)
    h = np.zeros(n, dtype=np.uint64)
    for j in range(k):
        h *= _ROLL
        h += wh[j : j + n]
    out: U64 = np.unique(h)
    return out


def _overlap(a: U64, b: U64) -> int:
    return int(np.intersect1d(a, b, assume_unique=True).size)


def _precedes(a: DerivationInput, b: DerivationInput, *, need_dates: bool) -> bool | None:
    """True when ``a`` is the origin of the pair (earlier publication, doc id on a tie); None: unknown."""
    if a.published is None or b.published is None:
        if need_dates:
            return None
        return a.doc_id < b.doc_id
    if a.published != b.published:
        return a.published < b.published
    return a.doc_id < b.doc_id


def _same(x: int) -> int:
    return x


def _drop_index(lsh: Any) -> None:
    """Free a datasketch ``MinHashLSH`` now: the index keeps a bound method of itself (``self._H``), a
    reference cycle that only a full garbage collection frees; without its attributes the index and its
    buckets go at once (10k store: 1,085 indexes, ~300k objects that waited for one)."""
    vars(lsh).clear()


@functools.cache
def _lsh_bands(threshold: float, num_perm: int) -> tuple[int, int]:
    """The (bands, rows) datasketch chooses for ``threshold`` Jaccard with ``num_perm`` permutations."""
    from datasketch import MinHashLSH

    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    bands = int(lsh.b), int(lsh.r)
    _drop_index(lsh)
    return bands


def _candidates(sets: list[U64], threshold: float) -> set[tuple[int, int]]:
    """Pairs (j, i), j < i, whose sets of hashes MinHash LSH finds alike at about ``threshold`` Jaccard."""
    from datasketch import MinHash, MinHashLSH

    # the bands and the permutations once per call, not per index or per document (datasketch derives
    # both again each time: 5 ms an index, 0.1 ms a MinHash)
    lsh = MinHashLSH(num_perm=rules.COPY_NUM_PERM, params=_lsh_bands(threshold, rules.COPY_NUM_PERM))
    proto = MinHash(num_perm=rules.COPY_NUM_PERM, seed=1, hashfunc=_same)
    pairs: set[tuple[int, int]] = set()
    try:
        for i, s in enumerate(sets):
            if not s.size:
                continue
            mh = MinHash(
                num_perm=rules.COPY_NUM_PERM,
                seed=1,
                hashfunc=_same,
                permutations=proto.permutations,
                scheme=proto.scheme,
            )
            mh.update_batch(((s ^ (s >> np.uint64(32))) & np.uint64(0xFFFFFFFF)).tolist())  # 32-bit values
            for j in lsh.query(mh):
                pairs.add((int(j), i))
            lsh.insert(i, mh)
    finally:
        _drop_index(lsh)
    return pairs


def _rewrite_candidates(ordered: Sequence[DerivationInput], content: list[U64]) -> set[tuple[int, int]]:
    """Pairs (j, i), j < i, of documents that may rewrite one another: alike content words (LSH at
    ``REWRITE_LSH_THRESHOLD``) within one story, or with a document that has no story.

    When every document has its story, each story of two or more documents gets an index of its own, so
    the index and the pairs stay the size of the largest story rather than of the corpus (an LSH pair
    depends on the two documents only, so the pairs are those of one corpus-wide index kept within
    stories). On 10k Reuters articles the corpus-wide index and its pairs held ~210 MB.
    """
    if any(d.story_id is None for d in ordered):
        return {
            (j, i)
            for j, i in _candidates(content, rules.REWRITE_LSH_THRESHOLD)
            if ordered[j].story_id is None
            or ordered[i].story_id is None
            or ordered[j].story_id == ordered[i].story_id
        }
    groups: dict[str, list[int]] = {}
    for i, d in enumerate(ordered):
        groups.setdefault(str(d.story_id), []).append(i)
    pairs: set[tuple[int, int]] = set()
    for members in groups.values():  # members ascend, so local j < i stays j < i
        if len(members) > 1:
            sub = _candidates([content[i] for i in members], rules.REWRITE_LSH_THRESHOLD)
            pairs.update((members[j], members[i]) for j, i in sub)
    return pairs


def _content_words(text: str) -> frozenset[str]:
    stop = stopwords("en")
    lowered = (x.lower() for x in _WORD.findall(text))
    return frozenset(w for w in lowered if len(w) > 2 and w not in stop and not w.isdigit())


def _partners(
    words_d: list[frozenset[str]],
    facts_d: list[frozenset[str]],
    words_o: list[frozenset[str]],
    facts_o: list[frozenset[str]],
) -> list[list[int]]:
    """For each sentence of the later document, the sentences of the earlier one it could paraphrase.

    A paraphrase carrying the same facts shares at least ``REWRITE_MIN_SHARED_WORDS`` content words and,
    when the later sentence names anything, a fact term. Only these pairs are compared by embedding, so a
    pair of documents with too few such sentences is dropped before any encoding.
    """
    index: dict[str, list[int]] = {}
    for j, ws in enumerate(words_o):
        for w in ws:
            index.setdefault(w, []).append(j)
    out: list[list[int]] = []
    for ws, fd in zip(words_d, facts_d, strict=True):
        hits: dict[int, int] = {}
        for w in ws:
            for j in index.get(w, ()):
                hits[j] = hits.get(j, 0) + 1
        out.append(
            sorted(
                j
                for j, n in hits.items()
                if n >= rules.REWRITE_MIN_SHARED_WORDS and (not fd or fd & facts_o[j])
            )
        )
    return out


def _longest_chain(options: Sequence[Sequence[int]]) -> int:
    """The longest strictly increasing sequence that takes at most one value from each of ``options``, in
    their order (patience sorting; a group's values go in descending order, so none extends another)."""
    tails: list[int] = []
    for group in options:
        for j in sorted(group, reverse=True):
            k = bisect.bisect_left(tails, j)
            if k == len(tails):
                tails.append(j)
            else:
                tails[k] = j
    return len(tails)


def _enough(aligned: int, n_d: int) -> bool:
    """Whether ``aligned`` in-order paraphrases make a document of ``n_d`` sentences a rewrite."""
    return aligned >= rules.REWRITE_MIN_ALIGNED and aligned / n_d >= rules.REWRITE_MIN_FRACTION


def _slack(bound: int, n_d: int) -> int:
    """How many sentences found without a match would bring an in-order ``bound`` below a rewrite."""
    s = 1
    while _enough(bound - s, n_d):
        s += 1
    return s


class _Alignment:
    """The in-order alignment of a later document's sentences (``d``) to an earlier one's (``o``), resolved
    sentence by sentence.

    ``partners[i]``: the earlier sentences later sentence i could paraphrase (lexically). A resolved
    sentence has one match, the partner of highest cosine when it reaches ``PARAPHRASE_COS`` (the first
    on a tie), or none; a partner with its very text is its match without vectors (a text's cosine with
    itself is the highest there is, and equal texts tie). :meth:`bound` is the longest in-order chain
    through the matches and, for the sentences not resolved yet, all their partners: it only falls as
    sentences resolve, and once every one is, it is the alignment.
    """

    __slots__ = ("d", "match", "n_d", "o", "partners", "texts_of")

    def __init__(
        self, o: int, d: int, n_d: int, partners: list[list[int]], texts_of: dict[tuple[int, int], str]
    ) -> None:
        self.o, self.d, self.n_d, self.partners, self.texts_of = o, d, n_d, partners, texts_of
        self.match: dict[int, int | None] = {}
        for a, cand in enumerate(partners):
            if cand:
                text = texts_of[(d, a)]
                same = min((b for b in cand if texts_of[(o, b)] == text), default=None)
                if same is not None:
                    self.match[a] = same

    def unresolved(self) -> list[int]:
        return [a for a, cand in enumerate(self.partners) if cand and a not in self.match]

    def texts(self, a: int) -> set[str]:
        """The texts whose vectors resolve later sentence ``a``."""
        return {self.texts_of[(self.d, a)], *(self.texts_of[(self.o, b)] for b in self.partners[a])}

    def cost(self, vec_of: dict[str, npt.NDArray[np.float32]], a: int) -> tuple[int, int]:
        """How many of the texts that resolve sentence ``a`` are not in ``vec_of`` yet (then ``a``)."""
        # not ``set - vec_of.keys()``: that walks every key of ``vec_of``
        return sum(1 for t in self.texts(a) if t not in vec_of), a

    def resolve(self, a: int, vec_of: dict[str, npt.NDArray[np.float32]]) -> None:
        v = vec_of[self.texts_of[(self.d, a)]]
        # float32 cosines, compared with PARAPHRASE_COS in float32 (NumPy's scalar promotion)
        cos = {b: np.float32(v @ vec_of[self.texts_of[(self.o, b)]]) for b in self.partners[a]}
        best = max(cos, key=lambda b: (cos[b], -b))
        self.match[a] = best if cos[best] >= rules.PARAPHRASE_COS else None

    def bound(self) -> int:
        options: list[Sequence[int]] = []
        for a, cand in enumerate(self.partners):
            if not cand:
                continue
            if a not in self.match:
                options.append(cand)
            else:
                m = self.match[a]
                options.append(() if m is None else (m,))
        return _longest_chain(options)


def _encode_chunked(
    encode: Callable[[list[str]], npt.NDArray[np.float32]], texts: Sequence[str]
) -> npt.NDArray[np.float32]:
    """``encode(texts)``, made in chunks of :data:`rules.REWRITE_ENCODE_CHUNK` texts taken longest first
    (the order the encoder batches them in), written into one array in the order of ``texts``."""
    order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
    out: npt.NDArray[np.float32] | None = None
    for k in range(0, len(order), rules.REWRITE_ENCODE_CHUNK):
        rows = order[k : k + rules.REWRITE_ENCODE_CHUNK]
        vecs = encode([texts[i] for i in rows])
        if out is None:
            out = np.empty((len(texts), vecs.shape[1]), dtype=vecs.dtype)
        out[rows] = vecs
    return out if out is not None else encode([])


def _align_in_rounds(
    pairs: list[_Alignment], encode: Callable[[list[str]], npt.NDArray[np.float32]]
) -> Iterator[tuple[_Alignment, int]]:
    """Each pair as soon as it is settled, with its alignment when every sentence was resolved, else with
    a bound that rules it out.

    Sentences are resolved in rounds. A round takes, for every pair still open, as many of its unresolved
    sentences as could rule the pair out if none of them found a match, the cheapest first (the fewest
    texts not encoded yet); ``encode`` is given each text once, for all pairs of a round together.
    """
    vec_of: dict[str, npt.NDArray[np.float32]] = {}
    open_pairs = list(pairs)
    while open_pairs:
        picks: list[list[int]] = []
        wanted: set[str] = set()
        for p in open_pairs:
            pick = sorted(p.unresolved(), key=functools.partial(p.cost, vec_of))[: _slack(p.bound(), p.n_d)]
            picks.append(pick)
            for a in pick:
                wanted |= p.texts(a)
        new = sorted(t for t in wanted if t not in vec_of)
        if new:
            vec_of.update(zip(new, _encode_chunked(encode, new), strict=True))
        still: list[_Alignment] = []
        for p, pick in zip(open_pairs, picks, strict=True):
            for a in pick:
                p.resolve(a, vec_of)
            bound = p.bound()  # once every sentence is resolved, the alignment itself
            if _enough(bound, p.n_d) and p.unresolved():
                still.append(p)
            else:
                yield p, bound
        open_pairs = still


def find_derivations(docs: Sequence[DerivationInput], *, device: str = "cpu") -> tuple[Derivation, ...]:
    """Every document that copies or rewrites an earlier one, with its origin; sorted by doc id."""
    ordered = sorted({d.doc_id: d for d in docs}.values(), key=lambda d: d.doc_id)
    stop = stopwords("en")
    shingles: list[U64] = []
    content: list[U64] = []
    crc = _Crc32()
    for doc in ordered:
        words = [w.lower() for w in _WORD.findall(doc.body)]
        shingles.append(_shingles(words, crc))
        content.append(
            np.unique(
                _word_hashes([w for w in words if len(w) > 2 and w not in stop and not w.isdigit()], crc)
            )
        )
    crc.clear()
    best: dict[str, Derivation] = {}

    def offer(der: Derivation) -> None:
        cur = best.get(der.doc_id)
        rank = {"syndication": 2, "copy": 2, "rewrite": 1}
        if cur is None or (rank[der.kind], der.score, der.derived_from) > (
            rank[cur.kind],
            cur.score,
            cur.derived_from,
        ):
            best[der.doc_id] = der

    copies: set[tuple[int, int]] = set()
    for i, j in sorted(_candidates(shingles, rules.COPY_LSH_THRESHOLD)):
        a, b = shingles[i], shingles[j]
        if min(a.size, b.size) < rules.COPY_MIN_SHINGLES:
            continue
        containment = _overlap(a, b) / min(a.size, b.size)
        if containment < rules.COPY_CONTAINMENT:
            continue
        first = _precedes(ordered[i], ordered[j], need_dates=False)
        o, d = (i, j) if first else (j, i)
        origin, derived = ordered[o], ordered[d]
        same_agency = bool(
            origin.agency and derived.agency and origin.agency.casefold() == derived.agency.casefold()
        )
        kind = "syndication" if same_agency else "copy"
        copies.add((min(i, j), max(i, j)))
        offer(
            Derivation(
                doc_id=derived.doc_id, derived_from=origin.doc_id, kind=kind, score=round(containment, 4)
            )
        )

    rewrite_pairs = sorted(p for p in _rewrite_candidates(ordered, content) if p not in copies)
    # the hashes are not needed by the alignment, which loads the sentence encoder (~5 KB a document:
    # ~500 MB at 100k articles)
    shingles.clear()
    content.clear()
    if rewrite_pairs:
        # a copy outranks a rewrite (offer): a document that copies another needs no rewrite check
        _rewrites(ordered, rewrite_pairs, offer, device, settled=frozenset(best))
    out = tuple(sorted(best.values(), key=lambda x: x.doc_id))
    log.info("derivations: %d documents, %d derived", len(ordered), len(out))
    return out


def _rewrites(
    ordered: list[DerivationInput],
    pairs: list[tuple[int, int]],
    offer: Callable[[Derivation], None],
    device: str,
    settled: frozenset[str] = frozenset(),
) -> None:
    """Offer each pair whose later document rewrites the earlier one; a pair whose later document is in
    ``settled`` (its origin already found, and no rewrite could replace it) is not checked."""
    from newsledger.stories.embed import encode_texts

    sents: dict[int, list[str]] = {}
    words: dict[int, list[frozenset[str]]] = {}
    facts: dict[int, list[frozenset[str]]] = {}
    # a document's sentences and their word sets are kept from its first pair to its last only (for all the
    # documents in pairs at once: +1 GB at 30k articles); a kept pair keeps the texts it needs
    last_use: dict[int, int] = {}
    for k, (i, j) in enumerate(pairs):
        last_use[i] = last_use[j] = k

    def prepare(i: int) -> None:
        if i not in sents:
            sents[i] = sentences(ordered[i].body)
            words[i] = [_content_words(x) for x in sents[i]]
            facts[i] = [_fact_terms(x) for x in sents[i]]

    def lexical(i: int, j: int) -> _Alignment | None:
        """The pair's alignment, with the partners and the sentence texts it needs, when enough sentences of
        the later document have lexical partners in the earlier one, in order (an upper bound on what the
        alignment can find), else None."""
        first = _precedes(ordered[i], ordered[j], need_dates=True)
        if first is None:
            return None
        o, d = (i, j) if first else (j, i)
        if ordered[d].doc_id in settled:
            return None
        prepare(o)
        prepare(d)
        n_d = len(sents[d])
        if n_d == 0 or not sents[o]:
            return None
        partners = _partners(words[d], facts[d], words[o], facts[o])
        # the alignment picks at most one partner per sentence and keeps those in order: the longest chain
        # through the partners bounds it (on 10k Reuters articles it ends 684 of 931 pairs that had enough
        # sentences with a partner, before their 10,577 sentences were encoded)
        if not _enough(_longest_chain(partners), n_d):
            return None
        texts_of: dict[tuple[int, int], str] = {}
        for a, cand in enumerate(partners):
            if cand:
                texts_of[(d, a)] = sents[d][a]
                texts_of.update(((o, b), sents[o][b]) for b in cand)
        return _Alignment(o, d, n_d, partners, texts_of)

    # lexical filter first: only pairs that pass it go on to the embedder
    todo: list[_Alignment] = []
    for k, (i, j) in enumerate(pairs):
        entry = lexical(i, j)
        if entry is not None:
            todo.append(entry)
        for x in (i, j):
            if last_use[x] == k:
                sents.pop(x, None)
                words.pop(x, None)
                facts.pop(x, None)
    if not todo:
        return
    # Each distinct sentence is encoded once (wires repeat sentences: templates, re-sent and corrected
    # copies), in rounds (_align_in_rounds), and a pair is dropped as soon as its in-order bound falls
    # short. Most pairs that pass the lexical bound fail: on 10k Reuters articles 1,021 of 1,081, 882 of
    # them with under 15% of their sentences aligned. Rounds encoded 8,711 sentences there where encoding
    # every partner of every pair took 12,390, with the same derivations, scores included.
    encode = functools.partial(encode_texts, device=device, batch_size=rules.REWRITE_ENCODE_BATCH)
    for p, aligned in _align_in_rounds(todo, encode):
        frac = aligned / p.n_d
        log.debug(
            "rewrite? %s <- %s: %d aligned, %.2f", ordered[p.d].doc_id, ordered[p.o].doc_id, aligned, frac
        )
        if _enough(aligned, p.n_d):
            offer(
                Derivation(
                    doc_id=ordered[p.d].doc_id,
                    derived_from=ordered[p.o].doc_id,
                    kind="rewrite",
                    score=round(frac, 4),
                )
            )
