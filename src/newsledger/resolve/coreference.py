"""Within-document resolution: every resolvable mention of one document goes to a local cluster.

Precise first: (1) countries by name, state abbreviation or demonym, (2) bare compass words ("the North")
to the one co-mentioned country they start, (3) places by gazetteer — a capital acting as a government
("Pyongyang's ties", "Beijing said") goes to its country, (4) acronyms by a definition in the text, the
corpus, or the initials of a name in the document, (5) names by normalised key, (6) short forms ("Kim",
"Wang", "Phomvihane") to a full name of the document by proximity, co-mentions and role — left
unresolved when the evidence is even. Each cluster keeps the rule that made it (``rule``).
"""

from __future__ import annotations

import bisect
import logging
import math
import re
from collections import Counter
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from functools import lru_cache

from newsledger.records import AnnotatedDocument, Mention
from newsledger.resolve import rules
from newsledger.resolve.acronyms import acronym_form
from newsledger.resolve.gazetteer import City, Gazetteer
from newsledger.textkit import names
from newsledger.textkit.names import HONORIFICS, compact_key, fold_once, initials, name_tokens, strip_name

log = logging.getLogger(__name__)

PERSON_TITLES = HONORIFICS | rules.OFFICE_TITLES
_WORD_RE = re.compile(r"[A-Za-z']+")


@dataclass(slots=True, kw_only=True)
class View:
    """A resolvable mention with its normalised forms."""

    index: int
    mention: Mention
    tokens: tuple[str, ...]  # folded, lower-case, article/titles stripped
    key: str  # compact key of ``tokens``


@dataclass(slots=True, kw_only=True)
class LocalCluster:
    """Mentions of one document taken as one entity. ``anchor`` is ``country:XX``, ``place:<geonameid>``
    or ``name:<key>``; ``lone`` marks a bare surname with no full name in its document."""

    doc: str
    anchor: str
    key: str
    tokens: tuple[str, ...]
    members: list[int] = field(default_factory=list)
    labels: Counter[str] = field(default_factory=Counter)
    country: str | None = None
    display: str | None = None  # gazetteer name for countries/places; acronym expansion for names
    rule: str = ""
    lone: bool = False
    person: bool = False
    context: AbstractSet[str] = frozenset()
    role_words: AbstractSet[str] = frozenset()


@dataclass(frozen=True, slots=True, kw_only=True)
class AcronymTable:
    """Corpus-wide acronym knowledge: definitions seen ("KCNA" -> {"koreancentralnewsagency": 3}) and the
    display long forms."""

    defined: dict[str, dict[str, int]]
    long_forms: dict[str, str]  # long key -> display form
    by_initials: dict[str, set[str]]  # initials -> name keys of multiword non-person names in the corpus
    cased: frozenset[str] = frozenset()  # keys also written in mixed case ("Millom" for "MILLOM")


@dataclass(frozen=True, slots=True, kw_only=True)
class DocumentResult:
    clusters: tuple[LocalCluster, ...]
    unresolved: tuple[int, ...]  # mention indices left without a link (ambiguous short forms)


_NICKNAME_RE = re.compile(r"\([^)]*\)|\"[^\"]*\"|\u201c[^\u201d]*\u201d|(?<=\s)'[^']+'(?=\s)|,.*$")


def person_tokens_of(text: str) -> tuple[str, ...]:
    """Name tokens of a person mention: nicknames in quotes/parentheses and anything after a comma
    dropped, titles and generational/credential suffixes stripped, lone initials dropped when two real
    tokens remain ("Luis Gerardo (Jerry) Ortiz" -> luis gerardo ortiz, "W. Mark Felt Sr." -> mark felt)."""
    toks = strip_name(name_tokens(_NICKNAME_RE.sub(" ", text)), PERSON_TITLES)
    while len(toks) > 1 and toks[-1] in rules.NAME_SUFFIXES:
        toks = toks[:-1]
    core = tuple(t for t in toks if len(t) > 1)
    return core if len(core) >= 2 else toks


