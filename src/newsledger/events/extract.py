"""Event mentions from one annotated document: triggers, arguments by dependency structure, place, time.

Reads the tokens' dependency parse (``Token.head`` indexes the document's tokens), the entity mentions
and the time expressions of an :class:`AnnotatedDocument`; the :class:`CleanDocument` gives the dateline
place and captions. Every slot carries its body span; a slot taken from outside the event's sentence is
recorded in ``EventMention.links``.
"""

from __future__ import annotations

import datetime as dt
import itertools
import logging
from dataclasses import dataclass, field, replace

from newsledger.events import rules
from newsledger.records import (
    AnnotatedDocument,
    CleanDocument,
    DatePrecision,
    EventMention,
    Sentence,
    Span,
    TimeExpression,
    Token,
)

log = logging.getLogger(__name__)


@dataclass(slots=True)
class _Parse:
    """Indexes over one document's tokens (children, mention per token, timex per token)."""

    doc: AnnotatedDocument
    children: list[list[int]]
    tok_mention: list[int]
    tok_timex: list[int]
    quoted: list[bool]
    alias: list[bool]
    gender: dict[str, str]  # a person's last name -> "f"/"m", when the document shows it

    @classmethod
    def of(cls, doc: AnnotatedDocument) -> _Parse:
        toks = doc.tokens
        children: list[list[int]] = [[] for _ in toks]
        for i, t in enumerate(toks):
            if t.head != i and 0 <= t.head < len(toks):
                children[t.head].append(i)
        tok_mention = _cover(toks, [(m.start, m.end) for m in doc.mentions])
        tok_timex = _cover(toks, [(x.start, x.end) for x in doc.timexes])
        _block_dateline(doc, tok_mention, tok_timex)
        alias = _propagate_names(doc, tok_mention, tok_timex)
        tok_mention = [max(-1, k) for k in tok_mention]
        return cls(
            doc=doc,
            children=children,
            tok_mention=tok_mention,
            tok_timex=tok_timex,
            quoted=_quoted(doc),
            alias=alias,
            gender=_genders(doc, children, tok_mention),
        )

    def span_of(self, j: int) -> tuple[int, int, int]:
        """(start, end, mention index) of the entity token ``j`` belongs to (a mention, or the run of
        tokens that repeat a name the document already gave)."""
        m = self.tok_mention[j]
        if not self.alias[j]:
            mm = self.doc.mentions[m]
            return (mm.start, mm.end, m)
        a = b = j
        while a > 0 and self.alias[a - 1] and self.tok_mention[a - 1] == m:
            a -= 1
        while b + 1 < len(self.alias) and self.alias[b + 1] and self.tok_mention[b + 1] == m:
            b += 1
        return (self.doc.tokens[a].start, self.doc.tokens[b].end, m)

    def tok(self, i: int) -> Token:
        return self.doc.tokens[i]

    def lemma(self, i: int) -> str:
        return self.doc.tokens[i].lemma.lower()

    def text(self, i: int) -> str:
        t = self.doc.tokens[i]
        return self.doc.body[t.start : t.end]

    def kids(self, i: int, *deps: str) -> list[int]:
        return [c for c in self.children[i] if not deps or self.doc.tokens[c].dep in deps]

    def subtree(self, i: int, stop: frozenset[str] = frozenset(), keep: int = -1) -> list[int]:
        """Tokens under ``i`` (inclusive), not descending into children whose dep is in ``stop`` unless
        the child is ``keep`` (or leads to it)."""
        out: list[int] = []
        stack = [i]
        while stack:
            j = stack.pop()
            out.append(j)
            for c in self.children[j]:
                if c != keep and self.doc.tokens[c].dep in stop and not self.dominates(c, keep):
                    continue
                stack.append(c)
        return sorted(out)

    def dominates(self, a: int, b: int) -> bool:
        if b < 0:
            return False
        seen = 0
        while b != a and seen < 200:
            h = self.doc.tokens[b].head
            if h == b:
                return False
            b = h
            seen += 1
        return b == a


def _cover(toks: tuple[Token, ...], spans: list[tuple[int, int]]) -> list[int]:
    """For each token, the index of the span that contains its start (-1 if none): a mention may stop
    short of its last token's end ("U.S" of the token "U.S.")."""
    out = [-1] * len(toks)
    if not spans:
        return out
    order = sorted(range(len(spans)), key=lambda k: spans[k])
    k = 0
    for i, t in enumerate(toks):
        while k < len(order) and spans[order[k]][1] <= t.start:
            k += 1
        for kk in range(k, min(k + 3, len(order))):
            s, e = spans[order[kk]]
            if s <= t.start < e:
                out[i] = order[kk]
                break
    return out


def _block_dateline(doc: AnnotatedDocument, tok_mention: list[int], tok_timex: list[int]) -> None:
    """A body that opens with a dateline ("SEOUL, March 25 -", "HANOI —") names where and when the report
    was filed, not an actor or the event's time: its tokens are not entities or timexes for events."""
    m = rules.DATELINE_RE.match(doc.body[: rules.DATELINE_WINDOW])
    if m is None:
        return
    end = m.end()
    for i, t in enumerate(doc.tokens):
        if t.start >= end:
            break
        tok_mention[i] = -2  # blocked: no entity, and no name propagation either
        tok_timex[i] = -1


def _propagate_names(doc: AnnotatedDocument, tok_mention: list[int], tok_timex: list[int]) -> list[bool]:
    """Tokens the NER missed that repeat a name it found elsewhere in the document ("Jopling" after
    "Michael Jopling") point at that mention; returns which tokens were so aliased (tok_mention is
    updated in place)."""
    alias = [False] * len(doc.tokens)
    names: dict[str, int] = {}
    for k, m in enumerate(doc.mentions):
        if m.label not in rules.ACTOR_LABEL_RANK and m.label not in rules.PLACE_LABELS:
            continue
        words = m.text.split()
        names.setdefault(m.text.lower(), k)
        if m.label == "PERSON" and len(words) > 1:
            names.setdefault(words[-1].lower(), k)  # surname
    if not names:
        return alias
    for i, t in enumerate(doc.tokens):
        if tok_mention[i] != -1 or tok_timex[i] >= 0:
            continue
        surface = doc.body[t.start : t.end]
        if not surface[:1].isupper() or len(surface) < rules.MIN_ALIAS_CHARS:
            continue
        hit = names.get(surface.lower())
        if hit is not None and t.pos in ("PROPN", "NOUN"):
            tok_mention[i] = hit
            alias[i] = True
    return alias


def _quoted(doc: AnnotatedDocument) -> list[bool]:
    """Whether each token lies inside quotation marks of its sentence."""
    out = [False] * len(doc.tokens)
    inside = False
    last_sent = -1
    for i, t in enumerate(doc.tokens):
        if t.sent != last_sent:
            inside = False
            last_sent = t.sent
        surface = doc.body[t.start : t.end]
        if surface in rules.QUOTE_CHARS:
            if surface in ("“", "``"):
                inside = True
            elif surface in ("”", "''"):
                inside = False
            else:
                inside = not inside
            continue
        out[i] = inside
    return out


# ----------------------------------------------------------------------------------------- candidates
@dataclass(slots=True)
class _Cand:
    """A trigger found in the parse before its arguments are filled."""

    type: str
    mode: str
    kind: str  # verb | light | nominal
    anchor: int  # the token whose clause holds the arguments (the verb for light verbs)
    noun: int  # the event noun (light verb or nominal), else -1
    trig_start: int
    trig_end: int
    anaphoric: bool = False
    reported: bool = False
    here: bool = False  # framed by "here" ("Duffy, here on a visit"): at the dateline place
    negated: bool = False
    actors: list[tuple[int, int, int]] = field(default_factory=list)  # (start, end, mention index)
    actor_tokens: list[int] = field(default_factory=list)
    places: list[tuple[int, int, str]] = field(default_factory=list)
    date: TimeExpression | None = None
    date_to: TimeExpression | None = None
    links: list[tuple[str, str]] = field(default_factory=list)
    source_subject: bool = False


