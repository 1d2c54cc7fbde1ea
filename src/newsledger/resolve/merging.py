"""Cross-document merging of local clusters into corpus entities.

Ladder: same anchor (country / gazetteer place) -> same normalised name key within a type class -> an
organisation name that is the unique "X" of "X of Y" in the corpus -> near-variant names (blocked by token
skeletons, scored by name similarity plus context agreement, never two clusters from one document) -> lone
surnames to the full name their context agrees with. Deterministic: every choice is sorted by content.
"""

from __future__ import annotations

import heapq
import logging
import re
from collections.abc import Iterable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from newsledger.resolve import rules
from newsledger.resolve.coreference import LocalCluster, is_short_name

log = logging.getLogger(__name__)


@dataclass(slots=True, kw_only=True)
class Group:
    """A set of local clusters taken as one entity (mutable while merging)."""

    gid: str  # the smallest local anchor+doc in it: a stable, content-derived handle
    clusters: list[LocalCluster] = field(default_factory=list)
    docs: set[str] = field(default_factory=set)


class Merger:
    """Union-find over local clusters keyed by ``(doc, anchor)``."""

    def __init__(self, clusters: Iterable[LocalCluster]) -> None:
        self.parent: dict[tuple[str, str], tuple[str, str]] = {}
        self.docs: dict[tuple[str, str], set[str]] = {}
        self.clusters: dict[tuple[str, str], LocalCluster] = {}
        for c in clusters:
            h = (c.anchor, c.doc)
            self.parent[h] = h
            self.docs[h] = {c.doc}
            self.clusters[h] = c

    def find(self, h: tuple[str, str]) -> tuple[str, str]:
        root = h
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[h] != root:
            self.parent[h], h = root, self.parent[h]
        return root

    def union(self, a: tuple[str, str], b: tuple[str, str], *, disjoint: bool) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        if disjoint and not self.docs[ra].isdisjoint(self.docs[rb]):
            return False
        keep, drop = (ra, rb) if ra < rb else (rb, ra)
        self.parent[drop] = keep
        self.docs[keep] |= self.docs.pop(drop)
        return True

    def groups(self) -> dict[tuple[str, str], list[LocalCluster]]:
        out: dict[tuple[str, str], list[LocalCluster]] = {}
        for h in sorted(self.parent):
            out.setdefault(self.find(h), []).append(self.clusters[h])
        return out


def _label(c: LocalCluster) -> str:
    """The cluster's majority label (ties by name): "Europe" (LOC) never shortens "Air Europe" (ORG)."""
    return min(c.labels.items(), key=lambda kv: (-kv[1], kv[0]))[0] if c.labels else ""


def _class(c: LocalCluster) -> str:
    if c.anchor.startswith(("country:", "place:")):
        return "anchor"
    if c.person or (c.labels and c.labels.most_common(1)[0][0] == "PERSON"):
        return "PERSON"
    return "OTHER"


_VOWELS = re.compile(r"[aeiouhwy]")
_SOUND = str.maketrans({"q": "k", "c": "k", "g": "k", "z": "s", "v": "f", "d": "t", "b": "p"})


def skeleton(token: str) -> str:
    """A coarse consonant skeleton: "gaddafi", "qaddafi", "kadhafi" -> "ktf"."""
    head = token[:1].translate(_SOUND)
    rest = _VOWELS.sub("", token[1:]).translate(_SOUND)
    out: list[str] = []
    for ch in head + rest:
        if not out or out[-1] != ch:
            out.append(ch)
    return "".join(out)


def _shared(a: AbstractSet[str], b: AbstractSet[str]) -> float:
    """Co-mentions two contexts share: a name counts 1, a country or place (mentioned with everyone) 0.5."""
    return sum(0.5 if f.startswith(("country:", "place:")) else 1.0 for f in a & b)


