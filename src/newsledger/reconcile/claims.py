"""Claims: normalised statements one document makes, each with its evidence span.

Kinds: ``event_date``, ``event_place``, ``participants`` (per event source), ``report_date`` (the day a
source made its statement: "KCNA said on Saturday"), ``count`` (quantities, money, ages), ``published``
(a page's dates: crawl/listing hint against its own stamp), ``role`` (stated titles).

Each claim becomes a :class:`ClaimFact` with a comparison ``group``: claims are compared only within one
group. Groups starting with ``~`` are *statement* groups: their members are compared only when their
sentences say the same thing (see :mod:`.comparison`).
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Container, Iterable, Iterator, Mapping

from newsledger.records import (
    AnnotatedDocument,
    Citation,
    Claim,
    CleanDocument,
    Entity,
    Event,
    TimeExpression,
    TimexType,
)

from . import rules
from .model import ClaimFact
from .wording import content_words, sentence_at

__all__ = [
    "count_claims",
    "event_claims",
    "published_claims",
    "report_claims",
    "role_claims",
]

log = logging.getLogger(__name__)

_DATE_TYPES = (TimexType.DATE, TimexType.TIME)


def _cite(doc: str, body: str, start: int, end: int) -> Citation:
    return Citation(doc=doc, start=start, end=end, quote=body[start:end])


def _claim_fact(
    *, kind: str, group: str, subject: str, doc: str, value: str, norm: str, cite: Citation, **kw: object
) -> ClaimFact:
    # the record's subject is the machine key of what is compared ("event:<id>:date", "count:pirate")
    claim = Claim(subject=group.lstrip("~"), doc=doc, value=value, evidence=cite, kind=kind)
    return ClaimFact(claim=claim, group=group, subject=subject, norm=norm, **kw)  # type: ignore[arg-type]


def _weekday(text: str) -> str | None:
    m = rules.WEEKDAY.search(text)
    return m.group(1).lower() if m else None


def _date_value(text: str, tx: TimeExpression | None) -> tuple[str, str, dict[str, object]]:
    """(display value, normalised value, comparison fields) of a date expression."""
    wd = _weekday(text)
    kw: dict[str, object] = {"weekday": wd}
    if tx is not None and tx.date_from is not None:
        d_to = tx.date_to or tx.date_from
        kw.update(date_from=tx.date_from, date_to=d_to, anchored=tx.anchor in ("", "absolute"))
        iso = tx.date_from.isoformat() if d_to == tx.date_from else f"{tx.date_from}/{d_to}"
        label = f"{wd.capitalize()} ({iso})" if wd else f"{text.strip()} ({iso})"
        return label, (wd or iso), kw
    if tx is not None and tx.value and not tx.value.startswith("X"):
        return f"{text.strip()} ({tx.value})", (wd or tx.value), kw
    return (wd.capitalize() if wd else text.strip()), (wd or text.strip().lower()), kw


def _timex_in(ann: AnnotatedDocument | None, start: int, end: int) -> TimeExpression | None:
    if ann is None:
        return None
    best = None
    for tx in ann.timexes:
        overlaps = tx.start < end and start < tx.end and tx.type in _DATE_TYPES
        if overlaps and (best is None or (tx.end - tx.start) > (best.end - best.start)):
            best = tx
    return best


def _date_mentions(body: str, ann: AnnotatedDocument | None) -> list[tuple[int, int, TimeExpression | None]]:
    """Date-like timexes of the body, plus weekday names no timex covers (annotation missing or partial)."""
    out: list[tuple[int, int, TimeExpression | None]] = []
    if ann is not None and ann.body == body:
        out = [(t.start, t.end, t) for t in ann.timexes if t.type in _DATE_TYPES]
    for m in rules.WEEKDAY.finditer(body):
        if not any(s < m.end() and m.start() < e for s, e, _ in out):
            out.append((m.start(), m.end(), None))
    out.sort(key=lambda x: (x[0], x[1]))
    return out


def _clean_reporter(text: str) -> str | None:
    text = re.sub(r"\s*\([^)]*\)?", "", text)  # "(KCNA)" and an unclosed "(KCNA" left by the cue
    words = text.strip(" ()[]\"'“”").split()
    if not words or len(words) > rules.REPORTER_MAX_WORDS:
        return None
    return " ".join(words)


# ------------------------------------------------------------------------------------------ report dates
def report_claims(
    clean: CleanDocument,
    ann: AnnotatedDocument | None,
    spans: tuple[tuple[int, int], ...],
    event_of_sentence: Mapping[tuple[str, int, int], str],
) -> list[ClaimFact]:
    """Days on which a source made its statement: a date right after a reporting verb, or after
    "according to <source>"; the reporter is the phrase before the verb (or after "according to")."""
    body, doc = clean.body, clean.doc_id
    out: list[ClaimFact] = []
    for start, end, tx in _date_mentions(body, ann):
        s_start, s_end = sentence_at(spans, start, end)
        prefix = body[s_start:start]
        reporter: str | None = None
        cue = rules.ACCORDING_TO.search(prefix)
        if cue is not None:
            reporter = _clean_reporter(cue.group(1))
        elif rules.REPORT_VERB.search(prefix):
            rm = rules.REPORTER_BEFORE.search(prefix)
            reporter = _clean_reporter(rm.group(1)) if rm else None
        elif rules.VERB_AFTER.match(body[end:s_end]) and (sm := rules.SOURCE_BEFORE.search(prefix)):
            reporter = _clean_reporter(sm.group(1))  # "KCNA on Sunday reported that ..."
        else:
            continue
        text = body[start:end]
        value, norm, kw = _date_value(text, tx)
        if tx is None and kw.get("weekday") is None:
            continue
        sentence_words = content_words(body[s_start:s_end])
        who = reporter or "the source"
        snippet = body[s_start:s_end]
        snippet = snippet if len(snippet) <= 90 else snippet[:87].rstrip() + "…"
        out.append(
            _claim_fact(
                kind="report_date",
                group="~report_date",
                subject=f"day of the report by {who}: “{snippet}”",
                doc=doc,
                value=value,
                norm=norm,
                cite=_cite(doc, body, start, end),
                sentence=(s_start, s_end),
                event_id=event_of_sentence.get((doc, s_start, s_end)),
                reporter=reporter,
                words=sentence_words,
                **kw,
            )
        )
        log.debug("report_date %s %r by %r", doc, text, reporter)
    return out


def reporter_class(reporter: str | None) -> str:
    """A coarse key so that only statements by comparable sources are compared: the reporter's last
    word ("North Korean media" -> "media", "KCNA" -> "kcna"); unknown reporters share one key."""
    if not reporter:
        return "*"
    words = re.findall(r"\w+", reporter.lower())
    return words[-1].removesuffix("s") if words else "*"


# ----------------------------------------------------------------------------------------------- events
def _entity_index(
    entities: Iterable[Entity], docs: Container[str]
) -> tuple[dict[tuple[str, int, int], Entity], dict[str, Entity]]:
    """Entities by mention span (mentions in ``docs`` only: an entity such as "U.S." has mentions in
    thousands of documents, and a story looks up only its own) and by lower-cased name."""
    by_span: dict[tuple[str, int, int], Entity] = {}
    by_name: dict[str, Entity] = {}
    for e in entities:
        for m in e.mentions:
            if m.doc in docs:
                by_span[(m.doc, m.start, m.end)] = e
        for n in (e.name, *e.aliases):
            by_name.setdefault(n.lower(), e)
    return by_span, by_name


def _entity_at(
    by_span: Mapping[tuple[str, int, int], Entity], doc: str, start: int, end: int
) -> Entity | None:
    hit = by_span.get((doc, start, end))
    if hit is not None:
        return hit
    for (d, s, e), ent in by_span.items():
        if d == doc and s < end and start < e:
            return ent
    return None


def event_label(ev: Event) -> str:
    who = " and ".join(ev.actors[:3]) if ev.actors else "unknown actors"
    where = f" in {ev.place}" if ev.place else ""
    return f"{ev.type.lower()} ({ev.mode}): {who}{where}"


def event_claims(
    events: Iterable[Event],
    docs: Mapping[str, tuple[CleanDocument, AnnotatedDocument | None]],
    entities: Iterable[Entity],
) -> list[ClaimFact]:
    """Date, place and participants of each event, once per source that states them."""
    by_span, by_name = _entity_index(entities, docs)
    out: list[ClaimFact] = []
    for ev in events:
        label = event_label(ev)
        for src in ev.sources:
            pair = docs.get(src.doc)
            if pair is None:
                continue
            clean, ann = pair
            body = clean.body
            sent = (src.sentence[0], src.sentence[1])
            if src.date_span is not None:
                s, e = src.date_span
                value, norm, kw = _date_value(body[s:e], _timex_in(ann, s, e))
                out.append(
                    _claim_fact(
                        kind="event_date",
                        group=f"event:{ev.id}:date",
                        subject=f"date of {label}",
                        doc=src.doc,
                        value=value,
                        norm=norm,
                        cite=_cite(src.doc, body, s, e),
                        sentence=sent,
                        event_id=ev.id,
                        **kw,
                    )
                )
            if src.place_span is not None:
                s, e = src.place_span
                text = body[s:e]
                ent = _entity_at(by_span, src.doc, s, e) or by_name.get(text.lower())
                name = ent.name if ent is not None else text
                out.append(
                    _claim_fact(
                        kind="event_place",
                        group=f"event:{ev.id}:place",
                        subject=f"place of {label}",
                        doc=src.doc,
                        value=name,
                        norm=name.lower(),
                        cite=_cite(src.doc, body, s, e),
                        sentence=sent,
                        event_id=ev.id,
                        country=ent.country if ent is not None else None,
                    )
                )
            if src.actor_spans:
                names = []
                for s, e in src.actor_spans:
                    ent = _entity_at(by_span, src.doc, s, e)
                    names.append(ent.name if ent is not None else body[s:e])
                uniq = sorted(set(names))
                s0 = min(s for s, _ in src.actor_spans)
                e0 = max(e for _, e in src.actor_spans)
                out.append(
                    _claim_fact(
                        kind="participants",
                        group=f"event:{ev.id}:participants",
                        subject=f"participants of {label}",
                        doc=src.doc,
                        value="; ".join(uniq),
                        norm="|".join(n.lower() for n in uniq),
                        cite=_cite(src.doc, body, s0, e0),
                        sentence=sent,
                        event_id=ev.id,
                        words=frozenset(n.lower() for n in uniq),
                    )
                )
    return out


# ----------------------------------------------------------------------------------------------- counts
def _number(token: str) -> float | None:
    t = token.lower().replace(",", "")
    if t in rules.NUMBER_WORDS:
        return float(rules.NUMBER_WORDS[t])
    try:
        return float(t)
    except ValueError:
        return None


_YEAR = re.compile(r"^(1[89]\d\d|20\d\d)$")
_NOT_A_COUNT_BEFORE = re.compile(r"(?:[\w/:.-]|\bno\.?\s*|\bnumber\s*|#\s*)$", re.IGNORECASE)
_NOT_A_COUNT_AFTER = re.compile(r"[/:]\d|\.\d|(?:st|nd|rd|th)\b")
_NAME_BEFORE = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][\w-]*\s$")
_MONTHS = re.compile(r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s*$", re.IGNORECASE)


def _interval(qualifier: str | None, lo: float, hi: float) -> tuple[float, float]:
    q = (qualifier or "").lower()
    if q in rules.APPROXIMATE and q not in rules.UPPER_BOUND:
        return lo * (1 - rules.APPROX_TOLERANCE), hi * (1 + rules.APPROX_TOLERANCE)
    if q in rules.LOWER_BOUND:
        return lo, float("inf")
    if q in rules.UPPER_BOUND:
        return 0.0, hi
    return lo, hi


_DIGIT = re.compile(r"\d")
# any number word, as a substring (one search instead of a test per word: 0.58 vs 1.05 s over 373,686 Reuters
# sentences without a digit)
_NUMBER_WORD = re.compile("|".join(sorted(rules.NUMBER_WORDS, key=len, reverse=True)))


def _may_count(sent: str) -> bool:
    """A necessary condition of :data:`rules.QUANTITY` matching in ``sent``: a digit or a number word (as a
    substring of the lower-cased sentence; a sentence with non-ASCII characters, whose case-insensitive
    matching lower-casing may not mirror, always passes). Three sentences in four of Reuters wires hold
    neither, and the quantity expression, tried at every character, is the dear part of the scan."""
    if _DIGIT.search(sent) is not None or not sent.isascii():
        return True
    return _NUMBER_WORD.search(sent.lower()) is not None


# Where a match of :data:`rules.QUANTITY` can start: a currency sign or a digit; the first letter of a
# number word or of "US$", "Rs", "e", "p" at a word start; whitespace before a digit or a number word's first
# letter (``\s?`` before the number). Each is a necessary condition, so no match starts elsewhere. The number
# words' first letters come from rules.NUMBER_WORDS, so a word added there is not missed here.
_NUMBER_INITIALS = "".join(sorted({w[0] for w in rules.NUMBER_WORDS}))
_QUANTITY_START = re.compile(
    rf"[$€£¥\d]|\s(?=[\d{_NUMBER_INITIALS}])|\b[{_NUMBER_INITIALS}urp]", re.IGNORECASE
)


# A necessary condition of :data:`rules.AGE` matching, one per alternative: "age"/"aged" at a word start
# ("aged", "at age", "at the age of", "Smith , age 61"), "dies/died/dead/death at", "year(s) old", and a
# comma, an optional "age(d)", one to three digits and a comma ("Brian Nichols , 37 ,"). Its name
# alternatives, tried at every capital letter, made AGE as dear as QUANTITY on Reuters wires (where one
# sentence in 2,300 holds an age).
_AGE_POSSIBLE = re.compile(
    r"\bage|\bd(?:ies|ied|ead|eath)\s+at\b|years?[\s-]old|,\s*(?:aged?\s+)?\d{1,3}\s*,", re.IGNORECASE
)


def _quantities(sent: str) -> Iterator[re.Match[str]]:
    """``rules.QUANTITY.finditer(sent)``, trying the expression only where a match can start: it has no
    literal first character, so ``finditer`` runs it, number-word alternation and all, at every character
    of the sentence. The matches are the same: the leftmost from each position on, non-overlapping (a
    quantity always holds its number, so none is empty)."""
    pos = 0
    start = _QUANTITY_START.search
    match = rules.QUANTITY.match
    while (c := start(sent, pos)) is not None:
        m = match(sent, c.start())
        if m is None:
            pos = c.start() + 1
            continue
        yield m
        pos = m.end()


def _fmt(x: float) -> str:
    return str(int(x)) if x == int(x) else f"{x:g}"


def count_claims(
    clean: CleanDocument,
    spans: tuple[tuple[int, int], ...],
    event_of_sentence: Mapping[tuple[str, int, int], str],
) -> list[ClaimFact]:
    """Quantities: money by currency, ages, and counts of a noun ("23 pirates", "three or four robbers").

    A count in a sentence that reports a ledger event is grouped under that event; other counts form
    statement groups (compared only between sentences that say the same thing).
    """
    body, doc = clean.body, clean.doc_id
    out: list[ClaimFact] = []
    for index, (s_start, s_end) in enumerate(spans):
        sent = body[s_start:s_end]
        ages = rules.AGE_HINT.search(sent) is not None  # a digit, or "years old"
        counts = ages or _may_count(sent)  # a digit found by AGE_HINT needs no second search
        if not counts:
            continue  # neither an age nor a quantity can be read here
        lead = index < rules.LEAD_SENTENCES
        event_id = event_of_sentence.get((doc, s_start, s_end))
        words = content_words(sent)
        taken: list[tuple[int, int]] = []
        for m in rules.AGE.finditer(sent) if ages and _AGE_POSSIBLE.search(sent) else ():
            fact = _age_fact(doc, body, s_start, m, event_id, words, (s_start, s_end))
            if fact is not None:
                out.append(fact)
                taken.append((m.start(), m.end()))
        for m in _quantities(sent) if counts else ():
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            num = _number(m.group("num"))
            if num is None:
                continue
            q_start = m.start("cur") if m.group("cur") else m.start("num")
            before = sent[:q_start]
            if (
                _MONTHS.search(before)
                or _NOT_A_COUNT_BEFORE.search(before)
                or _NOT_A_COUNT_AFTER.match(sent[m.end() :])
            ):
                continue  # a date, time or part of a larger number
            cur = (m.group("cur") or m.group("cur2") or "").lower()
            scale = rules.SCALE_WORDS.get((m.group("scale") or "").lower(), 1.0)
            if not cur and _YEAR.match(m.group("num")):
                continue
            num2 = _number(m.group("num2")) if m.group("num2") else None
            lo, hi = (min(num, num2), max(num, num2)) if num2 is not None else (num, num)
            qm = rules.QUALIFIER.search(before)
            qualifier = qm.group(1) if qm and qm.group(1) else None
            lo, hi = _interval(qualifier, lo * scale, hi * scale)
            tail_end = 0
            restrict: frozenset[str] = frozenset()
            if cur:
                code = rules.CURRENCY_CODES.get(cur, cur.upper())
                noun = f"money {code}"
            else:
                counted = _counted_noun(sent[m.end() :])
                if counted is None:
                    continue
                noun, tail_end, is_plural, restrict = counted
                if hi > 1 and not is_plural:
                    continue  # "SEA-ME-WE 4 cable", "12 Somali": a name or an adjective, not a count
                if _NAME_BEFORE.search(before):
                    continue  # "Western Europe 4", "Boeing 747": a number inside a name
            c_start = s_start + (qm.start(1) if qualifier and qm else q_start)
            c_end = s_start + m.end() + tail_end
            out.append(
                _fact_for_count(
                    doc, body, c_start, c_end, noun, noun, lo, hi, body[c_start:c_end], (s_start, s_end),
                    event_id, words, restrict=restrict, lead=lead,
                )
            )  # fmt: skip
    return out


def _counted_noun(after: str) -> tuple[str, int, bool, frozenset[str]] | None:
    """The noun a number counts and where it ends in ``after``: the last word of the run of up to
    ``COUNT_MAX_MODIFIERS`` + 1 words that follows the number, stopping at punctuation or a function
    word; None for "23 of them", "two other rifles", "150 nautical miles". Also returns the capitalised
    modifiers, which restrict the set counted ("11 Yemeni pirates", "seven AK-47 rifles")."""
    run: list[str] = []
    caps: list[bool] = []
    pos = 0
    end = 0
    for w in rules.WORD.finditer(after):
        if after[pos : w.start()].strip(" -"):
            break  # punctuation between words ends the phrase
        lw = w.group(0).lower()
        if not run and lw in rules.COUNT_SET_QUALIFIERS:
            return None
        if lw in rules.COUNT_NOUN_STOP:
            break
        run.append(lw)
        caps.append(w.group(0)[:1].isupper())
        pos = end = w.end()
        if len(run) > rules.COUNT_MAX_MODIFIERS:
            break
    if not run:
        return None
    # the head is the first plural in the run ("four armed robbers stole jewels" -> robbers), else its
    # last word ("one grenade launcher")
    plural = [
        i for i, w in enumerate(run) if w in rules.IRREGULAR_PLURALS or (len(w) > 3 and w.endswith("s"))
    ]
    if plural:
        end = _word_end(after, plural[0])
        run = run[: plural[0] + 1]
    is_plural = bool(plural)
    noun = run[-1]
    restrict = frozenset(w for w, c in zip(run[:-1], caps, strict=False) if c)
    if any(ch.isdigit() for ch in noun):
        return None
    if len(noun) > 3 and noun.endswith("ies"):
        noun = noun[:-3] + "y"
    elif len(noun) > 3 and noun.endswith("s") and not noun.endswith("ss"):
        noun = noun[:-1]
    return noun, end, is_plural, restrict


def _age_number(text: str) -> float | None:
    parts = re.split(r"[\s-]+", text.lower())
    vals = [_number(p) for p in parts]
    if any(v is None for v in vals):
        return None
    return float(sum(v for v in vals if v is not None))


def _age_fact(
    doc: str,
    body: str,
    s_start: int,
    m: re.Match[str],
    event_id: str | None,
    words: frozenset[str],
    sentence: tuple[int, int],
) -> ClaimFact | None:
    """An age claim; keyed by the person's surname when a name is attached, else like any count."""
    raw_n = m.group("n") or m.group("n2") or m.group("n3") or m.group("n4")
    n = _age_number(raw_n) if raw_n else None
    if n is None or not 0 < n <= rules.AGE_MAX:
        return None
    name = m.group("after") or m.group("before") or m.group("before2")
    start, end = s_start + m.start(), s_start + m.end()
    if name and rules.NAME_START.match(name):
        surname = name.split()[-1].lower()
        return _fact_for_count(
            doc, body, start, end, f"age:{surname}", f"age of {name}", n, n, m.group(0), sentence, None,
            words, group=f"age:{surname}",
        )  # fmt: skip
    if m.group("n3") or m.group("n4"):
        return None  # "<word> , 37 ," with no name: not an age we can place
    if m.group("after"):
        after = m.group("after").split()[0].lower()
        if after not in rules.PERSON_NOUNS:
            return None  # "a 41-year-old double murder case": the age of a thing
        end = s_start + m.start("after")
        while end > start and body[end - 1].isspace():
            end -= 1
    # whose age it is is unknown: compare only with sentences saying the same thing (never by event)
    return _fact_for_count(doc, body, start, end, "age", "age", n, n, body[start:end], sentence, None, words)