@lru_cache(maxsize=262144)
def mention_tokens(text: str, label: str) -> tuple[str, ...]:
    """Normalised tokens of a mention surface under its label (cached: surfaces repeat a lot)."""
    toks = person_tokens_of(text) if label == "PERSON" else strip_name(name_tokens(text), frozenset())
    if toks and toks[0] in rules.DIRECTION_ABBREVIATIONS and len(toks) > 1 and len(toks[0]) == 1:
        toks = (rules.DIRECTION_ABBREVIATIONS[toks[0]], *toks[1:])
    if label != "PERSON" and len(toks) > 1 and toks[0] in rules.NAME_ABBREVIATIONS:
        toks = (rules.NAME_ABBREVIATIONS[toks[0]], *toks[1:])
    return toks


def clear_surface_caches() -> None:
    """Empty the per-surface caches (:func:`mention_tokens`, the country lookup, :func:`acronym_form`, and
    the name folding of :mod:`newsledger.textkit.names`): for a corpus pass that is over. They are bounded,
    but full they held ~36 MB (these three) and 145 MB (the name folding) on 10k Reuters articles, memory
    the later corpus stages can use."""
    names.clear_caches()
    mention_tokens.cache_clear()
    _country_code.cache_clear()
    acronym_form.cache_clear()


def view_of(index: int, m: Mention) -> View | None:
    if m.label not in rules.RESOLVED_LABELS:
        return None
    toks = mention_tokens(m.text, m.label)
    if not toks:
        return None
    return View(index=index, mention=m, tokens=toks, key=compact_key(toks))


def country_code(v: View, gaz: Gazetteer) -> tuple[str, str] | None:
    """``(code, rule)`` when the mention names a country, by name, abbreviation or demonym."""
    return _country_code(v.mention.text, v.mention.label, v.key, gaz)


@lru_cache(maxsize=131072)
def _country_code(text: str, label: str, key: str, gaz: Gazetteer) -> tuple[str, str] | None:
    if label not in rules.COUNTRY_LABELS:
        return None
    acr = acronym_form(text)
    if acr is not None and acr in gaz.abbreviations:
        return gaz.abbreviations[acr], "state_abbreviation"
    code = gaz.country_keys.get(key)
    if code is not None:
        return code, "country_name"
    demonym = gaz.demonyms.get(key)
    if demonym is None and key.endswith("s"):
        demonym = gaz.demonyms.get(key[:-1])  # "North Koreans"
    if demonym is not None and label in ("NORP", "GPE", "LOC"):
        return demonym, "demonym"
    return None


def is_actor(doc: AnnotatedDocument, m: Mention) -> bool:
    """Whether a place mention acts (government metonymy): possessive, subject, or after "with"/"against"
    ...; uses the parse when the document has tokens, else the words around the mention."""
    after = fold_once(doc.body[m.end : m.end + 40])  # unique per mention: not cached
    if after.startswith("'s") or after.startswith("' "):
        return True
    if doc.tokens:
        lo = bisect.bisect_left(doc.tokens, m.start, key=lambda t: t.start)  # tokens are in text order
        inside = []
        for i in range(lo, len(doc.tokens)):
            if doc.tokens[i].start >= m.end:
                break
            if doc.tokens[i].end <= m.end:
                inside.append(i)
        for i in inside:
            tok = doc.tokens[i]
            if tok.head in inside and tok.head != i:
                continue
            if tok.dep in rules.ACTOR_DEPS:
                return True
            if tok.dep == "pobj" and 0 <= tok.head < len(doc.tokens):
                head = doc.tokens[tok.head]
                if doc.body[head.start : head.end].lower() in rules.ACTOR_POBJ_HEADS:
                    return True
            return False
    next_words = _WORD_RE.findall(after[:25])
    if next_words and next_words[0].lower() in rules.ACTOR_FOLLOWERS:
        return True
    prev_words = _WORD_RE.findall(fold_once(doc.body[max(0, m.start - 30) : m.start]))
    return bool(prev_words) and prev_words[-1].lower() in rules.ACTOR_PRECEDERS