def _find_triggers(p: _Parse) -> list[_Cand]:
    toks = p.doc.tokens
    out: list[_Cand] = []
    light_nouns: set[int] = set()
    for i, t in enumerate(toks):
        lem = p.lemma(i)
        if t.pos not in ("VERB", "AUX") or t.dep == "amod":
            continue
        cand = None
        for c in p.children[i]:
            ct = toks[c]
            key = (lem, p.lemma(c))
            if ct.dep == "prep" and lem in rules.NAMING_VERBS and p.kids(i, "dobj", "oprd", "ccomp"):
                continue  # "called the conditions restrictive on ...": naming, not calling on
            if ct.dep in ("prep", "prt", "dobj") and key in rules.PHRASAL_TRIGGERS:
                ty, mode = rules.PHRASAL_TRIGGERS[key]
                s, e = (t.start, ct.end) if c > i else (t.start, t.end)
                cand = _Cand(type=ty, mode=mode, kind="verb", anchor=i, noun=-1, trig_start=s, trig_end=e)
                if ct.dep == "dobj":
                    light_nouns.add(c)
                break
        if cand is None and (lem in rules.LIGHT_VERBS or lem in rules.LIGHT_OVERRIDE_VERBS):
            for obj in p.kids(i, "dobj"):
                c = _partitive_head(p, obj)
                nl = p.lemma(c)
                if lem not in rules.LIGHT_VERBS and (lem, nl) not in rules.LIGHT_NOUN_OVERRIDES:
                    continue
                tm = rules.LIGHT_NOUN_OVERRIDES.get((lem, nl)) or rules.NOUN_TRIGGERS.get(nl)
                if tm is None:
                    continue
                cand = _Cand(
                    type=tm[0],
                    mode=tm[1],
                    kind="light",
                    anchor=i,
                    noun=c,
                    trig_start=t.start,
                    trig_end=toks[c].end,
                )
                light_nouns.add(c)
                break
        if cand is None and lem in rules.VERB_TRIGGERS and t.pos == "VERB":
            ty, mode = rules.VERB_TRIGGERS[lem]
            if lem in rules.NEEDS_ENTITY_OBJECT and not any(p.tok_mention[c] >= 0 for c in p.kids(i, "dobj")):
                continue
            if lem in rules.NEEDS_ENTITY_RECIPIENT and not any(
                p.tok_mention[c] >= 0
                for c in [
                    *p.kids(i, "dobj", "dative"),
                    *(
                        o
                        for pr in p.kids(i, "prep", "dative")
                        if p.lemma(pr) == "to"
                        for o in p.kids(pr, "pobj")
                    ),
                ]
            ):
                continue  # "lent Indonesia 10.7 billion dlrs"; not "lent support to the idea"
            if lem in rules.NEEDS_NAMED_SUBJECT and not _named_subject(p, i):
                continue
            if lem in rules.NEEDS_ENTITY_OBJECT_AND_XCOMP and not (
                p.kids(i, "xcomp") and any(p.tok_mention[c] >= 0 for c in p.kids(i, "dobj"))
            ):
                continue  # "asked France to curb X", not "asked about X"
            if lem == "meet" and any(p.lemma(d) in rules.MEET_IDIOM_OBJECTS for d in p.kids(i, "dobj")):
                continue  # "has already met opposition from ...", "met the deadline"
            if lem in rules.NEEDS_OBJECT and not p.kids(i, "dobj"):
                continue  # "opposed the plan", "blocked the idea"; not "traffic blocked"
            if lem in rules.NEEDS_CHARGE_COMPLEMENT and not (
                p.kids(i, "ccomp") or any(p.lemma(x) == "with" for x in p.kids(i, "prep"))
            ):
                continue  # "charged that ...", "charged X with ..."; not "charged a fee"
            if lem in rules.NEEDS_AGREEMENT_OBJECT and not any(
                p.lemma(c) in rules.AGREEMENT_NOUNS for c in p.kids(i, "dobj")
            ):
                continue  # "signed an order" is not an agreement
            if lem in rules.NEEDS_XCOMP and not p.kids(i, "xcomp", "dobj"):
                continue
            if lem in rules.NEEDS_XCOMP and any(
                p.lemma(x) in rules.NO_COMMENT_VERBS for x in p.kids(i, "xcomp", "dobj")
            ):
                continue  # "declined to comment": no refusal of anything
            if lem in rules.NEEDS_COMPLEMENT and not p.kids(i, *rules.COMPLEMENT_DEPS):
                continue  # "X agreed, saying it would be a shambles": concurring, not an agreement
            if lem in rules.STATIVE_PASSIVES and p.kids(i, "auxpass") and not p.kids(i, "agent"):
                subj = p.kids(i, "nsubjpass")
                if any(_actor_at(p, x) is not None for x in subj):
                    continue  # "OPEC members were agreed on ...": a state of accord, not an act
            if lem in rules.NEEDS_TO_COMPLEMENT and not (
                p.kids(i, "xcomp") or any(p.lemma(x) == "to" for x in p.kids(i, "prep", "dative"))
            ):
                continue  # "committed to develop ties", not "admitted committing the offense"
            cand = _Cand(
                type=ty, mode=mode, kind="verb", anchor=i, noun=-1, trig_start=t.start, trig_end=t.end
            )
        if cand is not None:
            out.append(cand)
    for i, t in enumerate(toks):
        if i in light_nouns or t.pos not in ("NOUN", "PROPN"):
            continue
        lem = p.lemma(i)
        tm = rules.NOUN_TRIGGERS.get(lem) or rules.NOUN_TRIGGERS.get(p.text(i).lower())
        if tm is None or tm[0] == rules.STATEMENT_TYPE or lem in rules.LIGHT_ONLY_NOUNS:
            continue
        if t.dep == "compound":  # "talks venue", "visit schedule"
            continue
        for pr in p.kids(i, "prep"):  # "Clark's call for halting the subsidy war": a demand
            tm = rules.NOUN_PREP_TRIGGERS.get((lem, p.lemma(pr)), tm)
        if (
            tm[1] == "agreement"
            and t.tag == "NNS"
            and not p.kids(i, "det", "poss", "nummod")
            and not _own_past_date(p, i)
        ):
            continue  # "within EC treaties", "agreements between unions and automakers": generic
        m = p.tok_mention[i]
        if m >= 0 and p.doc.mentions[m].label not in ("DATE", "TIME"):
            continue  # part of a name: "General Agreement on Tariffs and Trade"
        if any(
            p.lemma(c) in rules.PROSPECTIVE_MODIFIERS for c in p.kids(i, "amod", "acl", "compound", "advmod")
        ):
            continue  # "a scheduled meeting", "forthcoming talks": not (yet) an event
        head = t.head
        anchor = i
        if t.dep in ("nsubj", "nsubjpass") and p.lemma(head) in rules.OCCURRENCE_VERBS:
            anchor = head
        cand = _Cand(
            type=tm[0], mode=tm[1], kind="nominal", anchor=anchor, noun=i, trig_start=t.start, trig_end=t.end
        )
        dets = {p.lemma(c) for c in p.kids(i, "det")}
        poss = p.kids(i, "poss")
        poss_is_time = bool(poss) and all(p.tok_timex[c] >= 0 for c in poss)
        if (dets & rules.DEFINITE_DETS) or poss_is_time:
            cand.anaphoric = True
        out.append(cand)
    return out


def _named_subject(p: _Parse, v: int) -> bool:
    """Whether every subject of ``v`` is a name or a personal pronoun, or is modified by a name
    ("the Brunei authorities"): not a relative pronoun, an unnamed noun or no subject at all."""
    subs, _ = _subjects(p, v)
    if not subs:
        return False
    for s in subs:
        if p.tok_mention[s] >= 0:
            continue
        if p.tok(s).pos == "PRON" and p.lemma(s) not in ("that", "which", "who"):
            continue
        mods = p.kids(s, "compound", "poss", "amod")
        if p.tok(s).pos == "NOUN" and any(p.tok_mention[c] >= 0 for c in mods):
            continue
        return False
    return True


def _partitive_head(p: _Parse, c: int) -> int:
    """The noun a partitive object quantifies ("had a series of 11 rounds of talks" -> talks), else
    ``c`` itself."""
    j = c
    for _ in range(rules.PARTITIVE_MAX_HOPS):
        if p.lemma(j) not in rules.PARTITIVE_NOUNS:
            break
        nxt = [o for pr in p.kids(j, "prep") if p.lemma(pr) == "of" for o in p.kids(pr, "pobj")]
        if not nxt:
            break
        j = nxt[0]
    return j if j != c and p.lemma(j) in rules.NOUN_TRIGGERS else c


# ------------------------------------------------------------------------------------------- arguments
def _actor_at(p: _Parse, h: int) -> tuple[int, int, int] | None:
    """The entity (start, end, mention index) an argument headed by token ``h`` names, if any."""
    toks = p.doc.tokens
    m = p.tok_mention[h]
    if m >= 0 and p.doc.mentions[m].label in rules.ACTOR_LABEL_RANK:
        return p.span_of(h)
    if p.lemma(h) in rules.GROUP_NOUNS:
        ht = toks[h]
        if ht.dep == "dobj" and p.lemma(ht.head) in rules.LEAD_VERBS:  # "Kim, who is leading a delegation"
            subs, _ = _subjects(p, ht.head)
            for s in subs:
                got = _actor_at(p, s)
                if got is not None:
                    return got
        for c in p.kids(h, "acl"):
            if p.lemma(c) in rules.LEAD_VERBS:
                for a in p.kids(c, "agent"):
                    for ob in p.kids(a, "pobj"):
                        got = _actor_at(p, ob)
                        if got is not None:
                            return got
    # breadth-first through the noun phrase; PERSON beats ORG beats GPE beats NORP, then nearness; a
    # name behind a place preposition says where, not who ("Iranian oil sites at Rostam" are Iranian,
    # "teachers in Belgrade" are no one named)
    best: tuple[int, int, int, tuple[int, int, int]] | None = None
    frontier = [(h, 0, False)]
    seen = {h}
    while frontier:
        j, d, located = frontier.pop(0)
        m = p.tok_mention[j]
        if m >= 0:
            mm = p.doc.mentions[m]
            rank = rules.ACTOR_LABEL_RANK.get(mm.label)
            if rank is not None and not located:
                key = (rank, d, mm.start)
                if best is None or key < best[:3]:
                    best = (*key, p.span_of(j))
        if d >= rules.ACTOR_SEARCH_DEPTH:
            continue
        for c in p.children[j]:
            if c not in seen and toks[c].dep in rules.NP_DEPS:
                seen.add(c)
                at_place = toks[c].dep == "prep" and p.lemma(c) in rules.PLACE_PREPS
                frontier.append((c, d + 1, located or at_place))
    return best[3] if best else None