def _word_end(after: str, index: int) -> int:
    for i, w in enumerate(rules.WORD.finditer(after)):
        if i == index:
            return w.end()
    return len(after)


def _fact_for_count(
    doc: str,
    body: str,
    start: int,
    end: int,
    key: str,
    noun: str,
    lo: float,
    hi: float,
    text: str,
    sentence: tuple[int, int],
    event_id: str | None,
    words: frozenset[str],
    group: str | None = None,
    restrict: frozenset[str] = frozenset(),
    lead: bool = False,
) -> ClaimFact:
    if lo == hi:
        value = _fmt(lo)
    elif hi == float("inf"):
        value = f"at least {_fmt(lo)}"
    else:
        value = f"{_fmt(lo)}-{_fmt(hi)}"
    # counts are compared only between sentences that say the same thing; a shared event lowers the bar
    group = group or (f"~event:{event_id}:count:{key}" if event_id else f"~count:{key}")
    return _claim_fact(
        kind="count",
        group=group,
        subject=(
            f"amount ({noun.split()[1]})"
            if noun.startswith("money ")
            else noun
            if noun.startswith("age")
            else f"number: {noun}"
        ),
        doc=doc,
        value=f"{value} ({text.strip()})",
        norm=f"{lo}:{hi}",
        cite=_cite(doc, body, start, end),
        sentence=sentence,
        event_id=event_id,
        low=lo,
        high=hi,
        words=words,
        restrict=restrict,
        lead=lead,
    )


