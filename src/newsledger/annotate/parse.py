"""Turn the spaCy docs of one body's chunks into records: sentences, tokens and raw entity spans.

Every offset indexes the whole body (a chunk's offset is added). Whitespace-only tokens (the ``\\n``
between paragraphs) are left out; a head that pointed at one is moved up the tree to a kept token.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from newsledger.records import Sentence, Token


@dataclass(frozen=True, slots=True, kw_only=True)
class RawEntity:
    """An entity span as the model gave it (body offsets), before corrections."""

    start: int
    end: int
    label: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Parse:
    sentences: tuple[Sentence, ...]
    tokens: tuple[Token, ...]
    entities: tuple[RawEntity, ...]


def parse_chunks(chunks: Sequence[tuple[int, Any]]) -> Parse:
    """``chunks``: ``(body offset, spacy Doc)`` in body order."""
    import numpy as np
    from spacy.attrs import DEP, HEAD, IDX, IS_SPACE, LEMMA, LENGTH, POS, TAG

    sentences: list[Sentence] = []
    tokens: list[Token] = []
    entities: list[RawEntity] = []
    for offset, doc in chunks:
        n = len(doc)
        if n == 0:
            continue
        strings = doc.vocab.strings
        names: dict[int, str] = {0: ""}
        arr = doc.to_array([IDX, IS_SPACE, HEAD, LEMMA, POS, TAG, DEP, LENGTH])
        arr[:, 2] = arr[:, 2].view(np.int64) + np.arange(n)  # HEAD is stored relative to the token
        arr = arr.tolist()
        lengths = [row[7] for row in arr]  # len(token), without a Token object each
        keep = [not row[1] for row in arr]
        index: list[int] = []  # spaCy token index -> our token index (or -1 when dropped)
        k = len(tokens)
        for kept in keep:
            index.append(k if kept else -1)
            k += kept
        sent_of = [-1] * n
        for sent in doc.sents:
            kept_ix = [i for i in range(sent.start, sent.end) if keep[i]]
            if not kept_ix:
                continue
            sid = len(sentences)
            first, last = kept_ix[0], kept_ix[-1]
            sentences.append(
                Sentence(start=offset + arr[first][0], end=offset + arr[last][0] + lengths[last])
            )
            for i in kept_ix:
                sent_of[i] = sid
        for i, (idx, _space, abs_head, lemma, pos, tag, dep, _length) in enumerate(arr):
            if not keep[i]:
                continue
            h = abs_head
            hops = 0
            while not keep[h] and hops < n:  # a head on a dropped whitespace token: go up the tree
                nh = arr[h][2]
                if nh == h:
                    break
                h = nh
                hops += 1
            tokens.append(
                Token(
                    start=offset + idx,
                    end=offset + idx + lengths[i],
                    lemma=names.get(lemma) or names.setdefault(lemma, strings[lemma]),
                    pos=names.get(pos) or names.setdefault(pos, strings[pos]),
                    tag=names.get(tag) or names.setdefault(tag, strings[tag]),
                    dep=names.get(dep) or names.setdefault(dep, strings[dep]),
                    head=index[h] if keep[h] else index[i],
                    sent=sent_of[i],
                )
            )
        for ent in doc.ents:
            entities.append(
                RawEntity(start=offset + ent.start_char, end=offset + ent.end_char, label=ent.label_)
            )
    return Parse(sentences=tuple(sentences), tokens=tuple(tokens), entities=tuple(entities))
