"""Publication date: candidates from stamps, bylines, datelines, URL, metadata and the crawl hint, scored.

Precise-first, like htmldate's ladder, but every candidate is kept with its rule, score and evidence span
(offsets into the raw text) so a wrong choice can be explained. The winner is the date with the highest
total score (candidates that agree support each other a little); its evidence is its best candidate's span.

What makes a candidate strong (weights in :data:`WEIGHTS`): an explicit label before it (``Written:``,
``Published``, ``Posted on`` beat ``Updated``), a stated time and zone, standing alone on a short line near
the headline or in the byline, a weekday that agrees with the date. What makes it weak: sitting inside the
body prose or a caption, after the article (related stories, comments), a "today is" header, a copyright
line. A date that does not exist (``2024-56-23``) is never a candidate. Times keep the zone as stated: a
``03:56 PM EDT`` stamp is the date in that zone, not converted.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import compress, islice, repeat

from newsledger.records import DateCandidate, DatePrecision, Span

# ------------------------------------------------------------------------------------------ month names
_MONTH_NAMES: dict[str, int] = {}


def _add_months(names: str) -> None:
    for i, group in enumerate(names.split(";"), start=1):
        for w in group.split():
            _MONTH_NAMES[w.lower()] = i


# English (full, 3-letter, 4-letter Sept), then French, Spanish, Portuguese, Italian, German, Dutch; Russian,
# Polish, Czech and Greek in the genitive forms dates use ("28 ноября 2011").
_ENGLISH_MONTHS = frozenset(
    [
        "january",
        "jan",
        "february",
        "feb",
        "march",
        "mar",
        "april",
        "apr",
        "may",
        "june",
        "jun",
        "july",
        "jul",
        "august",
        "aug",
        "september",
        "sep",
        "sept",
        "october",
        "oct",
        "november",
        "nov",
        "december",
        "dec",
    ]
)
_add_months(
    "january jan;february feb;march mar;april apr;may;june jun;july jul;august aug;september sep sept;"
    "october oct;november nov;december dec"
)
_add_months(
    "janvier enero janeiro gennaio januar jänner januari;février fevrier febrero fevereiro febbraio februar "
    "februari;mars marzo março marco märz maerz maart;avril abril aprile;mai mayo maio maggio mei;juin junio "
    "junho giugno juni;juillet julio julho luglio juli;août aout agosto augustus;septembre septiembre "
    "setembro settembre;octobre octubre outubro ottobre oktober;novembre noviembre novembro;décembre "
    "decembre diciembre dezembro dicembre dezember"
)
_add_months(
    "января январь stycznia styczeń ledna leden ιανουαρίου;февраля февраль lutego luty února únor "
    "φεβρουαρίου;марта март marca marzec března březen μαρτίου;апреля апрель kwietnia kwiecień dubna duben "
    "απριλίου;мая май maja maj května květen μαΐου μαίου;июня июнь czerwca czerwiec června červen ιουνίου;"
    "июля июль lipca lipiec července červenec ιουλίου;августа август sierpnia sierpień srpna srpen "
    "αυγούστου;сентября сентябрь września wrzesień září σεπτεμβρίου;октября октябрь października "
    "październik října říjen οκτωβρίου;ноября ноябрь listopada listopad listopadu νοεμβρίου;декабря декабрь "
    "grudnia grudzień prosince prosinec δεκεμβρίου"
)
# Greek in the nominative (page headers: "Δεκέμβριος 20 2011")
_add_months(
    "ιανουάριος;φεβρουάριος;μάρτιος;απρίλιος;μάιος μάϊος;ιούνιος;ιούλιος;αύγουστος;σεπτέμβριος;οκτώβριος;"
    "νοέμβριος;δεκέμβριος"
)
_WEEKDAYS = {
    "monday": 0,
    "mon": 0,
    "tuesday": 1,
    "tue": 1,
    "tues": 1,
    "wednesday": 2,
    "wed": 2,
    "thursday": 3,
    "thu": 3,
    "thur": 3,
    "thurs": 3,
    "friday": 4,
    "fri": 4,
    "saturday": 5,
    "sat": 5,
    "sunday": 6,
    "sun": 6,
}

# time of day with optional seconds, am/pm and zone: "12:58 IST", "03:56 PM EDT", "10:26am (PT)", "14:47 EST"
_TIME = (
    r"(?P<time>\d{1,2}[:.]\d{2}(?::\d{2})?)\s*(?P<ampm>[ap]\.?\s?m\.?)?"
    r"(?:\s*\(?(?P<tz>(?-i:(?:UTC|GMT)(?:\s?[+-]\s?\d{1,2}(?::?\d{2})?)?|[A-Z]{1,4}T|IST|KST|JST|PKT|WIB|[+-]\d{2}:?\d{2}))\)?)?"
)
_TIME_RE = re.compile(r"(?i)^[\s,@|·\-–—at]*(?:at\s+)?" + _TIME)

# Date forms are found from their digits (few per line), then the words around them are checked: much
# faster than one big alternation tried at every position (measured: 2.8 ms -> 0.3 ms per dev page).
_DIGITS = re.compile(r"\d+")
# 2024-03-25, 2024/03/25, 2024.03.25 (a year first)
_ISO_AT = re.compile(r"((?:19|20)\d{2})([-/.])(\d{1,2})\2(\d{1,2})(?!\d)")
# 25.03.2024, 25/03/2024, 03/25/2024, 25-03-24
_NUM_AT = re.compile(r"(\d{1,2})([./-])(\d{1,2})\2((?:19|20)\d{2}|\d{2})(?![\d.]\d)")
# 2011年11月28日
_CJK_AT = re.compile(r"((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
# after a day number: "th", then "[of|de] <month>[.]" and an optional year: "23 March 2024", "25. März"
_MONTH_AFTER = re.compile(
    r"(?:st|nd|rd|th|er|\.)?\s+(?:of\s+|de\s+)?([^\W\d_]+)\.?(?:,?\s+(?:de\s+)?((?:19|20)\d{2})(?!\d))?"
)
# what follows the first number of a numeric date (_NUM_AT)
_NUM_SEPARATORS = frozenset("./-")
# what may follow a day number that _MONTH_AFTER matches after: a suffix's first character or "."
_AFTER_DAY = frozenset("snrte.")
# after "<month> <day>": "th", then ", 2024"
_YEAR_AFTER = re.compile(r"(?:st|nd|rd|th)?(?:,?\s+((?:19|20)\d{2})(?!\d))?")
# a weekday right before a day number: "Saturday, 23 March"
_WEEKDAY_BEFORE = re.compile(r"([^\W\d_]+)\.?,?\s+$")

# a label right before the date on the same line
_LABEL_RE = re.compile(
    r"(?i)(?P<label>published|posted|written|created|released|issued|date|dated|updated|modified|"
    r"last updated|last modified|opublikowano|опубликовано|публикация|дата|publié|publicado|veröffentlicht|"
    r"aktualisiert|发布时间|发布|更新|日期|時間|时间)\b(?:\s+[^\W\d]{1,12}){0,2}?\s*(?:on|at|:|：|-|—)?\s*$"
)
_TODAY_RE = re.compile(r"(?i)(?:today|сегодня|dziś|dzisiaj|今天|aujourd'hui|hoy|heute)\s*(?:is)?\s*[:,]?\s*$")
_DIGIT = re.compile(r"\d")
_BY_RE = re.compile(r"(?:^|\|\s*|\b)(?:[Bb]y|BY)\s+[A-Z]")
_BULLET_HEADS = frozenset(("* ", "+ ", "- ", "• ", "o ", "· "))
_COPYRIGHT_RE = re.compile(r"(?i)(?:©|\(c\)|copyright)")
_URL_DATE_RE = re.compile(r"/((?:19|20)\d{2})[/-](\d{1,2})(?:[/-](\d{1,2}))?(?:/|\b)")
_ISO_META_RE = re.compile(
    r"((?:19|20)\d{2})-(\d{2})-(\d{2})(?:[T ](\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?"
)

# ---------------------------------------------------------------------------------------------- weights
# Set by reading the dev pages' date stamps (eval/clean_dates.json) and examples/corpus; see eval_clean.py.
WEIGHTS = {
    "base": 1.0,
    "label_published": 3.0,  # Published / Posted / Written / Date: the page says what the date is
    "label_updated": 1.5,  # Updated / Modified: a publication-ish stamp, weaker than "published"
    "time": 1.0,  # a stated time of day: stamps have times, prose dates rarely do
    "tz": 0.5,
    "year": 1.0,  # a full date beats a "March 25" without a year
    "standalone": 1.5,  # the date is most of a short line (a stamp, not a sentence)
    "byline": 1.5,  # on the byline line
    "near_start": 1.5,  # within a few lines before the body start or on its first line
    "dateline": 1.5,  # "Seoul, March 25" opening the first paragraph
    "in_body": -2.0,  # inside the body prose (beyond the first line)
    "caption": -2.0,
    "after_body": -2.0,
    "today_header": -1.5,
    "copyright": -4.0,
    "weekday_mismatch": -3.0,
    "weekday_match": 0.5,
    "future": -3.0,
    "hint": 0.8,  # the page-dump " date" crawl hint: a fallback, not evidence
    "meta": 4.0,  # JSONL "published" / HTML metadata
    "url": 2.5,
    "agree": 0.3,  # each further candidate of the same date adds this share of its own score...
    "agree_cap": 1.0,  # ...up to this much in all (a list of sidebar or comment dates must not outvote)
    "list_item": -1.5,  # in a bulleted line: a sidebar or related-stories entry
}
# the few lines right after the body (a post's "October 07, 2012 in News | Permalink" footer) are not yet
# "after the body" (related lists and comments start further down)
AFTER_BODY_GRACE = 3
# a line shape seen this many times with different digits is a list of dates, not one stamp
LIST_TEMPLATE_REPEATS = 3
# a line longer than this is prose: a date inside it is what the article talks about, not when it appeared
PROSE_LINE_CHARS = 150
# latest plausible publication date relative to the newest other evidence (crawl hint), in days
FUTURE_SLACK_DAYS = 2


@dataclass(slots=True)
class LineContext:
    """Where each line stands relative to the article: index of its first body line, last, and roles."""

    body_first: int | None
    body_last: int | None
    captions: frozenset[int]
    bylines: frozenset[int]
    dateline_line: int | None
    # the first comment head below the article: dates from there on are comments' (no grace after the body)
    comments_from: int | None = None


def _year2(y: int) -> int:
    return y + 2000 if y < 50 else y + 1900 if y < 100 else y


def _valid(y: int, m: int, d: int) -> dt.date | None:
    if not (1900 <= y <= 2100):
        return None
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


@dataclass(slots=True)
class _Match:
    start: int
    end: int
    year: int | None
    month: int
    day: int
    weekday: int | None
    alt: tuple[int, int] | None = None  # (month, day) read the other way round, for 03/04/2024


def _month(word: str) -> int | None:
    """Month number of a month name; English names must be capitalised ("may" is a verb, "May" a month)."""
    low = word.lower()
    month = _MONTH_NAMES.get(low)
    if month is not None and low in _ENGLISH_MONTHS and not word[0].isupper():
        return None
    return month


def _word_before(line: str, pos: int, allow_comma: bool = False) -> tuple[str, int] | None:
    """The word of letters just before ``pos`` ("March" in "March 25", "Saturday" in "Saturday, 23"),
    separated from it by whitespace (and an optional "." or, with ``allow_comma``, ","), and its start."""
    j = pos
    if j == 0 or not line[j - 1].isspace():
        return None
    while j > 0 and line[j - 1].isspace():
        j -= 1
    if j > 0 and (line[j - 1] == "." or (allow_comma and line[j - 1] == ",")):
        j -= 1
        if j > 0 and line[j - 1] == ".":
            j -= 1
    end = j
    while j > 0 and line[j - 1].isalpha():
        j -= 1
    if j == end or end - j > 12 or (j > 0 and (line[j - 1].isalnum() or line[j - 1] == "_")):
        return None
    return line[j:end], j


def scan_dates(line: str, slash_month_first: bool = True) -> list[_Match]:
    """Every date written in ``line`` (day precision; ``year`` None when the text gives none).

    Forms: ISO-like ``2024-03-25``; numeric ``25.03.2024`` / ``03/25/2024`` (dots are day-first, slashes
    follow ``slash_month_first`` unless a part exceeds 12); ``[Weekday,] Month D[, YYYY]``;
    ``[Weekday,] D [of] Month [YYYY]`` (many languages' month names); ``YYYY年M月D日``. Day and month are
    validated by the caller; nothing here turns ``2024-56-23`` into a date.
    """
    out: list[_Match] = []
    pos_done = 0
    cjk = "年" in line
    for dm in _DIGITS.finditer(line):
        s, e = dm.start(), dm.end()
        if s < pos_done or (s > 0 and (line[s - 1].isalnum() or line[s - 1] in "/.-:")):
            continue
        # a year-first form starts with a run of exactly four digits, 19xx or 20xx; a numeric day-first or
        # month-first one with a run of one or two (then a separator): the other patterns cannot match
        if e - s == 4:
            if line.startswith(("19", "20"), s):
                m = _ISO_AT.match(line, s)
                if m:
                    out.append(_Match(s, m.end(), int(m.group(1)), int(m.group(3)), int(m.group(4)), None))
                    pos_done = m.end()
                    continue
                m = _CJK_AT.match(line, s) if cjk else None
                if m:
                    out.append(_Match(s, m.end(), int(m.group(1)), int(m.group(2)), int(m.group(3)), None))
                    pos_done = m.end()
                    continue
            continue
        if e - s > 2:
            continue
        m = _NUM_AT.match(line, s) if line[e : e + 1] in _NUM_SEPARATORS else None
        if m:
            a, b, y = int(m.group(1)), int(m.group(3)), _year2(int(m.group(4)))
            if m.group(2) == "." or a > 12:
                day, month = a, b
            elif b > 12 or slash_month_first:
                month, day = a, b
            else:
                day, month = a, b
            alt = (day, month) if m.group(2) != "." and a <= 12 and b <= 12 and a != b else None
            out.append(_Match(s, m.end(), y, month, day, None, alt))
            pos_done = m.end()
            continue
        day = int(line[s:e])
        # "<month> <day>" (a word needs whitespace before the day)
        mb = _word_before(line, s) if line[s - 1 : s].isspace() else None
        bmonth = _month(mb[0]) if mb else None
        if mb and bmonth is not None:
            month = bmonth
            if line[e : e + 1] != ":":
                ym = _YEAR_AFTER.match(line, e)
                year = int(ym.group(1)) if ym and ym.group(1) else None
                end = ym.end() if ym else e
                wb = _word_before(line, mb[1], allow_comma=True)
                wd = _WEEKDAYS.get(wb[0].lower()) if wb else None
                start = wb[1] if (wb and wd is not None) else mb[1]
                out.append(_Match(start, end, year, month, day, wd))
                pos_done = end
                continue
        # "<day> [of] <month> [year]" (after the day: whitespace, or the first character of a suffix)
        nxt = line[e : e + 1]
        am = _MONTH_AFTER.match(line, e) if nxt.isspace() or nxt in _AFTER_DAY else None
        if am:
            month2 = _month(am.group(1))
            if month2 is not None:
                month = month2
                year = int(am.group(2)) if am.group(2) else None
                end = (
                    am.end()
                    if year is not None
                    else am.end(1) + (1 if line[am.end(1) : am.end(1) + 1] == "." else 0)
                )
                wm = _WEEKDAY_BEFORE.search(line, max(0, s - 15), s)
                wd = _WEEKDAYS.get(wm.group(1).lower()) if wm else None
                start = wm.start() if wd is not None and wm else s
                out.append(_Match(start, end, year, month, day, wd))
                pos_done = end
                continue
    return out


@lru_cache(maxsize=4096)
def _scanned(line: str, slash_month_first: bool) -> tuple[_Match, ...]:
    """:func:`scan_dates`, remembered for the page being cleaned: its stamp tests (:func:`find_dates`) and
    :func:`text_candidates` scan many of the same lines (the matches are never changed)."""
    return tuple(scan_dates(line, slash_month_first))


def new_page() -> None:
    """Forget the scans of the previous page. Lines rarely repeat across pages, and what is remembered
    stays one page's (the benchmarks' cycled example pages are not measured on remembered scans)."""
    _scanned.cache_clear()


def find_dates(line: str) -> list[tuple[int, int]]:
    """Spans of the (valid) dates written in ``line``."""
    return [
        (m.start, m.end) for m in _scanned(line, True) if _valid(m.year or 2000, m.month, m.day) is not None
    ]


@dataclass(slots=True)
class _Cand:
    date: dt.date
    precision: DatePrecision
    rule: str
    score: float
    start: int
    end: int
    time: str | None = None
    tz: str | None = None
    needs_year: bool = False
    alt_date: dt.date | None = None  # the other reading of an ambiguous 03/04/2024


_TEMPLATE_DIGITS = re.compile(r"\d")


def _template(line: str) -> str:
    return _TEMPLATE_DIGITS.sub("0", line[:40])


def text_candidates(
    text: str,
    starts: Sequence[int],
    ends: Sequence[int],
    lines: Sequence[str],
    ctx: LineContext,
    *,
    slash_month_first: bool = True,
    max_lines: int = 400,
    digit_at: Sequence[int] | None = None,
) -> list[_Cand]:
    """Date candidates found in the lines of a page dump (offsets into ``text``). ``digit_at``: where each
    line's first digit is (-1: none), when the caller knows (the line features)."""
    out: list[_Cand] = []
    n = len(lines)
    first = ctx.body_first if ctx.body_first is not None else 0
    last = ctx.body_last if ctx.body_last is not None else n - 1
    # lines of one template ("Post date: 00/00/0000 - 00:00", a comment's "August 0, 0000 at 0:00 pm")
    # repeated down the page are a list: sidebars, archives, comments
    m = min(n, max_lines)
    if digit_at is not None:
        first_digit = digit_at[:m]
        digit_lines = [i for i, k in enumerate(first_digit) if 0 <= k < 600]
    else:
        digit_lines = list(compress(range(m), map(_DIGIT.search, islice(lines, m), repeat(0), repeat(600))))
    templates: Counter[str] | None = None  # counted when the first candidate needs them
    for i in digit_lines:
        line = lines[i]
        in_body_prose = ctx.body_first is not None and first < i <= last and len(line) > 200
        # long body paragraphs: only their opening (a dateline) is worth scanning
        scan = line[:120] if in_body_prose else line[:600]
        if in_body_prose and (first_digit[i] >= 120 if digit_at is not None else _DIGIT.search(scan) is None):
            continue
        for pm in _scanned(scan, slash_month_first):
            cand = _score_line_match(text, starts[i], line, i, pm, ctx, first, last, in_body_prose)
            if cand is None:
                continue
            if len(line) <= 120:
                if templates is None:
                    templates = Counter(_template(lines[j]) for j in digit_lines if len(lines[j]) <= 120)
                if templates[_template(line)] >= LIST_TEMPLATE_REPEATS:
                    cand.score += WEIGHTS["list_item"]
                    cand.rule += "+repeated"
            out.append(cand)
    return out