def _dateline(doc: AnnotatedDocument, m: Mention) -> bool:
    """A place opening a paragraph and followed by a comma or dash ("Seoul, March 25 -") is a dateline."""
    before = doc.body[max(0, m.start - 3) : m.start]
    at_start = m.start == 0 or before.endswith("\n") or (before.strip() == "" and "\n" in before)
    return at_start and doc.body[m.end : m.end + 2].lstrip()[:1] in (",", "-", "\u2014", "\u2013")


def choose_city(cands: tuple[City, ...], doc_countries: set[str]) -> City:
    def score(c: City) -> tuple[float, int]:
        s = math.log10(max(c.population, 1)) + (
            rules.CITY_COUNTRY_BONUS if c.country in doc_countries else 0.0
        )
        return (-s, c.geonameid)

    return min(cands, key=score)


def build_acronym_table(
    docs_defs: list[list[tuple[str, str]]],
    multiword_keys: Counter[str],
    displays: dict[str, str],
    cased: frozenset[str] = frozenset(),
) -> AcronymTable:
    defined: dict[str, dict[str, int]] = {}
    long_forms: dict[str, str] = {}
    for defs in docs_defs:
        for acr, lf in defs:
            toks = strip_name(name_tokens(lf), frozenset())
            key = compact_key(toks)
            if not key:
                continue
            bucket = defined.setdefault(acr, {})
            bucket[key] = bucket.get(key, 0) + 1
            prev = long_forms.get(key)
            if prev is None or (len(lf), lf) < (len(prev), prev):
                long_forms[key] = lf
    by_initials: dict[str, set[str]] = {}
    for key in multiword_keys:
        toks = displays_tokens(displays.get(key, ""))
        if len(toks) < 2:
            continue
        for ini in {initials(toks, rules.INITIALS_SKIP), initials(toks)}:
            if len(ini) >= rules.ACRONYM_MIN:
                by_initials.setdefault(ini, set()).add(key)
    return AcronymTable(defined=defined, long_forms=long_forms, by_initials=by_initials, cased=cased)


def displays_tokens(display: str) -> tuple[str, ...]:
    return strip_name(name_tokens(display), frozenset()) if display else ()


def _acronym_target(
    acr: str, doc_defs: dict[str, str], doc_initials: dict[str, set[str]], table: AcronymTable
) -> tuple[str, str, str] | None:
    """``(long key, display, rule)`` for an acronym mention, precise first."""
    if acr in doc_defs:
        key = doc_defs[acr]
        return key, table.long_forms.get(key, acr), "acronym_defined_here"
    seen = table.defined.get(acr) or table.defined.get(acr.rstrip("s"))
    if seen:
        ranked = sorted(seen.items(), key=lambda kv: (-kv[1], kv[0]))
        if len(ranked) == 1 or ranked[0][1] >= rules.ACRONYM_DOMINANCE * ranked[1][1]:
            return ranked[0][0], table.long_forms.get(ranked[0][0], acr), "acronym_defined_in_corpus"
    local = doc_initials.get(acr)
    if local is not None and len(local) == 1:
        key = next(iter(local))
        return key, "", "initials_in_document"
    corpus = table.by_initials.get(acr)
    if corpus is not None and len(corpus) == 1:
        key = next(iter(corpus))
        return key, "", "initials_in_corpus"
    return None


def _short_matches(short: tuple[str, ...], full: tuple[str, ...]) -> bool:
    n = len(short)
    if n >= len(full) or short[0] in rules.NAME_PARTICLES:
        return False
    return full[:n] == short or full[-n:] == short