def _with_conjuncts(p: _Parse, h: int) -> list[int]:
    """``h`` and the heads coordinated with it; a person's appositive may carry the next conjunct
    ("met X, the secretary general of Y, and Z, ...": the parser hangs Z on the appositive)."""
    out = [h]
    stack = [h]
    while stack:
        j = stack.pop()
        kids = p.kids(j, "conj")
        if _is_person(p, j):
            extra: list[int] = []
            for a in p.kids(j, "appos"):
                listed = [x for x in p.kids(a, "conj") if _is_person(p, x)]
                if listed and _is_person(p, a) and p.tok_mention[a] != p.tok_mention[j]:
                    # "Balladur, Industry Minister Madelin and Longuet met": a listed person parsed as
                    # the first one's appositive is the next conjunct
                    extra.append(a)
                extra.extend(listed)
            kids = kids + extra
        for c in kids:
            if c not in out:
                out.append(c)
                stack.append(c)
    return out


def _is_person(p: _Parse, j: int) -> bool:
    m = p.tok_mention[j]
    return m >= 0 and p.doc.mentions[m].label == "PERSON"


def _subjects(p: _Parse, v: int, depth: int = 0) -> tuple[list[int], bool]:
    """Subject heads of verb ``v`` (following control, coordination and relative clauses upward)."""
    toks = p.doc.tokens
    subj = p.kids(v, "nsubj")
    if subj:
        heads: list[int] = []
        for s in subj:
            if p.lemma(s) in ("who", "that", "which") and toks[v].dep == "relcl":
                heads.append(toks[v].head)
            else:
                heads.extend(_with_conjuncts(p, s))
        return heads, False
    agents = [ob for a in p.kids(v, "agent") for ob in p.kids(a, "pobj")]
    if agents:
        return [x for a in agents for x in _with_conjuncts(p, a)], False
    if depth > 3:
        return [], False
    t = toks[v]
    h = t.head
    if h == v:
        return [], False
    if t.dep in ("acl", "relcl") and ((t.tag == "VBN" and t.dep == "acl") or p.kids(v, "nsubjpass")):
        # a passive relative without its agent: the noun it modifies is the patient ("Kazakhstan,
        # which has been criticised"; "exports subsidised ...") and the doer is not named
        return [], False
    if t.dep in ("acl",) and toks[h].pos in ("NOUN", "PROPN", "PRON"):
        return [h], True
    if t.dep in ("xcomp", "advcl", "conj", "pcomp", "relcl", "acl", "ccomp"):
        if t.dep == "pcomp":  # "after visiting X": the subject of the verb the preposition hangs on
            hh = toks[h].head
            objs = p.kids(hh, "dobj")
            if p.lemma(h) in rules.CAUSE_PREPS and objs and toks[hh].pos == "VERB":
                return objs, False  # "criticised SATS for refusing ...": SATS refused
            return _subjects(p, hh, depth + 1) if hh != h else ([], False)
        if t.dep == "relcl":
            return [h], True
        if t.dep == "ccomp":
            return [], False
        return _subjects(p, h, depth + 1)
    if t.dep == "prep":
        return [], False
    return [], False


def _person_key(text: str) -> str:
    words = text.lower().replace("-", " ").split()
    return words[-1] if words else ""


def _genders(doc: AnnotatedDocument, children: list[list[int]], tok_mention: list[int]) -> dict[str, str]:
    """What the document itself shows of its persons' gender: an honorific before the name ("Mr
    Ryzhkov", "Mrs Thatcher") or a gendered pronoun subject of what the person says ("Thatcher said she
    ..."). Conflicting evidence leaves the person unknown."""
    toks = doc.tokens
    seen: dict[str, set[str]] = {}

    def person(i: int) -> str | None:
        m = tok_mention[i] if 0 <= i < len(tok_mention) else -1
        if m < 0 or doc.mentions[m].label != "PERSON":
            return None
        return _person_key(doc.mentions[m].text)

    for i, t in enumerate(toks):
        word = doc.body[t.start : t.end].rstrip(".")
        g = rules.HONORIFIC_GENDER.get(word)
        if g is not None:
            key = person(i + 1)
            if key:
                seen.setdefault(key, set()).add(g)
        if t.lemma.lower() in rules.REPORTING_VERBS and t.pos == "VERB":
            subs = [c for c in children[i] if toks[c].dep == "nsubj"]
            key = next((k for k in (person(c) for c in subs) if k), None)
            if not key:
                continue
            for c in children[i]:
                if toks[c].dep != "ccomp":
                    continue
                for x in children[c]:
                    if toks[x].dep == "nsubj":
                        g = rules.PRONOUN_GENDER.get(doc.body[toks[x].start : toks[x].end].lower())
                        if g is not None:
                            seen.setdefault(key, set()).add(g)
    return {k: next(iter(v)) for k, v in seen.items() if len(v) == 1}


def _resolve_pronoun(p: _Parse, tok: int) -> tuple[int, int, int] | None:
    """He/she -> the last PERSON that was a subject in the preceding sentences (a recorded link),
    skipping persons the document shows to be of the other gender."""
    sent = p.doc.tokens[tok].sent
    toks = p.doc.tokens
    want = rules.PRONOUN_GENDER.get(p.text(tok).lower())
    for i in range(tok - 1, -1, -1):
        t = toks[i]
        if sent - t.sent > rules.PRONOUN_WINDOW:
            break
        quoted = t.dep == "dobj" and p.lemma(t.head) in rules.QUOTE_VERBS  # "quoted X as saying"
        if t.dep in ("nsubj", "nsubjpass") or quoted:  # earlier in this sentence ("Thatcher said she ...")
            got = _actor_at(p, i)
            if got is not None and p.doc.mentions[got[2]].label == "PERSON":
                known = p.gender.get(_person_key(p.doc.mentions[got[2]].text))
                if want is not None and known is not None and known != want:
                    continue
                return got
    return None


def _resolve_it(p: _Parse, tok: int) -> tuple[int, int, int] | None:
    """Subject "it" -> the subject just before it (this or the previous sentence) when that subject is a
    state or organisation named by its head; anything else there ("the agreement") leaves it unresolved."""
    toks = p.doc.tokens
    if toks[tok].dep != "nsubj":
        return None
    for i in range(tok - 1, -1, -1):
        if toks[tok].sent - toks[i].sent > 1:
            return None
        if toks[i].dep in ("nsubj", "nsubjpass"):
            m = p.tok_mention[i]
            if m >= 0 and p.doc.mentions[m].label in rules.IT_ANTECEDENT_LABELS:
                return p.span_of(i)
            return None
    return None


def _relative_antecedent(p: _Parse, h: int) -> int:
    """ "Funaro, who he met with last week": a relative pronoun (not the subject, which
    :func:`_subjects` handles) stands for the noun its clause modifies; other tokens stay."""
    if p.lemma(h) not in rules.RELATIVE_PRONOUNS or p.tok(h).dep in ("nsubj", "nsubjpass"):
        return h
    j = h
    for _ in range(rules.FRAME_MAX_HOPS):
        if p.tok(j).dep == "relcl" or p.tok(j).head == j:
            break
        j = p.tok(j).head
    return p.tok(j).head if p.tok(j).dep == "relcl" else h


def _add_actor(p: _Parse, c: _Cand, h: int) -> None:
    h = _relative_antecedent(p, h)
    if p.tok(h).pos == "PRON" and p.text(h).lower() in rules.PERSONAL_PRONOUNS:
        got = _resolve_pronoun(p, h)
        if got is not None and all(a[2] != got[2] for a in c.actors):
            mm = p.doc.mentions[got[2]]
            c.actors.append(got)
            c.actor_tokens.append(h)
            c.links.append(("actor", f"coref:{p.text(h)}->{mm.text}"))
        return
    if p.tok(h).pos == "PRON" and p.text(h).lower() == "it":
        got = _resolve_it(p, h)
        if got is not None and all(a[2] != got[2] for a in c.actors):
            c.actors.append(got)
            c.actor_tokens.append(h)
            c.links.append(("actor", f"coref:it->{p.doc.mentions[got[2]].text}"))
        return
    for got in _actors_at(p, h):
        mm = p.doc.mentions[got[2]]
        if c.mode == "visit" and mm.label == "NORP":
            continue  # "visiting Asian countries": a destination, not a participant
        if c.mode == "visit" and mm.label in rules.PLACE_LABELS and p.tok_mention[h] != got[2]:
            if not c.places:  # "visiting a specialist in Cleveland": where, not whom
                c.places.append((got[0], got[1], mm.text))
            continue
        if any(a[2] == got[2] or _same_name(mm.text, p.doc.mentions[a[2]].text) for a in c.actors):
            continue
        c.actors.append(got)
        c.actor_tokens.append(h)


