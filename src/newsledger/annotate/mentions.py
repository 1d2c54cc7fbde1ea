"""Entity mentions from the model's spans, with the stage's corrections (patterns in ``rules.py``).

The passes run in order over mutable candidates; each remembers the rule that last decided its span or
label (logged at DEBUG), so a wrong mention can be explained:

1. ``model``: spaCy's entity spans;
2. span repairs: hyphenated names kept whole ("Kim Song-nam"), "Name (ACR)" split into name and acronym,
   "Finland's Nokia Corp." split at a country's possessive, then trimming: a leading "the", a possessive
   "'s", edge punctuation, a generic place noun ("Zhejiang province"), honorifics ("Mr Wen" -> PERSON);
   a nationality word glued to an organisation ("Polish" + "People's Party") is merged;
3. labels from evidence: diseases dropped ("COVID-19"), storms are EVENTs, country names (ISO 3166 via
   pycountry, folded with unidecode: "Việt Nam") and compass-abbreviated forms ("N. Korea") are GPE, an
   organisation suffix ("Corp.", "Party") makes an ORG, an all-caps dateline ("SEOUL, …") or "X, <country>"
   makes a place, the agency in a dateline's parentheses an ORG;
4. recall: country names the model missed, and names the document itself already used (one sense per
   discourse: "Mwai Kibaki" ... "Kibaki") are added; a surface gets the label its evidence gave it;
5. roles: a title run before a PERSON ("Chinese Foreign Minister Wang Yi" -> role "Foreign Minister"),
   titles the model left inside the span, and appositions ("Kim Song-nam, director of …") from the parse.
"""

from __future__ import annotations

import bisect
import logging
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from newsledger.annotate import gazetteer, rules
from newsledger.annotate.parse import Parse
from newsledger.records import Mention

log = logging.getLogger(__name__)

_DISEASE = re.compile(rules.DISEASE_PATTERN)
_HYPHEN_PIECE = re.compile(r"-([^\W\d_]+)")
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&.\-]{1,9}$")
_DATELINE_AFTER = re.compile(r"^\s*(?:,|\(|-|\u2013|\u2014)")
_TITLE_WORDS = rules.TITLE_HEADS | rules.TITLE_MODIFIERS


@dataclass(slots=True)
class _Cand:
    start: int
    end: int
    label: str
    rule: str = "model"
    strong: bool = False  # label set by evidence: it spreads to other mentions with the same surface
    role: tuple[int, int] | None = None


class _Doc:
    """The body and its tokens, with the lookups the passes need."""

    def __init__(self, body: str, parse: Parse) -> None:
        self.body = body
        self.tokens = parse.tokens
        self.starts = [t.start for t in parse.tokens]
        self.sent_starts = [s.start for s in parse.sentences]
        self._children: list[list[int]] | None = None

    def text(self, c: _Cand) -> str:
        return self.body[c.start : c.end]

    def token_range(self, start: int, end: int) -> range:
        """Indices of the tokens that start inside ``[start, end)``."""
        return range(bisect.bisect_left(self.starts, start), bisect.bisect_left(self.starts, end))

    def tok_text(self, i: int) -> str:
        t = self.tokens[i]
        return self.body[t.start : t.end]

    def children(self, i: int) -> list[int]:
        if self._children is None:
            kids: list[list[int]] = [[] for _ in self.tokens]
            for k, t in enumerate(self.tokens):
                if t.head != k:
                    kids[t.head].append(k)
            self._children = kids
        return self._children[i]

    def sent_of(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self.sent_starts, offset) - 1)