def analyse_document(
    doc: AnnotatedDocument,
    gaz: Gazetteer,
    table: AcronymTable,
    defs: list[tuple[str, str]] | None = None,
) -> DocumentResult:
    """Local clusters of one document (see the module docstring for the ladder)."""
    views = [v for i, m in enumerate(doc.mentions) if (v := view_of(i, m)) is not None]
    views.sort(key=lambda v: (v.mention.start, v.mention.end, v.index))
    assigned: dict[
        int, tuple[str, str, str | None, str | None, str]
    ] = {}  # index -> anchor, key, country, display, rule

    # (1) countries
    for v in views:
        hit = country_code(v, gaz)
        if hit is not None:
            code, rule = hit
            assigned[v.index] = (
                f"country:{code}",
                code,
                code,
                gaz.countries[code].name if code in gaz.countries else code,
                rule,
            )
    doc_countries = {a[2] for a in assigned.values() if a[2] is not None}

    # (2) bare compass words: "the North" -> the one co-mentioned country whose name starts with "North"
    for v in views:
        if v.index in assigned or len(v.tokens) != 1 or v.tokens[0] not in rules.DIRECTIONS:
            continue
        if v.mention.label not in rules.COUNTRY_LABELS:
            continue
        hits = sorted(
            c
            for c in doc_countries
            if c in gaz.countries and name_tokens(gaz.countries[c].name)[:1] == v.tokens
        )
        if len(hits) == 1:
            code = hits[0]
            assigned[v.index] = (f"country:{code}", code, code, gaz.countries[code].name, "compass_country")

    # (3) places; capitals acting as governments go to the country
    for v in views:
        if v.index in assigned or v.mention.label not in rules.PLACE_LABELS:
            continue
        cands = gaz.cities.get(v.key) or gaz.city_alternates.get(v.key)
        if not cands:
            continue
        city = choose_city(cands, doc_countries)
        if city.capital and not _dateline(doc, v.mention) and is_actor(doc, v.mention):
            code = city.country
            name = gaz.countries[code].name if code in gaz.countries else code
            assigned[v.index] = (f"country:{code}", code, code, name, "capital_metonymy")
        else:
            assigned[v.index] = (
                f"place:{city.geonameid}",
                str(city.geonameid),
                city.country,
                city.name,
                "gazetteer_place",
            )

    # (4) acronyms (not countries)
    doc_defs: dict[str, str] = {}
    from newsledger.resolve.acronyms import definitions

    for acr, lf in definitions(doc.body) if defs is None else defs:
        doc_defs.setdefault(acr, compact_key(strip_name(name_tokens(lf), frozenset())))
    doc_initials: dict[str, set[str]] = {}
    for v in views:
        if v.index in assigned or v.mention.label == "PERSON" or len(v.tokens) < 2:
            continue
        for ini in {initials(v.tokens, rules.INITIALS_SKIP), initials(v.tokens)}:
            doc_initials.setdefault(ini, set()).add(v.key)
    acronym_views: set[int] = set()
    for v in views:
        if v.index in assigned:
            continue
        acr_form = acronym_form(v.mention.text)
        if acr_form is None:
            continue
        if v.key in table.cased and acr_form not in doc_defs and acr_form not in table.defined:
            continue  # a headline in capitals ("MILLOM", "WILLIAMS"): the name also written in mixed case
        acronym_views.add(v.index)
        target = _acronym_target(acr_form, doc_defs, doc_initials, table)
        if target is None:
            continue
        key, display, rule = target
        acr_code = gaz.country_keys.get(key)
        if acr_code is not None:
            code = acr_code
            assigned[v.index] = (f"country:{code}", code, code, gaz.countries[code].name, rule)
        else:
            assigned[v.index] = (f"name:{key}", key, None, display or None, rule)

    # (5) full names and (6) short forms
    person_full: dict[str, tuple[str, ...]] = {}
    for v in views:
        if v.index not in assigned and v.mention.label == "PERSON" and len(v.tokens) >= 2:
            person_full.setdefault(v.key, v.tokens)
    # a shorter full name ending the one longer name ("Hashemi Rafsanjani" in "Ali Akbar Hashemi
    # Rafsanjani") is that person
    alias_of: dict[str, str] = {}
    for k, toks in person_full.items():
        longer = [k2 for k2, t2 in person_full.items() if len(t2) > len(toks) and t2[-len(toks) :] == toks]
        if len(longer) == 1:
            alias_of[k] = longer[0]
    for k in alias_of:
        del person_full[k]
    person_tokens = {t for toks in person_full.values() for t in (toks[0], toks[-1])}

    sent_keys: dict[int, set[str]] = {}  # every entity feature per sentence (cross-document context)
    sent_persons: dict[int, set[str]] = {}  # person-name tokens per sentence (short-form evidence)
    for v in views:
        a = assigned.get(v.index)
        feats = {a[0]} if a is not None else set(v.tokens)
        sent_keys.setdefault(v.mention.sent, set()).update(feats)
        if a is None and (
            v.mention.label == "PERSON" or (len(v.tokens) == 1 and v.tokens[0] in person_tokens)
        ):
            sent_persons.setdefault(v.mention.sent, set()).update(v.tokens)

    clusters: dict[str, LocalCluster] = {}
    unresolved: list[int] = []

    def add(
        v: View, anchor: str, key: str, toks: tuple[str, ...], rule: str, **extra: object
    ) -> LocalCluster:
        c = clusters.get(anchor)
        if c is None:
            c = LocalCluster(doc=doc.doc_id, anchor=anchor, key=key, tokens=toks, rule=rule)
            clusters[anchor] = c
        for k, val in extra.items():
            if val is not None and getattr(c, k) in (None, False):
                setattr(c, k, val)
        c.members.append(v.index)
        c.labels[v.mention.label] += 1
        if v.mention.role:
            c.role_words = c.role_words | {t for t in name_tokens(v.mention.role) if len(t) > 2}
        return c

    # place each mention in text order so short forms see what came before
    last_sent: dict[str, list[int]] = {}
    for v in views:
        a = assigned.get(v.index)
        if a is not None:
            anchor, akey, country, adisplay, arule = a
            add(
                v,
                anchor,
                akey,
                name_tokens(adisplay or "") or v.tokens,
                arule,
                country=country,
                display=adisplay,
            )
            continue
        m = v.mention
        is_person_like = m.label == "PERSON" or (
            len(v.tokens) == 1 and v.index not in acronym_views and v.tokens[0] in person_tokens
        )
        if m.label == "PERSON" and len(v.tokens) >= 2:
            fk = alias_of.get(v.key, v.key)
            c = add(v, f"name:{fk}", fk, person_full[fk], "person_full", person=True)
            last_sent.setdefault(c.anchor, []).append(m.sent)
            continue
        if is_person_like and v.index not in acronym_views:
            names = [k for k, toks in person_full.items() if _short_matches(v.tokens, toks)]
            if not names:
                if m.label == "PERSON":
                    add(v, f"name:{v.key}", v.key, v.tokens, "lone_surname", person=True, lone=True)
                else:
                    add(v, f"name:{v.key}", v.key, v.tokens, "name_key")
                continue
            best = _pick_candidate(v, names, person_full, last_sent, views, sent_persons, clusters)
            if best is None:
                unresolved.append(v.index)
                log.debug("%s: %r left unresolved among %s", doc.doc_id, m.text, names)
                continue
            c = add(v, f"name:{best}", best, person_full[best], "short_form", person=True)
            last_sent.setdefault(c.anchor, []).append(m.sent)
            continue
        add(v, f"name:{v.key}", v.key, v.tokens, "name_key")

    _fold_short_names(clusters)

    # co-mention context of each cluster: anchors/name tokens of other mentions in its sentences
    member_sents: dict[str, set[int]] = {}
    by_index = {v.index: v for v in views}
    for c in clusters.values():
        member_sents[c.anchor] = {by_index[i].mention.sent for i in c.members}
    for c in clusters.values():
        ctx: set[str] = set()
        for s in member_sents[c.anchor]:
            ctx |= sent_keys.get(s, set())
        ctx.discard(c.anchor)
        ctx -= set(c.tokens)
        c.context = ctx
    return DocumentResult(clusters=tuple(clusters.values()), unresolved=tuple(sorted(unresolved)))