def _same_name(a: str, b: str) -> bool:
    """ "Phomvihane" and "Thongsavanh Phomvihane" name one person within a document."""
    ta, tb = a.lower().replace("-", " ").split(), b.lower().replace("-", " ").split()
    if not ta or not tb:
        return False
    short, long_ = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    return short == long_[-len(short) :] or short == long_[: len(short)]


def _actors_at(p: _Parse, h: int) -> list[tuple[int, int, int]]:
    """The argument's entity plus coordinated modifiers of the same kind ("North Korean and Chinese
    officials" names two parties)."""
    first = _actor_at(p, h)
    if first is None:
        return []
    out = [first]
    label = p.doc.mentions[first[2]].label
    if label in ("NORP", "GPE") and p.tok_mention[h] < 0:
        for c in p.kids(h, "amod", "compound"):
            for x in _with_conjuncts(p, c):
                m = p.tok_mention[x]
                if m >= 0 and m != first[2] and p.doc.mentions[m].label in ("NORP", "GPE"):
                    mm = p.doc.mentions[m]
                    if all(o[2] != m for o in out):
                        out.append((mm.start, mm.end, m))
    return out


def _frame_actor(p: _Parse, c: _Cand) -> None:
    """An actorless nominal inside a chain of prepositional phrases takes the participant the chain hangs
    on: "Weizsaecker, in a speech on the first day of an official visit to Argentina, said ..."."""
    j = c.noun
    hops = 0
    while p.tok(j).dep in ("pobj", "prep") and hops < rules.FRAME_MAX_HOPS:
        h = p.tok(j).head
        if h == j or (p.tok(j).dep == "prep" and p.lemma(j) not in rules.FRAME_CHAIN_PREPS):
            return
        j = h
        hops += 1
    if j == c.noun:
        return
    t = p.tok(j)
    if t.pos in ("VERB", "AUX"):
        subs, _ = _subjects(p, j)
        for s in subs:
            _add_actor(p, c, s)
    elif t.dep in ("nsubj", "nsubjpass"):
        _add_actor(p, c, j)
    elif t.pos == "ADV" and p.lemma(j) in rules.FRAME_PLACE_ADVERBS and p.tok(t.head).pos == "VERB":
        subs, _ = _subjects(p, t.head)  # "Duffy, here on a three-day visit, said ...": Duffy's visit
        c.here = p.lemma(j) == "here"
        for s in subs:
            if p.tok_mention[s] >= 0 and p.tok(s).start < t.start:
                _add_actor(p, c, s)
    if c.actors:
        c.links.append(("actor", "frame"))


def _place_in(p: _Parse, h: int) -> tuple[int, int, str] | None:
    """The most specific place named under a preposition's object (the last GPE/LOC/FAC within 3 hops)."""
    found: list[tuple[int, int, str]] = []
    frontier = [(h, 0)]
    while frontier:
        j, d = frontier.pop(0)
        m = p.tok_mention[j]
        if m >= 0 and p.doc.mentions[m].label in rules.PLACE_LABELS:
            mm = p.doc.mentions[m]
            found.append((mm.start, mm.end, mm.text))
        if d < 3:
            frontier.extend(
                (c, d + 1)
                for c in p.children[j]
                if p.tok(c).dep in ("pobj", "prep", "compound", "appos", "conj")
            )
    if not found:
        return None
    # prefer the place that names a city over its country ("the Laotian capital city of Vientiane")
    return max(found, key=lambda f: f[0])


def _fill_args(p: _Parse, c: _Cand) -> None:
    toks = p.doc.tokens
    heads = [c.anchor] + ([c.noun] if c.noun >= 0 and c.noun != c.anchor else [])
    # source: subject of the anchor (or poss of a nominal)
    if c.kind in ("verb", "light") or c.anchor != c.noun:
        subs, _ = _subjects(p, c.anchor)
        for s in subs:
            _add_actor(p, c, s)
        c.source_subject = bool(c.actors)
    if c.noun >= 0:
        for s in p.kids(c.noun, "poss"):
            if p.tok_timex[s] < 0:
                for x in _with_conjuncts(p, s):
                    _add_actor(p, c, x)
        # a nominal framed by a clause ("in a meeting with X", "during the talks"): the clause's subject
        n = toks[c.noun]
        named_poss = any(
            toks[x].pos != "PRON" and _actor_at(p, x) is not None for x in p.kids(c.noun, "poss")
        )  # "brief Shultz on Thatcher's visit": the visit is Thatcher's, not the briefer's
        between = any(
            _actor_at(p, o) is not None
            for pr in p.kids(c.noun, "prep")
            if p.lemma(pr) == "between"
            for o in p.kids(pr, "pobj")
        )  # "focusing on talks between the U.S. and Canada": the speaker is not a party
        if c.kind == "nominal" and n.dep == "pobj" and not named_poss and not between:
            prep = n.head
            if p.lemma(prep) in rules.FRAME_PREPS and toks[prep].dep == "prep":
                verb = toks[prep].head
                if toks[verb].pos in ("VERB", "AUX"):
                    subs, _ = _subjects(p, verb)
                    for s in subs:
                        _add_actor(p, c, s)
                    c.source_subject = bool(subs)
        # "the accord reached by OPEC ministers": the reduced relative's agent made it
        for acl in p.kids(c.noun, "acl"):
            for ag in p.kids(acl, "agent"):
                for ob in p.kids(ag, "pobj"):
                    for x in _with_conjuncts(p, ob):
                        _add_actor(p, c, x)
            _side_actors(p, c, acl)
        # "ministers opened a two-day meeting": who opens, chairs or joins a meeting is in it
        if (
            c.kind == "nominal"
            and n.dep == "dobj"
            and p.lemma(n.head) in rules.FRAME_OBJECT_VERBS
            and not p.kids(n.head, "neg")
            and not (p.tok(n.head).dep == "xcomp" and p.lemma(p.tok(n.head).head) in rules.IRREALIS_HEADS)
        ):  # ("refused to join a meeting": not in it)
            subs, _ = _subjects(p, n.head)
            for s in subs:
                _add_actor(p, c, s)
            c.source_subject = c.source_subject or bool(subs)
        if c.kind == "nominal" and not c.actors:
            _frame_actor(p, c)
        # "Kim-Wang meeting": compound entities; "the London talks": a compound place is where
        for s in p.kids(c.noun, "compound"):
            m = p.tok_mention[s]
            if m >= 0 and p.doc.mentions[m].label in rules.PLACE_LABELS:
                if not c.places:
                    ps, pe, _ = p.span_of(s)
                    c.places.append((ps, pe, p.doc.mentions[m].text))
                continue
            _add_actor(p, c, s)
    # targets and places
    tprep = rules.TARGET_PREPS.get(c.type, frozenset())
    for h in heads:
        objs_of = p.kids(h, "dobj", "dative", "nsubjpass")
        if c.kind == "verb" and not objs_of and p.kids(h, "cc"):
            # "attacked and destroyed an Iranian platform": the last conjunct's object is shared
            for cj in p.kids(h, "conj"):
                if p.tok(cj).pos == "VERB" and not p.kids(cj, "nsubj", "nsubjpass"):
                    objs_of.extend(p.kids(cj, "dobj"))
        if c.kind == "verb" and p.lemma(h) in rules.TOPIC_OBJECT_VERBS:
            objs_of = [d for d in objs_of if p.tok(d).dep != "dobj"]  # "discussed Washington's scandal"
        for d in objs_of:
            if d == c.noun:
                continue
            for x in _with_conjuncts(p, d):
                x = _relative_antecedent(p, x)  # "Norway, which he visited": Norway
                m = p.tok_mention[x]
                if m >= 0 and c.mode == "visit" and p.doc.mentions[m].label in rules.VISITABLE_LABELS:
                    # what one visits, unless a person, is where the visit happens
                    mm = p.doc.mentions[m]
                    c.places.append((mm.start, mm.end, mm.text))
                else:
                    _add_actor(p, c, x)
        for pr in p.kids(h, "prep"):
            pl = p.lemma(pr)
            objs = [x for o in p.kids(pr, "pobj") for x in _with_conjuncts(p, o)]
            if c.mode == "visit" and pl in rules.VISIT_PLACE_PREPS:
                for o in objs:
                    m = p.tok_mention[o]
                    if pl == "to" and not (m >= 0 and p.doc.mentions[m].label in rules.PLACE_LABELS):
                        placed = _place_in(p, o)
                        person = _actor_at(p, o)
                        if person is not None and p.doc.mentions[person[2]].label == "PERSON":
                            _add_actor(p, c, o)
                            if placed is not None and placed[0] < person[0]:
                                c.places.append(placed)  # "visit to Laos President X": Laos
                            continue
                    got = _place_in(p, o)
                    if got is not None:
                        c.places.append(got)
            elif pl in rules.PLACE_PREPS:
                for o in objs:
                    got = _place_in(p, o)
                    if got is not None and not c.places:
                        c.places.append(got)
                    elif got is None and pl in tprep:
                        _add_actor(p, c, o)
            elif pl in tprep:
                for o in objs:
                    _add_actor(p, c, o)
                if not objs:
                    # "an agreement with the Paris Club to reschedule ...": the parser makes the
                    # object the subject of the infinitive after it
                    for pc in p.kids(pr, "pcomp"):
                        for sj in p.kids(pc, "nsubj"):
                            _add_actor(p, c, sj)
        if c.type == "CONSULT":
            _presiding_actor(p, c, h)
    if c.kind == "verb" and c.type in rules.XCOMP_TARGET_TYPES:
        _xcomp_targets(p, c)
    if c.kind == "verb" and p.lemma(c.anchor) in rules.THAT_CLAUSE_TARGET_VERBS:
        _that_clause_targets(p, c)
    _fragment_continuation(p, c)
    # "the accord reached by OPEC ministers in Vienna": the reduced relative says where
    if c.noun >= 0 and not c.places:
        for acl in p.kids(c.noun, "acl"):
            if toks[acl].tag == "VBN":
                _places_of_verb(p, c, acl, skip=-1)
    # "a stopover in Riyadh, where he met X": the relative clause happens at the noun it modifies
    if (
        not c.places
        and toks[c.anchor].dep == "relcl"
        and any(p.lemma(x) == "where" for x in p.kids(c.anchor, "advmod"))
    ):
        got = _place_in(p, toks[c.anchor].head)
        if got is not None:
            c.places.append(got)
    # "held talks ... during a stopover in Brasilia"
    if not c.places:
        for h in heads:
            for pr in p.kids(h, "prep"):
                if p.lemma(pr) in rules.PLACE_FRAME_PREPS:
                    for o in p.kids(pr, "pobj"):
                        got = _place_in(p, o)
                        if got is not None and not c.places:
                            c.places.append(got)
    # a nominal event hanging on a verb ("in a meeting ... in Beijing", "is in the U.S. concluding
    # negotiations") takes that verb's places, or those of the verb it complements
    if c.kind == "nominal" and not c.places:
        chain = [c.noun]
        j = c.noun
        while len(chain) <= rules.FRAME_MAX_HOPS and toks[j].dep in rules.FRAME_CLIMB_DEPS:
            if toks[j].head == j:
                break
            j = toks[j].head
            chain.append(j)
            if toks[j].pos in ("VERB", "AUX"):
                _places_of_verb(p, c, j, skip=chain[-2])
                if not c.places and toks[j].dep in ("xcomp", "advcl", "acl", "conj") and toks[j].head != j:
                    _places_of_verb(p, c, toks[j].head, skip=j)
                break