def build_mentions(body: str, parse: Parse) -> tuple[Mention, ...]:
    """The corrected mentions of one body, in order of their start offset, offsets into ``body``."""
    doc = _Doc(body, parse)
    cands = [_Cand(start=e.start, end=e.end, label=e.label) for e in parse.entities]
    cands = [c for c in cands if c.label not in rules.NAME_LABELS or body[c.start : c.end].strip()]
    names = [c for c in cands if c.label in rules.NAME_LABELS]
    others = [c for c in cands if c.label not in rules.NAME_LABELS]
    for c in names:
        _extend_hyphen(doc, c)
    names = [p for c in names for p in _split(doc, c)]
    names = [c for c in names if _trim(doc, c)]
    names = _merge_norp_org(doc, names)
    names = [c for c in names if _relabel(doc, c)]
    names = _non_overlapping(names + _gazetteer_hits(doc, names) + _acronyms(doc, names))
    names = _non_overlapping(names + _org_by_cue(doc, names, others))
    by_start = {c.start: c for c in names}
    for c in names:
        _place_by_context(doc, c, by_start)
    names = _join_person_parts(doc, names, others)
    _consistent_labels(doc, names)
    names = _non_overlapping(names + _known_names(doc, names))
    names = _join_person_parts(doc, names, others)
    starts = [c.start for c in names]
    for c in names:
        if c.label == "PERSON":
            _role_before(doc, c, names, starts)
            if c.role is None:
                _role_apposition(doc, c)
    names = [c for c in names if c.start < c.end]
    out = sorted(_non_overlapping(names) + others, key=lambda c: (c.start, c.end))
    if log.isEnabledFor(logging.DEBUG):
        for c in out:
            if c.rule != "model":
                log.debug("mention %r %s by %s", doc.text(c), c.label, c.rule)
    return tuple(
        Mention(
            start=c.start,
            end=c.end,
            text=body[c.start : c.end],
            label=c.label,
            sent=doc.sent_of(c.start),
            role=body[c.role[0] : c.role[1]] if c.role else None,
            role_span=c.role,
        )
        for c in out
    )


# ------------------------------------------------------------------------------------- span repairs
def _extend_hyphen(doc: _Doc, c: _Cand) -> None:
    """Keep a hyphenated name whole: "Kim Song" + "-nam" -> "Kim Song-nam" (not "U.S." + "-backed")."""
    m = _HYPHEN_PIECE.match(doc.body, c.end)
    if not m or m.group(1).lower() in rules.HYPHEN_WORDS:
        return
    joined = gazetteer.fold(doc.body[c.start : m.end()])
    if c.label == "PERSON" or joined in gazetteer.countries():  # "Song-nam", "Guinea-Bissau"; not "Iran-Iraq"
        c.end = m.end()
        c.rule = "hyphen_name"


def _split(doc: _Doc, c: _Cand) -> list[_Cand]:
    """Split "Name (ACR)" into name and acronym, and "<country>'s Name" into place and name."""
    text = doc.text(c)
    dash = re.search(r"\s[-\u2013\u2014]+\s", text)
    if dash and dash.start() > 0:  # a name never holds a spaced dash: "South Korea - Prosecutors"
        c = _Cand(start=c.start, end=c.start + dash.start(), label=c.label, rule="split_dash")
        text = doc.text(c)
    p = text.find("(")
    if p > 0:
        q = text.find(")", p)
        inner = text[p + 1 : q if q > 0 else len(text)].strip()
        out = [_Cand(start=c.start, end=c.start + p, label=c.label, rule="split_parens")]
        if _ACRONYM.match(inner):
            a = c.start + text.index(inner, p)
            out.append(_Cand(start=a, end=a + len(inner), label=c.label, rule="split_acronym"))
        return out
    m = re.search(r"[" + rules.APOSTROPHES + r"]s[" + rules.APOSTROPHES + r"]? +(?=[A-Z])", text)
    if m and gazetteer.fold(text[: m.start()]) in gazetteer.countries():
        rest = _Cand(start=c.start + m.end(), end=c.end, label=c.label, rule="split_possessive")
        return [_Cand(start=c.start, end=c.start + m.start(), label="GPE", rule="split_possessive"), rest]
    return [c]


