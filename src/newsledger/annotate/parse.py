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
    sentences: list[Sentence] = []
    tokens: list[Token] = []
    entities: list[RawEntity] = []
    for offset, doc in chunks:
        keep = [not t.is_space for t in doc]
        index: list[int] = []  # spaCy token index -> our token index (or -1 when dropped)
        base = len(tokens)
        k = base
        for kept in keep:
            index.append(k if kept else -1)
            k += kept
        sent_of: dict[int, int] = {}
        for sent in doc.sents:
            toks = [t for t in sent if keep[t.i]]
            if not toks:
                continue
            sid = len(sentences)
            sentences.append(Sentence(start=offset + toks[0].idx, end=offset + toks[-1].idx + len(toks[-1])))
            for t in toks:
                sent_of[t.i] = sid
        for t in doc:
            if not keep[t.i]:
                continue
            head = t.head
            hops = 0
            while not keep[head.i] and head.head.i != head.i and hops < len(doc):
                head = head.head
                hops += 1
            h = index[head.i] if keep[head.i] else index[t.i]
            tokens.append(
                Token(
                    start=offset + t.idx,
                    end=offset + t.idx + len(t),
                    lemma=t.lemma_,
                    pos=t.pos_,
                    tag=t.tag_,
                    dep=t.dep_,
                    head=h,
                    sent=sent_of[t.i],
                )
            )
        for ent in doc.ents:
            entities.append(
                RawEntity(start=offset + ent.start_char, end=offset + ent.end_char, label=ent.label_)
            )
    return Parse(sentences=tuple(sentences), tokens=tuple(tokens), entities=tuple(entities))