def _side_actors(p: _Parse, c: _Cand, v: int) -> None:
    """ "the talks, led on the Polish side by X": the state whose side is meant is a party."""
    for pr in p.kids(v, "prep"):
        for o in p.kids(pr, "pobj"):
            if p.lemma(o) in rules.SIDE_NOUNS:
                for mod in p.kids(o, "amod", "compound", "poss"):
                    m = p.tok_mention[mod]
                    if m >= 0 and p.doc.mentions[m].label in ("NORP", "GPE"):
                        _add_actor(p, c, mod)


def _xcomp_targets(p: _Parse, c: _Cand) -> None:
    """ "agreed to supply Iran", "refused to recognise the union", "threatened to impose restrictions on
    Japanese banks": who the agreed, refused or threatened act is done to takes part in it, beside a
    named doer (never alone: "it agreed to acquire X" does not make X the one who agreed)."""
    if not c.actors:
        return
    for x in p.kids(c.anchor, "xcomp"):
        if p.tok(x).pos != "VERB":
            continue
        objs = p.kids(x, "dobj", "dative")
        if len(p.kids(x, "dobj")) > 1:
            continue  # two direct objects: a broken parse ("surrender titles ... and Hawaii")
        for d in objs:
            # conjuncts only of a named object ("titles to property in New York and Hawaii": no party)
            for y in _with_conjuncts(p, d) if p.tok_mention[d] >= 0 else [d]:
                if p.tok_mention[y] >= 0:
                    _add_actor(p, c, y)
                    continue
                if p.lemma(y) in rules.NOUN_TRIGGERS:
                    continue  # "agreed to hold talks on an exchange of Iranian oil": a topic
                for pr in p.kids(y, "prep"):
                    if p.lemma(pr) in rules.XCOMP_OBJECT_TARGET_PREPS:
                        for o in p.kids(pr, "pobj"):
                            _add_actor(p, c, o)


def _that_clause_targets(p: _Parse, c: _Cand) -> None:
    """ "charged that Argentina's export taxes subsidize ...", "alleged that Democrats had ...": the named
    subject of the that-clause (or the named possessor of an unnamed one) is accused, beside a named
    accuser (never alone)."""
    if not c.actors:
        return
    for cc in p.kids(c.anchor, "ccomp"):
        if not any(p.lemma(x) == "that" for x in p.kids(cc, "mark")):
            continue
        for sj in p.kids(cc, "nsubj"):
            if p.tok_mention[sj] >= 0 or p.tok(sj).pos == "PRON":
                _add_actor(p, c, sj)
                continue
            for ps in p.kids(sj, "poss"):
                if p.tok_mention[ps] >= 0:
                    _add_actor(p, c, ps)


def _presiding_actor(p: _Parse, c: _Cand, h: int) -> None:
    """ "met ..., under the chairmanship of X": who presides takes part (the preposition may be parsed
    as coordinated with an earlier one: "in session, without X, under the chairmanship of Y")."""
    preps = [x for pr in p.kids(h, "prep") for x in _with_conjuncts(p, pr)]
    for pr in preps:
        if p.lemma(pr) not in rules.PRESIDING_PREPS:
            continue
        for o in p.kids(pr, "pobj"):
            if p.lemma(o) not in rules.PRESIDING_NOUNS:
                continue
            for of in p.kids(o, "prep"):
                if p.lemma(of) == "of":
                    for x in p.kids(of, "pobj"):
                        _add_actor(p, c, x)


def _places_of_verb(p: _Parse, c: _Cand, verb: int, skip: int) -> None:
    for pr in p.kids(verb, "prep"):
        if p.lemma(pr) in rules.PLACE_PREPS and pr != skip:
            for o in p.kids(pr, "pobj"):
                got = _place_in(p, o)
                if got is not None:
                    c.places.append(got)
                    return


# ---------------------------------------------------------------------------------------------- time
def _fragments(p: _Parse, c: _Cand) -> list[int]:
    """Noun-phrase roots the parser split off later in the trigger's sentence ("... held talks with
    visiting Director of the X Party (WPK) | Kim Song Nam in Hanoi on Monday.")."""
    toks = p.doc.tokens
    st = toks[c.anchor].sent
    out = []
    for i in range(c.anchor + 1, len(toks)):
        t = toks[i]
        if t.sent != st:
            # the parser may also cut the fragment off as a verbless "sentence" of its own
            same = [x for x in range(i, len(toks)) if toks[x].sent == t.sent]
            if t.sent != st + 1 or any(toks[x].pos in ("VERB", "AUX") for x in same):
                break
            st = t.sent
        if t.dep == "ROOT" and t.head == i and t.pos in ("PROPN", "NOUN") and p.tok_mention[i] >= 0:
            out.append(i)
    return out


def _fragment_continuation(p: _Parse, c: _Cand) -> None:
    if c.kind == "nominal" and c.anchor == c.noun and p.tok(c.noun).dep != "dobj":
        return
    for f in _fragments(p, c):
        m = p.tok_mention[f]
        if p.doc.mentions[m].label == "PERSON":
            _add_actor(p, c, f)
            for pr in p.kids(f, "prep"):
                if p.lemma(pr) in rules.PLACE_PREPS and not c.places:
                    for o in p.kids(pr, "pobj"):
                        got = _place_in(p, o)
                        if got is not None:
                            c.places.append(got)
            c.links.append(("actor", "fragment"))


def _clause_tokens(p: _Parse, c: _Cand) -> list[int]:
    """The event's own words: the anchor's subtree without nested clauses (keeping the trigger noun)."""
    toks = p.subtree(c.anchor, rules.CLAUSE_DEPS, keep=c.noun)
    if c.noun >= 0 and c.noun not in toks:
        toks = sorted(set(toks) | set(p.subtree(c.noun, rules.CLAUSE_DEPS)))
    if c.noun >= 0:  # "the accord reached in Vienna on Saturday": the reduced relative describes it
        for acl in p.kids(c.noun, "acl"):
            if p.tok(acl).tag == "VBN":
                toks = sorted(set(toks) | set(p.subtree(acl, rules.CLAUSE_DEPS)))
        # "talks that concluded last Friday": a relative clause saying when the event ran dates it
        for rc in p.kids(c.noun, "relcl", "acl"):
            if p.lemma(rc) in rules.SPAN_VERBS:
                toks = sorted(set(toks) | set(p.subtree(rc, rules.CLAUSE_DEPS)))
    if any(k == "actor" and v == "fragment" for k, v in c.links):
        for f in _fragments(p, c):
            toks = sorted(set(toks) | set(p.subtree(f, rules.CLAUSE_DEPS)))
    # a nominal framed by a verb ("in a meeting ... on Saturday", "had nine hours of talks with her
    # yesterday", "the talks ended on Friday"): the verb's own time adjuncts count
    if c.kind == "nominal" and c.noun >= 0:
        chain = [c.noun]
        j = c.noun
        while len(chain) <= rules.FRAME_MAX_HOPS and p.tok(j).dep in rules.FRAME_CLIMB_DEPS:
            h = p.tok(j).head
            if h == j:
                break
            j = h
            chain.append(j)
            if p.tok(j).pos in ("VERB", "AUX"):
                for ch in p.children[j]:
                    if ch not in chain and p.tok(ch).dep in ("prep", "npadvmod", "advmod"):
                        toks = sorted(set(toks) | set(p.subtree(ch, rules.CLAUSE_DEPS)))
                break
    return toks