def _trim(doc: _Doc, c: _Cand) -> bool:
    """Trim a leading "the", possessives, edge punctuation, place nouns and honorifics; False if empty."""
    body = doc.body
    while True:
        before = (c.start, c.end)
        text = body[c.start : c.end]
        low = text.lower()
        if low.startswith("the ") and gazetteer.fold(text) not in rules.THE_KEPT:
            c.start += 4
        elif len(text) > 2 and text[-1] in "sS" and text[-2] in rules.APOSTROPHES:
            c.end -= 2
        elif len(text) > 2 and text[-1] in rules.APOSTROPHES and text[-2] in "sS":
            c.end -= 1
        elif text and text[0] in rules.EDGE_PUNCT + ".":
            c.start += 1
        elif text and text[-1] in rules.EDGE_PUNCT:
            c.end -= 1
        else:
            head, _, last = text.rpartition(" ")
            first, _, tail = text.partition(" ")
            cue = next((w for w in rules.ORG_CUE_AFTER if low.endswith(" " + w) and text.endswith(w)), None)
            if cue and len(text) > len(cue) + 1:  # "Yonhap news agency" -> ORG "Yonhap"
                c.end -= len(cue) + 1
                c.label, c.strong, c.rule = "ORG", True, "org_cue"
            elif head and last in rules.GEO_GENERIC:
                c.end -= len(last) + 1
                c.label, c.strong, c.rule = "GPE", True, "place_noun"
            elif tail and first.lower() in rules.HONORIFICS:
                c.start += len(first) + 1
                c.label, c.strong, c.rule = "PERSON", True, "honorific"
        if (c.start, c.end) == before or c.start >= c.end:
            break
        if c.rule == "model":
            c.rule = "trim"
    return c.start < c.end and bool(body[c.start : c.end].strip())


def _merge_norp_org(doc: _Doc, cands: list[_Cand]) -> list[_Cand]:
    """A nationality word right before an organisation ending in an ORG suffix is part of its name."""
    out: list[_Cand] = []
    for c in sorted(cands, key=lambda x: x.start):
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.label in ("NORP", "ORG")
            and c.label == "ORG"
            and doc.body[prev.end : c.start] == " "
            and doc.text(c).rsplit(" ", 1)[-1].lower() in rules.ORG_SUFFIXES
            and (prev.label == "NORP" or " " not in doc.text(c))  # "Workers'" + "Party"
        ):
            prev.end, prev.label, prev.rule = c.end, "ORG", "norp_org"
            continue
        out.append(c)
    return out


# ------------------------------------------------------------------------------------------- labels
def _word_before(doc: _Doc, start: int, words: int = 1) -> str:
    left = doc.body[max(0, start - 40) : start].split()
    return " ".join(left[-words:]).lower() if left else ""


def _relabel(doc: _Doc, c: _Cand) -> bool:
    """Labels from evidence in the surface and the words around it; False drops the mention."""
    text = doc.text(c)
    folded = gazetteer.fold(text)
    if folded in rules.DISEASES or _DISEASE.match(text):
        log.debug("dropped disease %r (%s)", text, c.label)
        return False
    if _word_before(doc, c.start) in rules.STORM_WORDS or _word_before(doc, c.start, 2) in rules.STORM_WORDS:
        c.label, c.strong, c.rule = "EVENT", True, "storm"
        return True
    if folded in gazetteer.countries():
        if folded not in rules.COUNTRY_NAME_CLASH or c.label != "PERSON":
            c.label, c.strong, c.rule = "GPE", True, "country"
        return True
    abbr = gazetteer.abbreviated().get(folded)
    if abbr:
        c.label, c.strong, c.rule = abbr, True, "country_abbrev"
        return True
    if folded in gazetteer.subdivisions() and (not text.isascii() or _place_cue(doc, c.start, c.end)):
        c.label, c.strong, c.rule = "GPE", True, "subdivision"
        return True
    if _word_before(doc, c.start) in rules.HONORIFICS:
        c.label, c.strong, c.rule = "PERSON", True, "honorific"
        return True
    last = text.rsplit(" ", 1)[-1].lower()
    if c.label != "ORG" and " " in text and last in rules.ORG_SUFFIXES:
        c.label, c.strong, c.rule = "ORG", True, "org_suffix"
        return True
    if c.label == "PERSON":
        words = text.split()
        if all(w.lower().rstrip("s") in rules.TITLE_HEADS or w.lower() in rules.TITLE_HEADS for w in words):
            log.debug("dropped title-only PERSON %r", text)
            return False
        if any(ch.isdigit() for ch in text):
            c.label, c.rule = "PRODUCT", "digits_not_person"
        elif any(len(p) >= 2 and p.isupper() and p.isalpha() for p in re.split(r"[\s\-]", text)):
            c.label, c.rule = "ORG", "acronym_not_person"  # "Zanu-PF"
    return True