def _score_line_match(
    text: str,
    line_start: int,
    line: str,
    i: int,
    pm: _Match,
    ctx: LineContext,
    first: int,
    last: int,
    in_body_prose: bool,
) -> _Cand | None:
    w = WEIGHTS
    year = pm.year
    needs_year = year is None
    d = _valid(year if year is not None else 2000, pm.month, pm.day)  # 2000 is a leap year: Feb 29 passes
    if d is None:
        return None
    score = w["base"]
    rules: list[str] = []
    before = line[max(0, pm.start - 40) : pm.start]
    after = line[pm.end : pm.end + 40]
    lab = _LABEL_RE.search(before)
    if lab:
        label = lab.group("label").lower()
        if label in ("updated", "modified", "last updated", "last modified", "aktualisiert", "更新"):
            score += w["label_updated"]
            rules.append("label_updated")
        else:
            score += w["label_published"]
            rules.append("label_published")
    tm = _TIME_RE.match(after)
    time_s: str | None = None
    tz: str | None = None
    if tm:
        hh, mm = (int(x) for x in re.split(r"[:.]", tm.group("time"))[:2])
        ampm = (tm.group("ampm") or "").lower().replace(".", "").replace(" ", "")
        if ampm == "pm" and hh < 12:
            hh += 12
        elif ampm == "am" and hh == 12:
            hh = 0
        if hh < 24 and mm < 60:
            time_s = f"{hh:02d}:{mm:02d}"
            score += w["time"]
            rules.append("time")
            if tm.group("tz"):
                tz = tm.group("tz").upper()
                score += w["tz"]
    if not needs_year:
        score += w["year"]
    covered = pm.end - pm.start + (tm.end() if tm else 0)
    if len(line) <= 80 and covered >= 0.4 * len(line.strip(" |,-")):
        score += w["standalone"]
        rules.append("standalone")
    if i in ctx.bylines or _BY_RE.search(line[: pm.start]):
        score += w["byline"]
        rules.append("byline")
    is_dateline = ctx.dateline_line == i and pm.start < 60
    if is_dateline:
        score += w["dateline"]
        rules.append("dateline")
    elif ctx.body_first is not None:
        prose = len(line) > PROSE_LINE_CHARS
        if first <= i <= last and prose:
            score += w["in_body"]
            rules.append("in_body")
        elif first - 8 <= i <= first:
            score += w["near_start"]
            rules.append("near_start")
        elif i > last + AFTER_BODY_GRACE or (ctx.comments_from is not None and i >= ctx.comments_from):
            score += w["after_body"]
            rules.append("after_body")
    if line[:2] in _BULLET_HEADS:
        score += w["list_item"]
        rules.append("list_item")
    if i in ctx.captions:
        score += w["caption"]
        rules.append("caption")
    if _TODAY_RE.search(before):
        score += w["today_header"]
        rules.append("today_header")
    if _COPYRIGHT_RE.search(line[max(0, pm.start - 20) : pm.start]):
        score += w["copyright"]
        rules.append("copyright")
    if pm.weekday is not None and not needs_year:
        if d.weekday() == pm.weekday:
            score += w["weekday_match"]
        else:
            score += w["weekday_mismatch"]
            rules.append("weekday_mismatch")
    start = line_start + pm.start
    end = line_start + pm.end
    if text[start:end] != line[pm.start : pm.end]:  # defensive: offsets must slice back
        return None
    alt_date = _valid(year, pm.alt[0], pm.alt[1]) if (pm.alt and year is not None) else None
    return _Cand(
        alt_date=alt_date,
        date=d,
        precision=DatePrecision.DAY,
        rule="+".join(["text", *rules]),
        score=score,
        start=start,
        end=end,
        time=time_s,
        tz=tz,
        needs_year=needs_year,
    )