def _depth_from(p: _Parse, anchor: int, t: int) -> int:
    d = 0
    while t != anchor and d < 50:
        h = p.tok(t).head
        if h == t:
            return 99
        t = h
        d += 1
    return d


def _date_of(p: _Parse, c: _Cand, clause: list[int]) -> None:
    """The clause's own time: the timex nearest the trigger in the dependency tree (attributions such as
    "according to KCNA on Sunday" and "said on Monday" are not the event's time)."""
    excluded: set[int] = set()
    for t in clause:
        if p.lemma(t) in rules.ATTRIBUTION_PREPS and p.tok(t).dep == "prep":
            excluded.update(p.subtree(t))
    best: dict[int, int] = {}
    for t in clause:
        x = p.tok_timex[t]
        if x < 0 or t in excluded:
            continue
        depth = _depth_from(p, c.anchor, t)
        if c.noun >= 0 and c.noun != c.anchor:
            depth = min(depth, _depth_from(p, c.noun, t))
        best[x] = min(best.get(x, 99), depth)
    cands = [p.doc.timexes[x] for x in best]
    cands = [x for x in cands if x.date_from is not None and x.type in ("DATE", "TIME")]
    if not cands:
        at = p.tok(c.anchor)
        if c.kind == "verb" and at.dep == "conj" and p.tok(at.head).pos == "VERB" and at.head != c.anchor:
            # "Last December, Iraq rejected X and demanded Y": coordinated predicates share the time
            v = at.head
            shared = [
                t
                for ch in p.children[v]
                if ch != c.anchor and p.tok(ch).dep in ("prep", "npadvmod", "advmod")
                for t in p.subtree(ch, rules.CLAUSE_DEPS)
            ]
            if shared:
                sub = _Cand(
                    type=c.type, mode=c.mode, kind="verb", anchor=v, noun=-1, trig_start=0, trig_end=0
                )
                _date_of(p, sub, shared)
                c.date, c.date_to = sub.date, sub.date_to
        return
    by_pos = sorted(cands, key=lambda x: x.start)
    for a, b in itertools.pairwise(by_pos):
        between = p.doc.body[a.end : b.start].strip().lower()
        before = p.doc.body[max(0, a.start - 8) : a.start].strip().lower()
        if between in rules.RANGE_JOINERS and (before.endswith(("from", "between")) or between != "and"):
            c.date, c.date_to = a, b
            return
    idx = {id(x): k for k, x in enumerate(p.doc.timexes)}
    c.date = min(cands, key=lambda x: (best[idx[id(x)]], x.start))


# ------------------------------------------------------------------------------------ reported speech
def _classify_modality(p: _Parse, c: _Cand) -> bool:
    """Mark reported/negated; False when the mention is irrealis or the content of a statement."""
    toks = p.doc.tokens
    a = c.anchor
    if p.quoted[a] or (c.noun >= 0 and p.quoted[c.noun]):
        return False
    verbish = a if toks[a].pos in ("VERB", "AUX") else -1
    if verbish >= 0:
        if any(p.lemma(x) in rules.MODAL_LEMMAS for x in p.kids(verbish, "aux")):
            return False
        coord = p.kids(toks[verbish].head, "cc") if toks[verbish].dep == "conj" else []
        if (
            any(True for _ in p.kids(verbish, "neg"))
            or any(
                p.lemma(x) in rules.NEGATIVE_CONJUNCTIONS for x in p.kids(verbish, "cc", "preconj", "advmod")
            )
            or any(p.lemma(x) in rules.NEGATIVE_CONJUNCTIONS and x < verbish for x in coord)
        ):
            c.negated = True  # "nor had the department consulted X"
        if (
            toks[verbish].tag in ("VB",)
            and not p.kids(verbish, "aux", "auxpass")
            and toks[verbish].dep == "ROOT"
        ):
            return False  # imperative / bare infinitive at root: no act
    if c.kind == "nominal":
        return _nominal_realis(p, c)
    if (
        verbish >= 0
        and toks[verbish].dep in rules.INFINITIVE_IRREALIS_DEPS
        and any(toks[x].tag == "TO" for x in p.kids(verbish, "aux"))
    ):
        # "opened a meeting to discuss X", "issues to be discussed": a purpose, unless dated on its own
        own = set(p.subtree(verbish, rules.CLAUSE_DEPS))
        for x in list(own):  # "to visit farms prior to talks later this week": the talks' time
            if x != verbish and p.lemma(x) in rules.PROSPECTIVE_PREPS:
                own.difference_update(p.subtree(x))
        if not any(p.tok_timex[x] >= 0 for x in own):
            return False
    # walk up: reported content, irrealis complements
    j = a
    hops = 0
    while hops < 6:
        t = toks[j]
        h = t.head
        if h == j:
            break
        hl = p.lemma(h)
        if t.dep in ("xcomp",) and (hl in rules.IRREALIS_HEADS or _pending(p, h)):
            return False
        if t.dep == "prep" and p.lemma(j) in rules.ALLEGATION_PREPS and hl in rules.ALLEGATION_VERBS:
            return False  # "accused SATS of ... threatening to replace the strikers": alleged, not stated
        if j == a and t.dep in ("pcomp", "acl") and _under_prospective_noun(p, j):
            return False  # "the idea of negotiating with X", "no plans for X to meet Y"
        if any(p.lemma(m) in rules.CONDITIONAL_MARKS for m in p.kids(j, "mark")):
            return False  # "if the U.S. imposes sanctions"
        if t.dep == "aux" or t.dep == "auxpass":
            break
        if t.dep in ("ccomp", "parataxis") and hl in rules.REPORTING_VERBS | {
            "vow",
            "pledge",
            "promise",
            "urge",
        }:
            tag = toks[j].tag
            progressive = tag == "VBG" and any(
                p.lemma(x) == "be" and toks[x].tag in ("VBP", "VBZ") for x in p.kids(j, "aux")
            )  # "said aides are urging him to reopen talks": under way as reported
            if toks[j].pos not in ("VERB", "AUX") or (tag not in ("VBD", "VBN") and not progressive):
                return False  # the content of a statement: not the act
            if any(p.lemma(x) in rules.MODAL_LEMMAS for x in p.kids(j, "aux")):
                return False
            c.reported = True
            break
        if t.dep in ("xcomp", "conj") and any(p.lemma(x) in rules.MODAL_LEMMAS for x in p.kids(h, "aux")):
            return False  # "would continue to be required to ... pledge": the chain's head is irrealis
        if t.dep in ("conj",):
            j = h
            hops += 1
            continue
        if t.dep in ("relcl", "acl", "advcl", "pcomp", "prep", "pobj", "dobj", "nsubj", "nsubjpass", "xcomp"):
            j = h
            hops += 1
            continue
        break
    return True


def _own_past_date(p: _Parse, n: int) -> bool:
    """Whether nominal ``n`` carries its own time expression, wholly before the report's date."""
    dct = p.doc.dct
    if dct is None:
        return False
    for t in p.subtree(n, rules.CLAUSE_DEPS):
        x = p.tok_timex[t]
        if x >= 0:
            tx = p.doc.timexes[x]
            end = tx.date_to or tx.date_from
            if end is not None and end < dct:
                return True
    return False


def _under_prospective_noun(p: _Parse, v: int) -> bool:
    """Whether verb ``v`` completes a noun of intention: "the idea of negotiating", "plans to meet",
    "no plans for X to meet" (directly, or through the preposition that introduces it)."""
    h = p.tok(v).head
    if p.tok(v).dep == "pcomp" and p.lemma(h) in ("of", "for"):
        h = p.tok(h).head
    return p.lemma(h) in rules.PROSPECTIVE_NOUNS and p.tok(h).pos in ("NOUN", "PROPN")


def _pending(p: _Parse, v: int) -> bool:
    """ "has yet to meet", "have yet to be set": what the complement says has not happened."""
    return bool(p.kids(v, "xcomp")) and any(p.lemma(x) in rules.PENDING_ADVERBS for x in p.kids(v, "advmod"))