def _place_cue(doc: _Doc, start: int, end: int) -> bool:
    """A generic place noun ("province", "state") near the span, in the same sentence."""
    w = rules.PLACE_CUE_WINDOW
    left = doc.body[max(0, start - w) : start]
    right = doc.body[end : end + w]
    left = left[left.rfind("\n") + 1 :]
    left = re.split(r"[.!?;]\s", left)[-1]
    right = re.split(r"[.!?;]\s|\n", right)[0]
    words = re.findall(r"[a-z]+", f"{left} {right}")
    return any(x in rules.GEO_GENERIC for x in words)


def _paragraph_start(doc: _Doc, offset: int) -> bool:
    return offset == 0 or doc.body[offset - 1] == "\n"


def _place_by_context(doc: _Doc, c: _Cand, by_start: dict[int, _Cand]) -> None:
    """An all-caps dateline ("SEOUL, …", "SHARM EL-SHEIK, Egypt") or "X, <country>" is a place; the
    agency in a dateline's parentheses ("(AP)") is an organisation."""
    text = doc.text(c)
    after = doc.body[c.end : c.end + 3]
    letters = [ch for ch in text if ch.isalpha()]
    if (
        _paragraph_start(doc, c.start)
        and len(letters) >= 3
        and all(ch.isupper() for ch in letters)
        and _DATELINE_AFTER.match(after)
    ):
        c.label, c.strong, c.rule = "GPE", True, "dateline"
        return
    if c.label in ("PERSON", "ORG", "LOC", "GPE") and doc.body.startswith(", ", c.end):
        nxt = by_start.get(c.end + 2)
        if nxt is not None and nxt.label == "GPE" and nxt.rule in ("country", "country_abbrev"):
            tail = doc.body[nxt.end : nxt.end + 5]
            if not (tail[:1] in rules.APOSTROPHES or tail.startswith((",", " and ", " or "))):
                c.label, c.strong, c.rule = "GPE", True, "place_comma_country"
                return
    if doc.body[c.start - 1 : c.start] == "(" and doc.body[c.end : c.end + 1] == ")":
        prev = [p for p in by_start.values() if p.rule == "dateline" and 0 <= c.start - p.end <= 40]
        if prev:
            c.label, c.strong, c.rule = "ORG", True, "dateline_agency"