def is_short_name(toks: tuple[str, ...]) -> bool:
    """Whether a non-person name may stand for a longer one ("Colts" for "Indianapolis Colts")."""
    return (
        0 < len(toks) <= 2
        and all(t not in rules.GENERIC_ORG_WORDS and t not in rules.INITIALS_SKIP for t in toks)
        and len("".join(toks)) >= 4
    )


def affix_of(short: tuple[str, ...], full: tuple[str, ...]) -> bool:
    n = len(short)
    return n < len(full) and (full[-n:] == short or full[:n] == short)


def _fold_short_names(clusters: dict[str, LocalCluster]) -> None:
    """Fold a short non-person name into the one longer name of the document it begins or ends."""
    names = [c for c in clusters.values() if c.anchor.startswith("name:") and not c.person]
    for c in sorted(names, key=lambda c: c.anchor):
        if not is_short_name(c.tokens) or c.display is not None:
            continue
        label = c.labels.most_common(1)[0][0] if c.labels else ""
        longer = [
            d
            for d in names
            if d is not c and affix_of(c.tokens, d.tokens) and d.anchor in clusters and label in d.labels
        ]
        ending = [d for d in longer if d.tokens[-len(c.tokens) :] == c.tokens]
        if len(ending) == 1:  # the head comes last: "Kansas City Chiefs" before "Chiefs 7"
            longer = ending
        if len(longer) != 1:
            continue
        d = longer[0]
        d.members.extend(c.members)
        d.labels.update(c.labels)
        d.role_words |= c.role_words
        del clusters[c.anchor]