def _nominal_realis(p: _Parse, c: _Cand) -> bool:
    """A nominal event's modality comes from the words around it, up to the first verb or adjective it
    hangs on: "ahead of the IMF talks", "due for a meeting", "will attend the talks" are not (yet)."""
    toks = p.doc.tokens
    if any(p.lemma(d) in rules.GENERIC_DETS for d in p.kids(c.noun, "det")):
        return False  # "in any multilateral trade talks", "no meeting": no particular act
    n = toks[c.noun]
    if (
        n.tag == "NNS"
        and n.dep in ("dobj", "nsubj")
        and toks[n.head].tag in rules.HABITUAL_TAGS
        and not p.kids(c.noun, "det", "poss", "nummod")
        and not _own_past_date(p, c.noun)
    ):
        return False  # "ministers who currently chair meetings of ...": a habit, no particular act
    if n.dep == "attr" and any(
        p.lemma(x) in rules.NOUN_TRIGGERS or p.lemma(x) in rules.AGREEMENT_NOUNS
        for x in p.kids(n.head, "nsubj")
    ):
        return False  # "The Louvre pact is an agreement between ...": defines an act already named
    for rc in p.kids(c.noun, "relcl", "acl"):
        subj_rel = [x for x in p.subtree(rc) if p.tok(x).dep in ("nsubj", "nsubjpass")]
        if p.tok(rc).dep == "relcl" and not any(p.lemma(x) in rules.SUBJECT_RELATIVES for x in subj_rel):
            continue  # "an agreement under which X will hold ...": the content, not the event, is future
        verbs = [rc, *p.kids(rc, "ccomp")]  # "which he said would be preceded"
        if any(p.lemma(x) in rules.MODAL_LEMMAS for v in verbs for x in p.kids(v, "aux", "auxpass")):
            return False  # "the talks, which would be preceded by ...": still to come
    if _own_past_date(p, c.noun):
        return True  # "was to brief Shultz on Thatcher's visit last week": the visit happened
    j = c.noun
    hops = 0
    framed = False
    while hops < rules.FRAME_MAX_HOPS:
        t = toks[j]
        h = t.head
        if h == j:
            return True
        if p.lemma(j) in rules.PROSPECTIVE_PREPS:
            return False  # "ahead of the IMF talks"
        if t.dep == "pobj" or t.dep == "prep":
            lem = p.lemma(h) if t.dep == "pobj" else p.lemma(j)
            if lem in rules.PROSPECTIVE_PREPS:
                return False
            if t.dep == "prep" and lem in ("of", "for") and p.lemma(h) in rules.PROSPECTIVE_NOUNS:
                return False  # "in pursuit of an agreement", "announced plans for tariffs"
            if t.dep == "prep" and lem == "of" and p.lemma(h) in rules.NEGATIVE_NOUNS:
                return False  # "lack of an agreement", "the absence of talks"
            if t.dep == "pobj" and lem == "to" and p.lemma(toks[h].head) in rules.PROSPECTIVE_PREPS:
                return False  # "prior to talks"
            if t.dep == "pobj" or toks[h].pos not in ("VERB", "AUX", "ADJ"):
                j = h
                hops += 1
                continue
            # a preposition hanging on a verb or adjective: that word's modality is the nominal's
            # ("would fulfil his duties during the talks", "were due for a meeting"), though not its
            # negation or its complements ("in talks with X, Y did not agree", "... urged Japan to")
            framed = True
        if t.dep in ("compound", "conj", "appos", "npadvmod"):
            j = h
            hops += 1
            continue
        head = toks[h]
        hl = p.lemma(h)
        if head.pos == "ADJ" and (hl in rules.IRREALIS_HEADS or hl in rules.PROSPECTIVE_MODIFIERS):
            return False  # "due for a meeting", "ready for talks"
        if head.pos == "ADJ" and head.dep in ("acomp", "amod") and head.head != h:
            h = head.head  # "will be present throughout the talks": the copula's modality
            head = toks[h]
            hl = p.lemma(h)
        if (
            not framed
            and head.pos == "VERB"
            and hl in rules.IRREALIS_HEADS
            and hl not in rules.IMPLICATIVE_HEADS
            and (p.kids(h, "auxpass", "xcomp") or head.dep == "xcomp")
        ):
            return False  # "progress in talks was expected", not "the accord set a ceiling"
        if head.pos in ("VERB", "AUX"):
            if any(p.lemma(x) in rules.MODAL_LEMMAS for x in p.kids(h, "aux")):
                return False
            if j == c.noun and t.dep == "dobj" and hl in rules.PROSPECTIVE_OBJECT_VERBS:
                return False  # "recommending trade sanctions", "sought talks": not (yet) held
            if _pending(p, h):
                return False  # "the dates for the meeting have yet to be set"
            if head.dep == "xcomp" and p.lemma(head.head) in rules.IRREALIS_HEADS:
                return False
            if (
                not framed
                and any(toks[x].tag == "TO" for x in p.kids(h, "aux"))
                and head.dep in rules.PURPOSE_DEPS
            ):
                return False
            if not framed and any(True for _ in p.kids(h, "neg")):
                c.negated = True
        return True
    return True


# --------------------------------------------------------------------------------------------- entry
def _precision(x: TimeExpression) -> DatePrecision | None:
    if x.precision is DatePrecision.DAY and x.date_from != x.date_to:
        return None  # a week or a span of days: no single-day claim
    if x.precision is not None:
        return x.precision
    if x.date_from is not None and x.date_from == x.date_to:
        return DatePrecision.DAY
    return None


def _caption_ranges(clean: CleanDocument) -> list[tuple[int, int]]:
    """Caption spans (raw offsets) mapped to body offsets through the body lines."""
    out: list[tuple[int, int]] = []
    for cap in clean.captions:
        for ln in clean.lines:
            if ln.raw_start < cap.end and cap.start < ln.raw_end:
                s = ln.body_start + max(0, cap.start - ln.raw_start)
                e = ln.body_start + min(ln.body_end - ln.body_start, cap.end - ln.raw_start)
                if s < e:
                    out.append((s, e))
    return out


def extract(doc: AnnotatedDocument, clean: CleanDocument) -> tuple[EventMention, ...]:
    """All event mentions of one document, in text order."""
    if not doc.tokens:
        return ()
    p = _Parse.of(doc)
    cands = _find_triggers(p)
    kept: list[_Cand] = []
    for c in cands:
        if not _classify_modality(p, c):
            continue
        _fill_args(p, c)
        labels = [p.doc.mentions[a[2]].label for a in c.actors]
        if labels.count("PERSON") >= rules.PERSONS_BEFORE_NORP_DROPPED:
            # "Thatcher and the Soviet Premier ... Ryzhkov": the nationality names a person already there
            # ("with Shevardnadze and the Soviet delegation": a group is a party of its own)
            keep_n = [
                k
                for k, lab in enumerate(labels)
                if lab != "NORP" or p.lemma(c.actor_tokens[k]) in rules.GROUP_NOUNS
            ]
            c.actors = [c.actors[k] for k in keep_n]
            c.actor_tokens = [c.actor_tokens[k] for k in keep_n]
        if c.places:  # "met today in an elegant Moscow mansion": the place is not a participant
            placed = {(s, e) for s, e, _ in c.places}
            keep = [k for k, a in enumerate(c.actors) if (a[0], a[1]) not in placed]
            c.actors = [c.actors[k] for k in keep]
            c.actor_tokens = [c.actor_tokens[k] for k in keep]
        _date_of(p, c, _clause_tokens(p, c))
        kept.append(c)
    kept.sort(key=lambda c: (c.trig_start, c.trig_end))
    verbal = {c.anchor: c for c in kept if c.kind != "nominal"}
    kept = [c for c in kept if not _part_of_verbal(p, c, verbal)]
    # drop nested duplicates: a nominal trigger that is the object of a verbal trigger of the same family
    final: list[_Cand] = []
    anaphors: list[_Cand] = []
    for c in kept:
        if c.anaphoric and c.kind == "nominal" and not _has_own_args(p, c):
            anaphors.append(c)
            continue
        if not c.actors:
            continue
        if c.kind == "verb" and c.mode in rules.SOURCE_REQUIRED_MODES and not c.source_subject:
            continue  # "That pact calls on Japan": a statement needs a named speaker
        anchor = doc.tokens[c.anchor]
        if c.kind == "verb" and anchor.dep == "acl" and anchor.tag == "VBN" and c.date is None:
            continue  # "one of the steps urged by the U.S. delegation": describes the noun, no new act
        if (
            c.date is not None
            and c.date.date_from is not None
            and doc.dct is not None
            and c.date.date_from > doc.dct
        ):
            continue  # dated after the report: planned, not happened
        final.append(c)
    for an in _link_anaphors(p, final, anaphors):
        if an.actors:  # "At today's Cabinet meeting, Nakasone told ...": a first mention after all
            final.append(an)
    final.sort(key=lambda c: (c.trig_start, c.trig_end))
    captions = _caption_ranges(clean)
    dateline = _dateline_in_body(doc, clean)
    mentions: list[EventMention] = []
    for c in final:
        if c.mode == "visit" and len(c.places) > 1:
            # "visiting China and Vietnam": one visit per place, so itineraries see each stop
            for pl in c.places:
                c.places = [pl]
                mentions.append(_to_mention(p, c, dateline, captions, len(mentions), clean.dateline_place))
            continue
        mentions.append(_to_mention(p, c, dateline, captions, len(mentions), clean.dateline_place))
    _inherit_visit_places(mentions, doc)
    return tuple(mentions)


def _part_of_verbal(p: _Parse, c: _Cand, verbal: dict[int, _Cand]) -> bool:
    """ "met Alfonsin for talks", "discussed ... during the visit"? The first is one event: a nominal of
    the same type framing or completing a verbal trigger is that verb's event."""
    if c.kind != "nominal" or p.tok(c.noun).dep != "pobj":
        return False
    prep = p.tok(c.noun).head
    v = verbal.get(p.tok(prep).head)
    return v is not None and v.type == c.type and p.lemma(prep) in rules.PURPOSE_PREPS