def _consistent_labels(doc: _Doc, cands: list[_Cand]) -> None:
    """One label per surface where evidence decided it; a bare surname of a PERSON is that PERSON."""
    votes: dict[str, Counter[str]] = {}
    for c in cands:
        if c.strong:
            votes.setdefault(doc.text(c), Counter())[c.label] += 1
    # family names come last ("Mwai Kibaki") or first ("Wang Yi", "Kim Song-nam"): either part of a
    # PERSON's full name, met alone with another label, is that person
    surnames: set[str] = set()
    for c in cands:
        parts = doc.text(c).split()
        if c.label == "PERSON" and len(parts) > 1:
            surnames.update((parts[0], parts[-1]))
    weak: dict[str, Counter[str]] = {}
    for c in cands:
        if not c.strong and c.label in ("PERSON", "ORG", "GPE"):
            weak.setdefault(doc.text(c), Counter())[c.label] += 1
    for c in cands:
        text = doc.text(c)
        if c.strong:
            continue
        if text in votes:
            c.label, c.rule = votes[text].most_common(1)[0][0], "same_surface"
        elif text in surnames and c.label != "PERSON":
            c.label, c.rule = "PERSON", "surname_of_person"
        elif text in weak and c.label in ("PERSON", "ORG", "GPE"):
            (top, n), *rest = weak[text].most_common(2)
            if top != c.label and (not rest or n > rest[0][1]):
                c.label, c.rule = top, "majority_surface"


# ------------------------------------------------------------------------------------------- recall
def _ngrams(doc: _Doc) -> Iterator[tuple[int, int, int, str]]:
    """(first token, end token, start offset, surface) for capitalised token n-grams, longest first."""
    toks = doc.tokens
    for i, t in enumerate(toks):
        first = doc.body[t.start : t.start + 1]
        if not first.isupper():
            continue
        for n in range(min(rules.NGRAM_MAX, len(toks) - i), 0, -1):
            j = i + n - 1
            if toks[j].sent != t.sent:
                continue
            yield i, j + 1, t.start, doc.body[t.start : toks[j].end]


class _Cover:
    """Which body characters some mention already covers (O(span) checks, not O(mentions))."""

    def __init__(self, size: int, cands: list[_Cand]) -> None:
        self.marks = bytearray(size)
        for c in cands:
            self.add(c)

    def add(self, c: _Cand) -> None:
        self.marks[c.start : c.end] = b"\x01" * (c.end - c.start)

    def free(self, start: int, end: int) -> bool:
        return self.marks.find(1, start, end) < 0


def _gazetteer_hits(doc: _Doc, cands: list[_Cand]) -> list[_Cand]:
    """Country names (any spelling the gazetteer folds to), compass-abbreviated forms and diacritic
    subdivision names that the model did not mark."""
    out: list[_Cand] = []
    firsts = gazetteer.first_words()
    countries, subdivisions, abbreviated = (
        gazetteer.countries(),
        gazetteer.subdivisions(),
        gazetteer.abbreviated(),
    )
    cover = _Cover(len(doc.body), cands)
    skip_to = -1
    for i, j, start, surface in _ngrams(doc):
        if i < skip_to or gazetteer.fold(doc.tok_text(i)) not in firsts:
            continue
        folded = gazetteer.fold(surface)
        label = None
        if folded in countries and (folded not in rules.COUNTRY_NAME_CLASH):
            label = "GPE"
        elif folded in abbreviated:
            label = abbreviated[folded]
        elif folded in subdivisions and (
            not surface.isascii() or _place_cue(doc, start, start + len(surface))
        ):
            label = "GPE"
        end = start + len(surface)
        if label and cover.free(start, end):
            out.append(_Cand(start=start, end=end, label=label, rule="gazetteer", strong=True))
            cover.add(out[-1])
            skip_to = j
    return out