def _jaccard(a: set[str], b: set[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def merge_clusters(
    clusters: list[LocalCluster],
) -> tuple[dict[tuple[str, str], list[LocalCluster]], list[LocalCluster]]:
    """Merge local clusters across documents; returns the groups (root handle -> clusters) and the lone
    surnames left ambiguous (their mentions get no link)."""
    clusters = sorted(clusters, key=lambda c: (c.anchor, c.doc))
    uf = Merger(clusters)
    lone = [c for c in clusters if c.lone]
    named = [c for c in clusters if not c.lone]

    # same anchor / same key within a class
    first: dict[tuple[str, str], tuple[str, str]] = {}
    for c in named:
        cls = _class(c)
        k = (cls, c.anchor)
        h = (c.anchor, c.doc)
        if k in first:
            uf.union(first[k], h, disjoint=False)
        else:
            first[k] = h

    _attach_short_names(uf, first)
    _merge_near_variants(uf, first)
    _attach_of_heads(uf, first)
    unresolved = _attach_lone(uf, first, lone)
    return uf.groups(), unresolved


def _attach_of_heads(uf: Merger, first: dict[tuple[str, str], tuple[str, str]]) -> None:
    """ "X" joins the one entity named "X of Y" in the corpus ("Academy" -> "Academy of Motion Picture Arts
    and Sciences", "Workers' Party" -> "Workers' Party of Korea"); a generic one-word head ("Bank") never.
    Runs after near-variant merging, so spelling variants of "X of Y" count as one."""
    by_tokens: dict[tuple[str, ...], tuple[str, str]] = {}
    prefix_ext: dict[tuple[str, ...], set[tuple[str, str]]] = {}
    for (cls, _anchor), h in sorted(first.items()):
        if cls != "OTHER":
            continue
        toks = uf.clusters[h].tokens
        by_tokens.setdefault(toks, h)
        for i in range(1, len(toks)):
            if toks[i] in ("of", "for") and (i >= 2 or toks[0] not in rules.GENERIC_ORG_WORDS):
                prefix_ext.setdefault(toks[:i], set()).add(h)
    for toks in sorted(prefix_ext):
        roots = {uf.find(x) for x in prefix_ext[toks]}
        if toks in by_tokens and len(roots) == 1:
            uf.union(by_tokens[toks], next(iter(roots)), disjoint=False)


def _attach_short_names(uf: Merger, first: dict[tuple[str, str], tuple[str, str]]) -> None:
    """A short organisation/place name ("Colts") joins the one longer name in the corpus it begins or
    ends ("Indianapolis Colts"), and a person's 2+ token name the one longer name it ends, when no
    document has both as different entities."""
    # the head comes last in English names: a unique name ending with the short one wins, else a unique
    # name beginning with it ("Chiefs": "Kansas City Chiefs" before "Chiefs 7")
    suffixes: dict[tuple[str, ...], set[tuple[str, str]]] = {}
    prefixes: dict[tuple[str, ...], set[tuple[str, str]]] = {}
    shorts: list[tuple[str, str]] = []
    for (cls, _a), h in sorted(first.items()):
        if cls != "OTHER":
            continue
        toks = uf.clusters[h].tokens
        if is_short_name(toks) and uf.clusters[h].display is None:
            shorts.append(h)
        for n in (1, 2):
            if len(toks) > n:
                prefixes.setdefault(toks[:n], set()).add(h)
                suffixes.setdefault(toks[-n:], set()).add(h)
    for h in shorts:
        label = _label(uf.clusters[h])
        for index in (suffixes, prefixes):
            longer = {x for x in index.get(uf.clusters[h].tokens, set()) if _label(uf.clusters[x]) == label}
            roots = {uf.find(x) for x in longer} - {uf.find(h)}
            if len(roots) == 1:
                uf.union(h, next(iter(roots)), disjoint=True)
                break
            if roots:
                break

    # people: a name of 2+ tokens that ends a longer one ("Hashemi Rafsanjani" / "Ali Akbar Hashemi
    # Rafsanjani"), when that longer name is the only one it ends
    people = [h for (cls, _a), h in sorted(first.items()) if cls == "PERSON"]
    tails: dict[tuple[str, ...], set[tuple[str, str]]] = {}
    for h in people:
        toks = uf.clusters[h].tokens
        for n in range(2, len(toks)):
            tails.setdefault(toks[-n:], set()).add(h)
    for h in people:
        toks = uf.clusters[h].tokens
        if len(toks) < 2:
            continue
        roots = {uf.find(x) for x in tails.get(toks, set())} - {uf.find(h)}
        if len(roots) == 1:
            uf.union(h, next(iter(roots)), disjoint=True)


def _context(
    uf: Merger, root: tuple[str, str], members: dict[tuple[str, str], list[LocalCluster]]
) -> set[str]:
    ctx: set[str] = set()
    for c in members.get(root, []):
        ctx |= c.context
    return ctx


def _merge_near_variants(uf: Merger, first: dict[tuple[str, str], tuple[str, str]]) -> None:
    reps: list[tuple[str, tuple[str, str]]] = [
        (cls, h)
        for (cls, _a), h in sorted(first.items())
        if cls in ("PERSON", "OTHER") and len(uf.clusters[h].tokens) >= 2
    ]
    blocks: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for cls, h in reps:
        for tok in set(uf.clusters[h].tokens):
            if len(tok) >= 4 and tok not in rules.NAME_PARTICLES and tok not in rules.INITIALS_SKIP:
                blocks.setdefault((cls, skeleton(tok)), []).append(h)
    members: dict[tuple[str, str], list[LocalCluster]] = {}
    for h, c in uf.clusters.items():
        members.setdefault(uf.find(h), []).append(c)
    pairs: set[tuple[tuple[str, str], tuple[str, str]]] = set()
    for block in blocks.values():
        if len(block) < 2 or len(block) > rules.MAX_BLOCK:
            continue
        for i, a in enumerate(block):
            for b in block[i + 1 :]:
                ra, rb = uf.find(a), uf.find(b)
                if ra != rb:
                    pairs.add((min(a, b), max(a, b)))
    scored: list[tuple[float, tuple[str, str], tuple[str, str]]] = []
    for a, b in pairs:
        ca, cb = uf.clusters[a], uf.clusters[b]
        sim = fuzz.ratio(ca.key, cb.key)
        if _nickname_pair(ca.tokens, cb.tokens):
            sim = max(sim, rules.NICKNAME_SIMILARITY)
        if sim < rules.NEAR_NAME_MIN:
            continue
        ctx = _jaccard(_context(uf, uf.find(a), members), _context(uf, uf.find(b), members))
        ctx += 0.25 * len(ca.role_words & cb.role_words)
        score = sim / 100.0 + rules.CONTEXT_WEIGHT * ctx
        if score >= rules.NEAR_MERGE_MIN:
            scored.append((score, a, b))
    scored.sort(key=lambda t: (-t[0], t[1], t[2]))
    for score, a, b in scored:
        if uf.union(a, b, disjoint=True):
            log.debug("near-variant merge %s ~ %s (%.2f)", a[0], b[0], score)


def _nickname_pair(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Same surname, one given name the clipped form of the other ("Fred"/"Frederick LaRue")."""
    if len(a) < 2 or len(b) < 2 or a[-1] != b[-1] or a[0] == b[0]:
        return False
    short, long = sorted((a[0], b[0]), key=len)
    return len(short) >= 3 and long.startswith(short)


def _attach_lone(
    uf: Merger, first: dict[tuple[str, str], tuple[str, str]], lone: list[LocalCluster]
) -> list[LocalCluster]:
    surname: dict[str, set[tuple[str, str]]] = {}
    for (cls, _a), h in first.items():
        toks = uf.clusters[h].tokens
        if cls == "PERSON" and len(toks) >= 2:
            for t in (toks[0], toks[-1]):
                surname.setdefault(t, set()).add(uf.find(h))
    members: dict[tuple[str, str], list[LocalCluster]] = {}
    for h, c in uf.clusters.items():
        members.setdefault(uf.find(h), []).append(c)
    unresolved: list[LocalCluster] = []
    lone_first: dict[str, tuple[str, str]] = {}
    ctx_cache: dict[tuple[str, str], tuple[set[str], set[str]]] = {}

    def ctx_of(r: tuple[str, str]) -> tuple[set[str], set[str]]:
        if r not in ctx_cache:
            ctx_cache[r] = (_context(uf, r, members), _roles(members, r))
        return ctx_cache[r]

    for c in lone:
        h = (c.anchor, c.doc)
        roots = sorted({uf.find(r) for r in surname.get(c.tokens[0], set())}) if len(c.tokens) == 1 else []
        roots = [r for r in roots if c.doc not in uf.docs[r]]
        if not roots:
            if c.key in lone_first:
                uf.union(lone_first[c.key], h, disjoint=False)
            else:
                lone_first[c.key] = h
            continue
        # the two best roots by score, then root (a common first name or surname has thousands): scores
        # are sums of halves and ones, exact in any order, and the keys are distinct, so the two smallest
        # keys are the two first of the full sort
        context, role_words = c.context, c.role_words
        keys = []
        for r in roots:  # most share nothing with the mention: a disjointness test is all they cost
            ctx, roles = ctx_of(r)
            shared = 0.0 if context.isdisjoint(ctx) else _shared(context, ctx)
            keys.append(
                (-(shared + (0.0 if role_words.isdisjoint(roles) else 0.5 * len(role_words & roles))), r)
            )
        top = heapq.nsmallest(2, keys)
        best_score, best = -top[0][0], top[0][1]
        if (len(roots) == 1 and best_score >= rules.LONE_SURNAME_MIN) or (
            len(roots) > 1 and best_score + top[1][0] >= rules.LONE_SURNAME_MARGIN
        ):
            uf.union(best, h, disjoint=True)
        else:
            unresolved.append(c)
    return unresolved


def _roles(members: dict[tuple[str, str], list[LocalCluster]], root: tuple[str, str]) -> set[str]:
    out: set[str] = set()
    for c in members.get(root, []):
        out |= c.role_words
    return out