def _has_own_args(p: _Parse, c: _Cand) -> bool:
    """Whether a definite nominal carries its own participants ("the meeting with X", "Kim's visit")."""
    if c.noun < 0:
        return True
    for pr in p.kids(c.noun, "prep"):
        if p.lemma(pr) in ("with", "between", "to"):
            for o in p.kids(pr, "pobj"):
                if _actor_at(p, o) is not None:
                    return True
    for s in p.kids(c.noun, "poss"):
        if p.tok_timex[s] < 0 and _actor_at(p, s) is not None:
            return True
    for s in p.kids(c.noun, "compound"):
        m = p.tok_mention[s]
        label = p.doc.mentions[m].label if m >= 0 else ""
        if label in rules.ACTOR_LABEL_RANK and label not in rules.PLACE_LABELS:
            return True  # "the Consultative Group meeting", "the Kim-Wang talks"
    if any(p.kids(acl, "agent") for acl in p.kids(c.noun, "acl")):
        return True  # "the accord reached by OPEC ministers"
    return c.anchor != c.noun and c.kind != "nominal"


def _link_anaphors(p: _Parse, events: list[_Cand], anaphors: list[_Cand]) -> list[_Cand]:
    """ "the meeting" / "At Thursday's meeting": refine the antecedent's date and participants.
    Returns the anaphors that found no antecedent."""
    unresolved: list[_Cand] = []
    for an in anaphors:
        fam = rules.MODE_FAMILY.get(an.mode, an.mode)
        ante = None
        for e in events:
            if e.trig_start >= an.trig_start:
                break
            if e.type == an.type and rules.MODE_FAMILY.get(e.mode, e.mode) == fam:
                ante = e
        if ante is not None and (
            p.tok(an.noun).sent - p.tok(ante.anchor).sent > rules.ANAPHOR_WINDOW
            or _time_conflict(an.date, ante.date)
        ):
            ante = None  # too far back, or "the talks ... scheduled to end on March 27" vs last night
        if ante is None:
            unresolved.append(an)
            continue
        surface = p.doc.body[an.trig_start : an.trig_end]
        phrase = " ".join(p.text(t) for t in p.subtree(an.noun, rules.CLAUSE_DEPS))
        link = f"coref:{phrase}" if len(phrase) < 60 else f"coref:{surface}"
        if an.date is not None and _finer(an.date, ante.date):
            ante.date = an.date
            ante.date_to = an.date_to
            ante.links.append(("date", link))
        if an.places and not ante.places:
            ante.places = list(an.places)
            ante.links.append(("place", link))
        # the subject of the clause the anaphor frames took part ("In the meeting, Wang said ...")
        n = p.tok(an.noun)
        if n.dep == "pobj" and p.lemma(n.head) in rules.FRAME_PREPS:
            verb = p.tok(n.head).head
            subs, _ = _subjects(p, verb)
            for s in subs:
                before = len(ante.actors)
                _add_actor(p, ante, s)
                if len(ante.actors) > before:
                    ante.links.append(("actor", link))
    return unresolved


def _time_conflict(a: TimeExpression | None, b: TimeExpression | None) -> bool:
    if a is None or b is None or a.date_from is None or b.date_from is None:
        return False
    return not (a.date_from <= (b.date_to or b.date_from) and b.date_from <= (a.date_to or a.date_from))


def _finer(new: TimeExpression, old: TimeExpression | None) -> bool:
    if new.date_from is None:
        return False
    if old is None or old.date_from is None or old.date_to is None:
        return True
    nf, nt = new.date_from, new.date_to or new.date_from
    span_new = (nt - nf).days
    span_old = (old.date_to - old.date_from).days
    inside = old.date_from <= nf and nt <= old.date_to
    return inside and span_new < span_old


def _dateline_in_body(doc: AnnotatedDocument, clean: CleanDocument) -> tuple[int, int, str] | None:
    """The dateline place as a body span, when the body opens with it (else no place can be cited)."""
    place = clean.dateline_place
    if not place:
        return None
    head = doc.body[: rules.DATELINE_WINDOW]
    k = head.lower().find(place.lower())
    if k < 0 or k > rules.DATELINE_PLACE_MAX_START:
        return None  # "IRNA, received in Nicosia, said": a place in the text is not the dateline
    return (k, k + len(place), doc.body[k : k + len(place)])


def _to_mention(
    p: _Parse,
    c: _Cand,
    dateline: tuple[int, int, str] | None,
    captions: list[tuple[int, int]],
    index: int,
    dateline_name: str | None = None,
) -> EventMention:
    doc = p.doc
    st = doc.tokens[c.anchor].sent
    sent = doc.sentences[st]
    links = list(c.links)
    place_span: tuple[int, int] | None = None
    place_text: str | None = None
    if c.places:
        place_span = (c.places[0][0], c.places[0][1])
        place_text = c.places[0][2]
    date_span: tuple[int, int] | None = None
    d_from: dt.date | None = None
    d_to: dt.date | None = None
    prec: DatePrecision | None = None
    if c.date is not None:
        in_caption = any(s <= sent.start < e for s, e in captions)
        date_span = (c.date.start, c.date.end)
        d_from = c.date.date_from
        d_to = c.date.date_to or d_from
        prec = _precision(c.date)
        if c.date_to is not None and c.date_to.date_to is not None:
            d_to = c.date_to.date_to
            if d_from is not None and d_to < d_from and (d_from - d_to).days < rules.WEEKDAY_RANGE_DAYS:
                # "from Monday to Thursday": a weekday range runs forward
                d_to = d_to + dt.timedelta(days=rules.WEEKDAY_RANGE_DAYS)
            date_span = (c.date.start, c.date_to.end)
            if prec is None:
                prec = DatePrecision.DAY
        if in_caption:
            links.append(("date", "caption"))
    conf = rules.CONF_TRIGGER[c.kind]
    if len(c.actors) >= 2:
        conf += rules.CONF_SECOND_ACTOR
    if c.actors and doc.mentions[c.actors[0][2]].label in ("PERSON", "ORG", "GPE"):
        conf += rules.CONF_ACTOR_ENTITY
    if place_span is not None:
        conf += rules.CONF_PLACE_LINKED if any(k == "place" for k, _ in links) else rules.CONF_PLACE_STATED
    if date_span is not None:
        conf += rules.CONF_DATE_LINKED if any(k == "date" for k, _ in links) else rules.CONF_DATE_STATED
    if place_span is None and place_text is None and c.here and (dateline is not None or dateline_name):
        # "here on a visit": where the report was filed (named by the dateline, cited when in the body)
        place_span = (dateline[0], dateline[1]) if dateline is not None else None
        place_text = dateline[2] if dateline is not None else dateline_name
        links.append(("place", "dateline"))
    if (
        place_span is None
        and dateline is not None
        and c.mode != "visit"
        and d_from is not None
        and doc.dct is not None
        and abs((doc.dct - d_from).days) <= rules.DATELINE_MAX_DAYS
        and prec == DatePrecision.DAY
    ):
        # the dateline says where the report was filed; it places only same-day events
        place_span = (dateline[0], dateline[1])
        place_text = dateline[2]
        links.append(("place", "dateline"))
        conf += rules.CONF_PLACE_LINKED
    if c.reported:
        conf -= rules.CONF_REPORTED_PENALTY
    # order actors by position? no: source (subject) first as collected
    return EventMention(
        doc_id=doc.doc_id,
        index=index,
        type=c.type,
        mode=c.mode,
        trigger=Span(start=c.trig_start, end=c.trig_end, text=doc.body[c.trig_start : c.trig_end]),
        sentence=Sentence(start=sent.start, end=sent.end),
        actor_spans=tuple((a[0], a[1]) for a in c.actors),
        actor_mentions=tuple(a[2] for a in c.actors),
        place_span=place_span,
        place_text=place_text,
        date_span=date_span,
        date_from=d_from,
        date_to=d_to,
        date_precision=prec,
        reported=c.reported,
        negated=c.negated,
        links=tuple(links),
        confidence=round(min(1.0, max(0.0, conf)), 3),
    )


def _inherit_visit_places(mentions: list[EventMention], doc: AnnotatedDocument) -> None:
    """An unplaced event of an actor takes the place of that actor's visit in the same document when the
    visit's dates cover the event's date (recorded as a ``visit`` link)."""
    visits = [m for m in mentions if m.mode == "visit" and m.place_span is not None and m.date_from]
    if not visits:
        return
    for k, m in enumerate(mentions):
        if m.place_span is not None or m.mode == "visit" or m.date_from is None:
            continue
        names = {doc.mentions[i].text for i in m.actor_mentions if i >= 0}
        for v in visits:
            vnames = {doc.mentions[i].text for i in v.actor_mentions if i >= 0}
            if not (names & vnames) or v.date_from is None:
                continue
            vto = v.date_to or v.date_from
            if v.date_from <= m.date_from <= vto:
                mentions[k] = replace(
                    m,
                    place_span=v.place_span,
                    place_text=v.place_text,
                    links=(*m.links, ("place", f"visit:{v.index}")),
                )
                break