def _known_names(doc: _Doc, cands: list[_Cand]) -> list[_Cand]:
    """Further uses of names the document already gave (full names, and bare surnames of people)."""
    known: dict[str, str] = {}
    for c in cands:
        text = doc.text(c)
        if c.label in ("PERSON", "ORG", "GPE") and len(text) >= rules.PROPAGATE_MIN_CHARS:
            known.setdefault(text, c.label)
    for c in cands:
        text = doc.text(c)
        if c.label == "PERSON" and " " in text:
            last = text.rsplit(" ", 1)[-1]
            if len(last) >= rules.PROPAGATE_MIN_CHARS and last[:1].isupper():
                known.setdefault(last, "PERSON")
    if not known:
        return []
    firsts = {k.split(" ", 1)[0] for k in known}
    out: list[_Cand] = []
    toks = doc.tokens
    cover = _Cover(len(doc.body), cands)
    skip_to = -1
    for i, j, start, surface in _ngrams(doc):
        if i < skip_to or doc.tok_text(i) not in firsts or surface not in known:
            continue
        end = start + len(surface)
        nxt = (
            doc.body[toks[j].start : toks[j].start + 1]
            if j < len(toks) and toks[j].sent == toks[i].sent
            else ""
        )
        if nxt.isupper():  # part of a longer name we do not know ("Lee" in "Lee Kun-hee")
            continue
        if doc.body[start - 1 : start] == "-" or doc.body[end : end + 1] == "-":  # "post-Mugabe"
            continue
        if cover.free(start, end):
            out.append(_Cand(start=start, end=end, label=known[surface], rule="known_name"))
            cover.add(out[-1])
            skip_to = j
    return out


def _acronyms(doc: _Doc, cands: list[_Cand]) -> list[_Cand]:
    """ "European Financial Stability Facility (EFSF)": the acronym in parentheses the model did not mark
    names the same thing (its first letter matches the name's)."""
    out: list[_Cand] = []
    for c in cands:
        if c.label not in ("ORG", "GPE", "PERSON", "FAC"):
            continue
        m = re.match(r" ?\(([A-Z][A-Za-z0-9&.\-]{1,9})\)", doc.body[c.end : c.end + 14])
        if m and _ACRONYM.match(m.group(1)) and m.group(1)[0] == doc.text(c)[0]:
            a = c.end + m.start(1)
            out.append(_Cand(start=a, end=a + len(m.group(1)), label=c.label, rule="acronym_definition"))
    cover = _Cover(len(doc.body), cands)
    return [c for c in out if cover.free(c.start, c.end)]


_ORG_CUE = re.compile(r" (?:" + "|".join(map(re.escape, rules.ORG_CUE_AFTER)) + r")\b")


def _org_by_cue(doc: _Doc, cands: list[_Cand], others: list[_Cand]) -> list[_Cand]:
    """ "Yonhap news agency": the capitalised name right before an organisation cue is an ORG (a mention
    ending there is relabelled; otherwise the run of capitalised tokens before the cue is added)."""
    out: list[_Cand] = []
    by_end = {c.end: c for c in cands}
    cover = _Cover(len(doc.body), cands + others)
    for m in _ORG_CUE.finditer(doc.body):
        end = m.start()
        hit = by_end.get(end)
        if hit is not None:
            if not (hit.strong and hit.label == "GPE"):
                hit.label, hit.strong, hit.rule = "ORG", True, "org_cue"
            continue
        k = bisect.bisect_left(doc.starts, end) - 1
        first = -1
        while k >= 0:
            t = doc.tokens[k]
            word = doc.body[t.start : t.end]
            if not (
                word[:1].isupper() and word.isalpha() and word.lower() != "the" and cover.free(t.start, t.end)
            ):
                break
            if doc.body[t.end : (doc.tokens[first].start if first >= 0 else end)].strip():
                break
            first = k
            k -= 1
        if first >= 0:
            out.append(
                _Cand(start=doc.tokens[first].start, end=end, label="ORG", rule="org_cue", strong=True)
            )
    return out