# -------------------------------------------------------------------------------------- published dates
def published_claims(clean: CleanDocument) -> list[ClaimFact]:
    """The page's crawl/listing hint date against its own best date stamp, both with raw-text spans.

    Only a disagreement is worth a record; the claims are returned when both exist.
    """
    hints = [
        c for c in clean.date_candidates if rules.DATE_HINT_RULE.search(c.rule) and c.evidence is not None
    ]
    stamps = [
        c
        for c in clean.date_candidates
        if not rules.DATE_HINT_RULE.search(c.rule)
        and not rules.NON_STAMP_RULE.search(c.rule)
        and c.evidence is not None
    ]
    if not hints or not stamps:
        return []
    hint = max(hints, key=lambda c: c.score)
    stamp = max(stamps, key=lambda c: (c.score, c.precision == "day"))
    out = []
    for cand, role in ((hint, "crawl/listing date"), (stamp, "page's own date stamp")):
        ev = cand.evidence
        assert ev is not None
        cite = Citation(doc=clean.doc_id, start=ev.start, end=ev.end, text="raw", quote=ev.text)
        out.append(
            _claim_fact(
                kind="published",
                group=f"published:{clean.doc_id}",
                subject=f"publication date of {clean.doc_id}",
                doc=clean.doc_id,
                value=f"{cand.date.isoformat()} ({role}, rule {cand.rule})",
                norm=cand.date.isoformat(),
                cite=cite,
                date_from=cand.date
                - dt.timedelta(days=rules.PUBLISHED_SLACK_DAYS if role.startswith("crawl") else 0),
                date_to=cand.date
                + dt.timedelta(days=rules.PUBLISHED_SLACK_DAYS if role.startswith("crawl") else 0),
            )
        )
    return out


# ------------------------------------------------------------------------------------------------ roles
def role_claims(clean: CleanDocument, ann: AnnotatedDocument | None) -> list[ClaimFact]:
    """Stated roles of mentioned people ("China's fourth-ranked leader"), as the annotation found them."""
    if ann is None or ann.body != clean.body:
        return []
    out = []
    for m in ann.mentions:
        if not m.role or m.role_span is None:
            continue
        s, e = m.role_span
        out.append(
            _claim_fact(
                kind="role",
                group=f"role:{m.text.lower()}",
                subject=f"role of {m.text}",
                doc=clean.doc_id,
                value=m.role,
                norm=" ".join(sorted(content_words(m.role))),
                cite=_cite(clean.doc_id, clean.body, s, e),
            )
        )
    return out