def _pick_candidate(
    v: View,
    cands: list[str],
    person_full: dict[str, tuple[str, ...]],
    last_sent: dict[str, list[int]],
    views: list[View],
    sent_keys: dict[int, set[str]],
    clusters: dict[str, LocalCluster],
) -> str | None:
    """The full name a short form stands for, or None when the evidence is even."""
    if len(cands) == 1:
        return cands[0]
    m = v.mention
    by_key: dict[str, list[View]] = {}
    for w in views:
        if w.key in person_full:
            by_key.setdefault(w.key, []).append(w)
    all_cand_tokens = {t for key in cands for t in person_full[key]}
    own_ctx = set(sent_keys.get(m.sent, set())) - all_cand_tokens
    role_words = {t for t in name_tokens(m.role or "") if len(t) > 2}
    scored: list[tuple[float, str]] = []
    for key in cands:
        toks = person_full[key]
        before = [s for s in last_sent.get(f"name:{key}", []) if s <= m.sent]
        if before:
            score = rules.PROXIMITY_WEIGHT / (1 + m.sent - max(before))
        else:
            later = [w.mention.sent for w in by_key.get(key, []) if w.mention.start > m.start]
            dist = (min(later) - m.sent) if later else 10
            score = rules.PROXIMITY_WEIGHT / (1 + max(dist, 0)) + rules.LATER_PENALTY
        cand_sents = {w.mention.sent for w in by_key.get(key, [])}
        cand_sents.update(last_sent.get(f"name:{key}", []))
        cand_ctx: set[str] = set()
        for s in cand_sents:
            if s != m.sent:
                cand_ctx |= sent_keys.get(s, set())
        cand_ctx -= set(toks)
        score += rules.COMENTION_WEIGHT * len((own_ctx - set(toks)) & cand_ctx)
        c = clusters.get(f"name:{key}")
        if c is not None and role_words:
            score += rules.ROLE_WEIGHT * len(role_words & c.role_words)
        scored.append((score, key))
    scored.sort(key=lambda sk: (-sk[0], sk[1]))
    if scored[0][0] - scored[1][0] < rules.SHORT_FORM_MARGIN:
        return None
    return scored[0][1]