def _join_person_parts(doc: _Doc, cands: list[_Cand], others: list[_Cand]) -> list[_Cand]:
    """A PERSON span the model cut short: "Gloria Macapagal" + "Arroyo" (another PERSON mention or a
    capitalised proper noun right after it, one space between) is one name."""
    out: list[_Cand] = []
    for c in sorted(cands, key=lambda x: x.start):
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.label == "PERSON"
            and c.label == "PERSON"
            and doc.body[prev.end : c.start] == " "
            and not (prev.strong and c.strong and prev.rule == "honorific")
        ):
            prev.end, prev.rule = c.end, "joined_person"
            continue
        out.append(c)
    cover = _Cover(len(doc.body), out + others)
    for c in out:
        if c.label != "PERSON":
            continue
        while True:
            nxt = doc.token_range(c.end + 1, c.end + 2)
            if not nxt or doc.body[c.end : c.end + 1] != " ":
                break
            t = doc.tokens[nxt.start]
            word = doc.body[t.start : t.end]
            if word in rules.NAME_PARTICLES and nxt.start + 1 < len(doc.tokens):
                after = doc.tokens[nxt.start + 1]
                name = doc.body[after.start : after.end]
                if (
                    doc.body[t.end : after.start] == " "
                    and name[:1].isupper()
                    and name.isalpha()
                    and after.pos == "PROPN"
                    and cover.free(t.start, after.end)
                ):
                    c.end, c.rule = after.end, "joined_person"
                    continue
            if (
                t.pos != "PROPN"
                or not word[:1].isupper()
                or not word.isalpha()
                or word.lower() in rules.ORG_SUFFIXES
                or word.lower() in _TITLE_WORDS
                or not cover.free(t.start, t.end)  # another mention, or a DATE: "Alex Witt" + "Sunday"
            ):
                break
            c.end, c.rule = t.end, "joined_person"
    return out


def _non_overlapping(cands: list[_Cand]) -> list[_Cand]:
    out: list[_Cand] = []
    for c in sorted(cands, key=lambda x: (x.start, -(x.end - x.start))):
        if not out or c.start >= out[-1].end:
            out.append(c)
    return out


# -------------------------------------------------------------------------------------------- roles
def _cand_at(cands: list[_Cand], starts: list[int], start: int, end: int) -> _Cand | None:
    """The mention overlapping ``[start, end)``; ``cands`` sorted and non-overlapping, ``starts`` theirs."""
    i = bisect.bisect_left(starts, end) - 1
    if i >= 0 and cands[i].end > start and cands[i].start < end:
        return cands[i]
    return None


def _role_before(doc: _Doc, c: _Cand, cands: list[_Cand], starts: list[int]) -> None:
    """Title words before the name, or left inside its span: "Foreign Minister Wang Yi"."""
    inside = list(doc.token_range(c.start, c.end))
    if not inside:
        return
    role_end = -1
    # a title the model left inside the PERSON span: strip it, keep at least one name token
    last_head = max(
        (p for p, k in enumerate(inside[:-1]) if doc.tok_text(k).lower() in rules.TITLE_HEADS), default=-1
    )
    if last_head >= 0 and all(doc.tok_text(k)[:1].isupper() for k in inside[: last_head + 1]):
        role_end = doc.tokens[inside[last_head]].end
        run = inside[: last_head + 1]
        c.start, c.rule = doc.tokens[inside[last_head + 1]].start, "title_in_span"
    else:
        run = []
    run = _title_run(doc, inside[0] - 1, doc.tokens[inside[0]].sent, cands, starts, c) + run
    if role_end < 0:
        # the run must hold a title head and end in one or in a capitalised word ("Secretary of State")
        if not run or not any(doc.tok_text(k).lower() in rules.TITLE_HEADS for k in run):
            return
        last = doc.tok_text(run[-1])
        if last.lower() not in rules.TITLE_HEADS and not last[:1].isupper():
            return
        role_end = doc.tokens[run[-1]].end
    c.role = (doc.tokens[run[0]].start, role_end)
    if c.rule == "model":
        c.rule = "role_before"