def hint_candidate(hint: Span | None) -> _Cand | None:
    if hint is None:
        return None
    m = _ISO_META_RE.fullmatch(hint.text)
    if not m:
        return None
    d = _valid(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    if d is None:
        return None
    return _Cand(d, DatePrecision.DAY, "crawl_hint", WEIGHTS["hint"], hint.start, hint.end)


def iso_candidate(value: str | None, rule: str, text: str, score: float) -> _Cand | None:
    """A candidate from an ISO date/datetime string (JSONL ``published``, HTML metadata); evidence is its
    first occurrence in ``text`` (None when the text does not hold it)."""
    if not value:
        return None
    m = _ISO_META_RE.search(value)
    if not m:
        return None
    d = _valid(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    if d is None:
        return None
    pos = text.find(m.group(0)) if text else -1
    if pos < 0:
        pos = text.find(m.group(0)[:10]) if text else -1
        span_len = 10
    else:
        span_len = len(m.group(0))
    start, end = (pos, pos + span_len) if pos >= 0 else (-1, -1)
    return _Cand(d, DatePrecision.DAY, rule, score, start, end, time=m.group(4), tz=m.group(5))


def url_candidate(url: str | None, text: str) -> _Cand | None:
    if not url:
        return None
    m = _URL_DATE_RE.search(url)
    if not m:
        return None
    y, mo = int(m.group(1)), int(m.group(2))
    if m.group(3):
        d = _valid(y, mo, int(m.group(3)))
        prec = DatePrecision.DAY
    else:
        d = _valid(y, mo, 1)
        prec = DatePrecision.MONTH
    if d is None:
        return None
    pos = text.find(url) if text else -1
    start, end = (pos + m.start(), pos + m.end()) if pos >= 0 else (-1, -1)
    return _Cand(d, prec, "url", WEIGHTS["url"] - (1.0 if prec is DatePrecision.MONTH else 0.0), start, end)


def choose(cands: list[_Cand], text: str) -> tuple[DateCandidate, ...]:
    """Fill missing years, score agreement, and return all candidates as records, winner first."""
    full = [c for c in cands if not c.needs_year]
    ref_year: int | None = None
    if full:
        ref_year = max(full, key=lambda c: c.score).date.year
    resolved: list[_Cand] = []
    for c in cands:
        if c.needs_year:
            if ref_year is None:
                continue
            d = _valid(ref_year, c.date.month, c.date.day)
            if d is None:
                continue
            c.date = d
            c.rule += "+year_inferred"
        resolved.append(c)
    # an ambiguous 03/04/2024 takes the reading another (unambiguous) candidate confirms
    firm = {c.date for c in resolved if c.alt_date is None}
    for c in resolved:
        if c.alt_date is not None and c.date not in firm and c.alt_date in firm:
            c.date, c.alt_date = c.alt_date, c.date
            c.rule += "+day_first"
    # a date later than the crawl hint (plus slack) is not a publication date of this page
    hints = [c for c in resolved if c.rule == "crawl_hint"]
    if hints:
        limit = max(h.date for h in hints) + dt.timedelta(days=FUTURE_SLACK_DAYS)
        for c in resolved:
            if c.date > limit:
                c.score += WEIGHTS["future"]
                c.rule += "+future"
    totals: dict[dt.date, float] = {}
    best: dict[dt.date, _Cand] = {}
    support: dict[dt.date, float] = {}
    for c in sorted(resolved, key=lambda c: -c.score):
        if c.date in totals:
            support[c.date] = min(
                support[c.date] + WEIGHTS["agree"] * max(c.score, 0.0), WEIGHTS["agree_cap"]
            )
        else:
            totals[c.date] = c.score
            support[c.date] = 0.0
            best[c.date] = c
    for d in totals:
        totals[d] += support[d]
    if not totals:
        return ()
    order = sorted(totals, key=lambda d: (-totals[d], -best[d].score, d))
    winner = best[order[0]]
    rest = sorted((c for c in resolved if c is not winner), key=lambda c: (-c.score, c.start))
    out: list[DateCandidate] = []
    for c in (winner, *rest):
        ev = Span(start=c.start, end=c.end, text=text[c.start : c.end]) if c.start >= 0 else None
        score = totals[c.date] if c is winner else c.score
        out.append(
            DateCandidate(
                date=c.date,
                precision=c.precision,
                rule=c.rule,
                score=round(score, 3),
                evidence=ev,
                time=c.time,
                tz=c.tz,
            )
        )
    return tuple(out)
