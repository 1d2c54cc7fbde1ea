"""Cross-document event coreference: event mentions -> one ledger row per real event.

Mentions merge when they are of the same type family, share resolved actors, and their dates and places
are compatible; merging is agglomerative over candidate pairs in a fixed order (best evidence first) and
checks compatibility against the whole cluster, so an undated mention cannot bridge two different days.
The result depends only on the set of mentions, not their order.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from newsledger.events import rules
from newsledger.records import (
    AnnotatedDocument,
    DatePrecision,
    Derivation,
    Event,
    EventMention,
    EventSource,
    Resolution,
    content_id,
)

log = logging.getLogger(__name__)

_PREC_ORDER = {DatePrecision.DAY: 0, DatePrecision.MONTH: 1, DatePrecision.YEAR: 2, None: 3}


@dataclass(frozen=True, slots=True, kw_only=True)
class MentionFeatures:
    """What the merge logic sees of one mention (also built from gold mentions by the ECB+ evaluation)."""

    key: tuple[str, int]  # (doc id, mention index): the stable sort key
    doc: str
    family: str  # type + mode family: only equal families merge
    actors: frozenset[str]  # resolved actor ids
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    day_exact: bool = False  # date known to the day
    place: str | None = None  # resolved place id (or normalised name)
    country: str | None = None  # ISO country of the place, when known
    needs_place: bool = False  # visits: only the same place makes the same visit
    lemma: str = ""
    source: str = ""  # the first (source) actor id
    published: dt.date | None = None  # the reporting document's date: bounds an undated mention
    unnamed: bool = False  # every actor only describes an unnamed participant ("a Japanese official")
    lead: bool = False  # stated in the report's lead paragraph
    named_person: bool = False  # a person is among the actors
    definite: bool = False  # a definite nominal ("the discussions"): may refer back within its document


def _family(m: EventMention) -> str:
    return f"{m.type}/{rules.MODE_FAMILY.get(m.mode, m.mode)}"


def _dates_compatible(
    a_from: dt.date | None, a_to: dt.date | None, b_from: dt.date | None, b_to: dt.date | None
) -> bool:
    if a_from is None or b_from is None:
        return True
    return a_from <= (b_to or b_from) and b_from <= (a_to or a_from)


def _places_compatible(a: MentionFeatures, b: MentionFeatures) -> bool:
    if a.place is None or b.place is None:
        return True
    if a.place == b.place:
        return True
    return a.country is not None and a.country == b.country


def _reports_compatible(a: MentionFeatures, b: MentionFeatures) -> bool:
    """Undated mentions are bounded by their report: two undated reports of "the same" act must be
    published close together, and an event cannot be reported before it happened."""
    if a.date_from is None and b.date_from is None:
        if a.published is None or b.published is None:
            return True
        return abs((a.published - b.published).days) <= rules.UNDATED_WINDOW_DAYS
    dated, undated = (a, b) if a.date_from is not None else (b, a)
    if undated.date_from is not None or undated.published is None:
        return True
    assert dated.date_from is not None
    end = dated.date_to or dated.date_from
    lead = (dated.date_from - undated.published).days
    lag = (undated.published - end).days
    return lead <= rules.REPORT_LEAD_DAYS and lag <= rules.UNDATED_REPORT_LAG_DAYS


def pair_score(a: MentionFeatures, b: MentionFeatures) -> float:
    """How strongly two mentions are one event (0 = must not merge)."""
    if a.family != b.family or a.key == b.key:
        return 0.0
    shared = len(a.actors & b.actors)
    if shared == 0:
        return 0.0
    if not _dates_compatible(a.date_from, a.date_to, b.date_from, b.date_to):
        return 0.0
    if not _reports_compatible(a, b):
        return 0.0
    if not _places_compatible(a, b):
        return 0.0
    same_day = a.day_exact and b.day_exact and a.date_from == b.date_from
    # "Poland met the Paris Club ... the discussions, led on the Polish side by X": a definite nominal
    # after a mention of its family in the same report refers back to it
    anaphor = a.doc == b.doc and (b.definite if a.key < b.key else a.definite)
    need = (
        rules.MIN_SHARED_ACTORS_SAME_DAY
        if (same_day or a.needs_place or anaphor)
        else rules.MIN_SHARED_ACTORS
    )
    if shared < min(need, len(a.actors), len(b.actors)) or shared < 1:
        return 0.0
    nested = a.actors <= b.actors or b.actors <= a.actors
    if shared < need and not (a.lemma and a.lemma == b.lemma) and not nested and not anaphor:
        # "the meeting with Shevardnadze" and "Shultz and Shevardnadze met" are one event when one's
        # participants are among the other's (within a document, or across reports close in time:
        # "talks with Japan" and "a Japanese official met U.S. negotiators")
        return 0.0
    return shared + (1.0 if same_day else 0.0) + (0.5 if a.place is not None and a.place == b.place else 0.0)


class _Cluster:
    __slots__ = ("date_from", "date_to", "members", "places")

    def __init__(self, f: MentionFeatures) -> None:
        self.members = [f]
        self.date_from = f.date_from
        self.date_to = f.date_to or f.date_from
        self.places: list[MentionFeatures] = [f] if f.place is not None else []

    def compatible(self, other: _Cluster) -> bool:
        if not _dates_compatible(self.date_from, self.date_to, other.date_from, other.date_to):
            return False
        return all(_places_compatible(a, b) for a in self.places for b in other.places)

    def absorb(self, other: _Cluster) -> None:
        self.members.extend(other.members)
        self.places.extend(other.places)
        if other.date_from is not None:
            if self.date_from is None:
                self.date_from, self.date_to = other.date_from, other.date_to
            else:
                # the cluster's date is the intersection of its known ranges
                self.date_from = max(self.date_from, other.date_from)
                self.date_to = min(self.date_to or self.date_from, other.date_to or other.date_from)


def cluster_features(features: Sequence[MentionFeatures]) -> list[list[MentionFeatures]]:
    """Group mentions into events; deterministic and independent of the input order."""
    feats = sorted(features, key=lambda f: f.key)
    blocks: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, f in enumerate(feats):
        for a in f.actors:
            blocks[(f.family, a)].append(i)
    pairs: dict[tuple[int, int], float] = {}
    for members in blocks.values():
        for x in range(len(members)):
            for y in range(x + 1, len(members)):
                i, j = members[x], members[y]
                if (i, j) in pairs:
                    continue
                pairs[(i, j)] = pair_score(feats[i], feats[j])
    order = sorted(((s, i, j) for (i, j), s in pairs.items() if s > 0), key=lambda t: (-t[0], t[1], t[2]))
    parent = list(range(len(feats)))
    clusters: dict[int, _Cluster] = {i: _Cluster(f) for i, f in enumerate(feats)}

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for _, i, j in order:
        ri, rj = find(i), find(j)
        if ri == rj:
            continue
        if not clusters[ri].compatible(clusters[rj]):
            continue
        lo, hi = min(ri, rj), max(ri, rj)
        clusters[lo].absorb(clusters[hi])
        del clusters[hi]
        parent[hi] = lo
    _attach_vague(clusters)
    return [sorted(c.members, key=lambda f: f.key) for _, c in sorted(clusters.items())]


def _attach_vague(clusters: dict[int, _Cluster]) -> None:
    """A lead-paragraph mention whose actors only describe unnamed participants ("South Africa's largest
    labour federation criticised ...", "a senior Japanese trade official met U.S. negotiators") is the
    report's summary of an act its body then tells with the persons' names: it joins the one other
    cluster of its type family that has a mention naming a person in the same document (none or
    several: it stays apart; "its Chicago bank subsidiary agreed ..." and "First Chicago also agreed
    ..." are two acts of organisations, not a summary and its telling)."""
    for ci in sorted(clusters):
        if ci not in clusters:
            continue
        c = clusters[ci]
        vague_docs = sorted({(f.doc, f.family) for f in c.members if f.unnamed and f.lead})
        for doc, family in vague_docs:
            named = sorted(
                k
                for k, o in clusters.items()
                if k != ci
                and any(
                    f.doc == doc and f.family == family and f.named_person and not f.unnamed
                    for f in o.members
                )
            )
            if len(named) != 1:
                continue
            other = clusters[named[0]]
            if not c.compatible(other):
                continue
            if any(not _reports_compatible(a, b) for a in c.members for b in other.members):
                continue
            lo, hi = min(ci, named[0]), max(ci, named[0])
            clusters[lo].absorb(clusters[hi])
            del clusters[hi]
            break


# ------------------------------------------------------------------------------------------- ledger
def _norm(text: str) -> str:
    return " ".join(text.lower().split())


def _in_ledger(m: EventMention) -> bool:
    """Whether a mention counts towards the ledger: neither negated nor a bare statement."""
    return not m.negated and m.type != rules.STATEMENT_TYPE


@dataclass(frozen=True, slots=True)
class _FromDoc:
    """What the ledger reads of a mention's document, read while the document streams by."""

    slices: tuple[str, ...]  # the body under each actor span
    surfaces: tuple[str, ...]  # each actor's surface: its body slice, else its entity mention's text
    place_mention: int | None  # index of the entity mention at the place span
    unnamed: bool
    lead: bool
    definite: bool


_NO_DOC = _FromDoc(slices=(), surfaces=(), place_mention=None, unnamed=False, lead=False, definite=False)


def _from_doc(doc: AnnotatedDocument, ms: Sequence[EventMention]) -> dict[int, _FromDoc]:
    """The document-dependent values of ``doc``'s event mentions ``ms``, by mention index."""
    span_to_mention = {(mm.start, mm.end): k for k, mm in enumerate(doc.mentions)}
    lead_end = _lead_end(doc.body)
    out: dict[int, _FromDoc] = {}
    for m in ms:
        slices = tuple(doc.body[a:b] for a, b in m.actor_spans)
        surfaces = tuple(
            sl or (doc.mentions[mi].text if 0 <= mi < len(doc.mentions) else "")
            for sl, mi in zip(slices, m.actor_mentions, strict=False)
        )
        out[m.index] = _FromDoc(
            slices=slices,
            surfaces=surfaces,
            place_mention=(
                span_to_mention.get((m.place_span[0], m.place_span[1])) if m.place_span is not None else None
            ),
            unnamed=all(_descriptive(doc, span) for span in m.actor_spans),
            lead=m.sentence.start <= lead_end,
            definite=_definite(doc, m),
        )
    return out


def build(
    mentions: Sequence[EventMention],
    docs: Mapping[str, AnnotatedDocument] | Iterable[AnnotatedDocument],
    resolution: Resolution,
    published: Mapping[str, dt.date | None],
    derivations: Sequence[Derivation],
) -> tuple[Event, ...]:
    """The ledger: one :class:`Event` per cluster of coreferent mentions, sorted by date then id.

    ``docs``: the annotated documents of the mentions, by id or as a stream read once: each is read
    for its mentions' values (:class:`_FromDoc`) and let go, so the corpus stages never hold them all."""
    by_doc: dict[str, list[EventMention]] = defaultdict(list)
    for m in mentions:
        if _in_ledger(m):
            by_doc[m.doc_id].append(m)
    from_doc: dict[tuple[str, int], _FromDoc] = {}
    for d in docs.values() if isinstance(docs, Mapping) else docs:
        ms = by_doc.get(d.doc_id)
        if ms:
            from_doc.update(((d.doc_id, i), v) for i, v in _from_doc(d, ms).items())
    del by_doc
    # only the links the mentions' actors and places need (all of them: 2.73M at the 100k scaled store)
    wanted = {(m.doc_id, mi) for m in mentions for mi in m.actor_mentions if mi >= 0}
    wanted.update((k[0], v.place_mention) for k, v in from_doc.items() if v.place_mention is not None)
    link = {at: ln.entity_id for ln in resolution.links if (at := (ln.doc, ln.index)) in wanted}
    del wanted
    ents = {e.id: e for e in resolution.entities}

    state_alias = _state_aliases(resolution)
    by_key: dict[tuple[str, int], EventMention] = {}
    feats: list[MentionFeatures] = []
    names: dict[str, str] = {}
    shown: dict[tuple[str, int], tuple[str, ...]] = {}
    for m in mentions:
        if not _in_ledger(m):
            continue
        fd = from_doc.get((m.doc_id, m.index), _NO_DOC)
        actor_ids: list[str] = []
        for k, mi in enumerate(m.actor_mentions[: len(m.actor_spans)]):
            eid = link.get((m.doc_id, mi)) if mi >= 0 else None
            if eid is None:
                surface = fd.surfaces[k] if k < len(fd.surfaces) else ""
                if not surface:
                    continue
                eid = "name:" + _norm(surface)
                names.setdefault(eid, " ".join(surface.split()))
            else:
                names.setdefault(eid, ents[eid].name if eid in ents else eid)
            if eid not in actor_ids:
                actor_ids.append(eid)
        if not actor_ids:
            continue
        merge_ids: list[str] = []
        for k, eid in enumerate(actor_ids[: len(m.actor_spans)]):
            etype = ents[eid].type if eid in ents else ""
            text = fd.slices[k] if k < len(fd.slices) else ""
            state = _state_of(text, state_alias) if etype != "PERSON" else None
            key = state or eid
            if key not in merge_ids:
                merge_ids.append(key)
        shown[(m.doc_id, m.index)] = tuple(actor_ids)
        place_id: str | None = None
        country: str | None = None
        if m.place_span is not None:
            pm = fd.place_mention
            pid = link.get((m.doc_id, pm)) if pm is not None else None
            if pid is not None and pid in ents:
                place_id = pid
                country = ents[pid].country
                names.setdefault(pid, ents[pid].name)
            elif m.place_text:
                place_id = "name:" + _norm(m.place_text)
                names.setdefault(place_id, m.place_text)
        elif m.place_text:  # a place named only by the dateline ("here on a visit")
            place_id = "name:" + _norm(m.place_text)
            names.setdefault(place_id, m.place_text)
        by_key[(m.doc_id, m.index)] = m
        feats.append(
            MentionFeatures(
                key=(m.doc_id, m.index),
                doc=m.doc_id,
                family=_family(m),
                actors=frozenset(merge_ids),
                date_from=m.date_from,
                date_to=m.date_to,
                day_exact=m.date_precision == DatePrecision.DAY and m.date_from == (m.date_to or m.date_from),
                place=place_id,
                country=country,
                needs_place=m.mode == "visit",
                source=merge_ids[0],
                lemma=_trigger_key(m),
                published=published.get(m.doc_id),
                unnamed=fd.unnamed,
                lead=fd.lead,
                named_person=any(ents[a].type == "PERSON" for a in actor_ids if a in ents),
                definite=fd.definite,
            )
        )
    groups = cluster_features(feats)
    derived = _derivation_roots(derivations)
    events = [_event(g, by_key, names, derived, shown) for g in groups]
    # ids from content; two rows with the same content get their first source as a tiebreak
    seen: Counter[str] = Counter(e.id for e in events)
    out: list[Event] = []
    for e in events:
        if seen[e.id] > 1:
            first = e.sources[0]
            e = _with_id(e, content_id("ev", e.id, first.doc, str(first.mention_index)))
        out.append(e)
    out.sort(key=lambda e: (e.date or dt.date.max, e.id))
    return tuple(out)


def _definite(doc: AnnotatedDocument, m: EventMention) -> bool:
    """Whether the mention's trigger is a noun with a definite determiner ("the talks")."""
    head = [k for k, t in enumerate(doc.tokens) if m.trigger.start <= t.start < m.trigger.end]
    if not head or doc.tokens[head[-1]].pos != "NOUN":
        return False
    k = head[-1]
    return any(
        t.head == k and t.dep == "det" and doc.body[t.start : t.end].lower() in rules.DEFINITE_DETS
        for t in doc.tokens[max(0, k - 4) : k]
    )


def _lead_end(body: str) -> int:
    """End of the lead (first) paragraph of a body."""
    end = body.find("\n")
    return len(body) if end < 0 else end


def _descriptive(doc: AnnotatedDocument, span: tuple[int, int]) -> bool:
    """Whether a name only modifies a common noun that is the real participant ("Japanese" in "a senior
    Japanese trade official", "South Africa" in "South Africa's largest labour federation")."""
    inside = [k for k, t in enumerate(doc.tokens) if t.start >= span[0] and t.end <= span[1]]
    if not inside:
        return False
    heads = [k for k in inside if doc.tokens[k].head not in inside or doc.tokens[k].head == k]
    if len(heads) != 1:
        return False
    tok = doc.tokens[heads[0]]
    if tok.dep not in rules.DESCRIPTIVE_DEPS or tok.head == heads[0]:
        return False
    return doc.tokens[tok.head].pos == "NOUN"


def _state_aliases(resolution: Resolution) -> dict[str, str]:
    """Normalised names and aliases of the states (GPE entities) -> entity id."""
    out: dict[str, str] = {}
    for e in resolution.entities:
        if e.type == "GPE":
            for a in (e.name, *e.aliases):
                out.setdefault(_norm(a), e.id)
    return out


def _state_of(surface: str, state_alias: Mapping[str, str]) -> str | None:
    """The state an organ of it stands for in merging ("U.S. Naval forces", "Ivory Coast Agriculture
    Ministry" act for the U.S. and Ivory Coast): a state's name followed by a state-organ word."""
    words = _norm(surface).split()
    for k in range(len(words) - 1, 0, -1):
        eid = state_alias.get(" ".join(words[:k]))
        if eid is not None:
            rest = {w.strip(".,'’") for w in words[k:]}
            return eid if rest & rules.STATE_ORGAN_WORDS else None
    return None


def _trigger_key(m: EventMention) -> str:
    """The trigger's head word, lower-cased (the last word: "held talks" -> "talks")."""
    words = m.trigger.text.lower().split()
    return words[-1] if words else ""


def _with_id(e: Event, new_id: str) -> Event:
    return replace(e, id=new_id)


def _derivation_roots(derivations: Sequence[Derivation]) -> dict[str, str]:
    """doc -> the earliest document it derives from (transitively)."""
    parent = {d.doc_id: d.derived_from for d in sorted(derivations, key=lambda d: (d.doc_id, d.derived_from))}
    roots: dict[str, str] = {}
    for doc in parent:
        seen = {doc}
        r = doc
        while r in parent and parent[r] not in seen:
            r = parent[r]
            seen.add(r)
        roots[doc] = r
    return roots


def _pick_date(
    members: list[EventMention],
) -> tuple[dt.date | None, dt.date | None, DatePrecision | None, int]:
    """The date most sources support, preferring the most precise; returns (from, to, precision, votes)."""
    dated = [m for m in members if m.date_from is not None]
    if not dated:
        return None, None, None, 0
    best: tuple[int, int, int, dt.date, dt.date, DatePrecision | None] | None = None
    for m in dated:
        assert m.date_from is not None
        f, t = m.date_from, m.date_to or m.date_from
        support = sum(1 for o in dated if _dates_compatible(f, t, o.date_from, o.date_to))
        width = (t - f).days
        key = (-support, width, _PREC_ORDER[m.date_precision], f, t, m.date_precision)
        if best is None or key[:5] < best[:5]:
            best = key
    assert best is not None
    return best[3], best[4], best[5], -best[0]


def _event(
    group: list[MentionFeatures],
    by_key: Mapping[tuple[str, int], EventMention],
    names: Mapping[str, str],
    derived: Mapping[str, str],
    shown: Mapping[tuple[str, int], tuple[str, ...]],
) -> Event:
    members = [by_key[f.key] for f in group]
    types = Counter(m.type for m in members)
    ty = sorted(types.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
    modes = Counter(m.mode for m in members if m.type == ty)
    mode = sorted(modes.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
    # actors: the most frequent source first, then by how many sources name them
    first = Counter(shown[f.key][0] for f in group)
    count: Counter[str] = Counter(a for f in group for a in shown[f.key])
    src = sorted(first.items(), key=lambda kv: (-kv[1], -count[kv[0]], names.get(kv[0], kv[0])))[0][0]
    rest = sorted((a for a in count if a != src), key=lambda a: (-count[a], names.get(a, a)))
    actor_ids = (src, *rest)
    places = Counter(f.place for f in group if f.place is not None)
    place_id = sorted(places.items(), key=lambda kv: (-kv[1], kv[0]))[0][0] if places else None
    country = next((f.country for f in group if f.place == place_id and f.country), None)
    d_from, d_to, prec, _ = _pick_date(members)
    sources = tuple(
        sorted(
            (
                EventSource(
                    doc=m.doc_id,
                    sentence=(m.sentence.start, m.sentence.end),
                    actor_spans=m.actor_spans,
                    place_span=m.place_span,
                    date_span=m.date_span,
                    mention_index=m.index,
                )
                for m in members
            ),
            key=lambda s: (s.doc, s.sentence, s.mention_index),
        )
    )
    docs = sorted({m.doc_id for m in members})
    independent = len({derived.get(d, d) for d in docs})
    conf = max(m.confidence for m in members) + rules.CONF_PER_SOURCE * (independent - 1)
    place_name = names.get(place_id) if place_id else None
    eid = content_id(
        "ev", ty, mode, "|".join(sorted(actor_ids)), d_from.isoformat() if d_from else "", place_id or ""
    )
    return Event(
        id=eid,
        type=ty,
        mode=mode,
        actors=tuple(names.get(a, a) for a in actor_ids),
        actor_ids=actor_ids,
        place=place_name,
        date=d_from,
        date_to=d_to if d_to != d_from else None,
        date_precision=prec,
        sources=sources,
        independent_sources=independent,
        confidence=round(min(rules.CONF_MAX, conf), 3),
        place_id=place_id,
        place_country=country,
    )