def _title_run(
    doc: _Doc, k: int, sent: int, cands: list[_Cand], starts: list[int], person: _Cand
) -> list[int]:
    """Token indices of the title words ending at token ``k`` (walking left), possibly empty.

    Capitalised words and title words join; lower-case nouns only while the run is lower case ("party
    spokesman", not "referendum on President"); a connector ("of", "for") only between capitalised words
    ("Secretary of State"); nationality and place words stop it ("Chinese | Foreign Minister").
    """
    run: list[int] = []
    while k >= 0 and len(run) < rules.ROLE_MAX_TOKENS:
        t = doc.tokens[k]
        if t.sent != sent:
            break
        text = doc.body[t.start : t.end]
        low = text.lower()
        other = _cand_at(cands, starts, t.start, t.end)
        if other is not None and other is not person:
            # "Secretary of State": a one-word ORG/GPE right after "<title> of" is part of the title
            inner = (
                other.label in ("ORG", "GPE", "LOC")
                and " " not in doc.text(other)
                and k >= 2
                and doc.tok_text(k - 1).lower() in rules.TITLE_CONNECTORS
                and doc.tok_text(k - 2).lower() in rules.TITLE_HEADS
            )
            if not inner:
                break
            other.end = other.start  # removed: it is part of the title
            run.append(k)
        elif low in rules.TITLE_CONNECTORS:
            left = doc.tok_text(k - 1) if k > 0 else ""
            if not (run and left[:1].isupper() and doc.tok_text(run[-1])[:1].isupper()):
                break
            if low == "-" and (doc.body[t.start - 1 : t.start] == " " or doc.body[t.end : t.end + 1] == " "):
                break
            run.append(k)
        elif (
            low in _TITLE_WORDS
            or (text[:1].isupper() and t.pos in ("PROPN", "NOUN", "ADJ") and not _nationality(doc, text))
            or (text[:1].islower() and t.pos == "NOUN" and all(doc.tok_text(r)[:1].islower() for r in run))
        ):
            run.append(k)
        else:
            break
        k -= 1
    run.reverse()
    while run and doc.tok_text(run[0]).lower() in rules.TITLE_CONNECTORS:
        run.pop(0)
    return run


def _nationality(doc: _Doc, text: str) -> bool:
    """ "Chinese", "Philippine", "Japan": not part of a title."""
    folded = gazetteer.fold(text)
    return (
        folded in gazetteer.countries()
        or f"{folded}s" in gazetteer.countries()
        or (folded.endswith(("ese", "ish", "ean", "ian", "can")) and folded not in _TITLE_WORDS)
    )


def _subtree(doc: _Doc, root: int) -> list[int]:
    out = [root]
    stack = [root]
    while stack:
        k = stack.pop()
        for ch in doc.children(k):
            if doc.tokens[ch].dep not in rules.ROLE_CUT_DEPS:
                out.append(ch)
                stack.append(ch)
    out.sort()
    # keep the contiguous run around the root
    lo = hi = out.index(root)
    while lo > 0 and out[lo - 1] == out[lo] - 1:
        lo -= 1
    while hi < len(out) - 1 and out[hi + 1] == out[hi] + 1:
        hi += 1
    return out[lo : hi + 1]


def _role_apposition(doc: _Doc, c: _Cand) -> None:
    """ "Kim Song-nam, director of the international department …" and "party spokesman, Ahmed Hashi"."""
    inside = list(doc.token_range(c.start, c.end))
    if not inside:
        return
    head = next((k for k in inside if doc.tokens[k].head not in inside), inside[-1])
    span: list[int] = []
    for ch in doc.children(head):
        t = doc.tokens[ch]
        if t.dep == "appos" and t.start >= c.end and doc.tok_text(ch).lower() in rules.TITLE_HEADS:
            span = _subtree(doc, ch)
            break
    if not span:
        h = doc.tokens[head]
        if h.dep == "appos" and h.head < inside[0] and doc.tok_text(h.head).lower() in rules.TITLE_HEADS:
            span = [k for k in _subtree(doc, h.head) if k <= h.head]
    while span and doc.tokens[span[0]].pos in ("DET", "PUNCT"):
        span.pop(0)
    while span and doc.tokens[span[-1]].pos == "PUNCT":
        span.pop()
    if span:
        c.role = (doc.tokens[span[0]].start, doc.tokens[span[-1]].end)
        if c.rule == "model":
            c.rule = "role_apposition"
