"""The regular grammar: one compiled pattern per rule, built from the word lists in ``rules.py``.

Each rule is ``(name, pattern, priority)``; the extractor runs every pattern over the text, keeps the
candidates a rule's guard accepts, and chooses the longest non-overlapping ones (ties: lower priority
number first). Patterns are case-insensitive; capitalisation checks are done in the guards.
"""

from __future__ import annotations

import re

from newsledger.annotate.timex import rules


def _alt(words: object) -> str:
    ws = sorted({str(w) for w in words}, key=len, reverse=True)  # type: ignore[attr-defined]
    return "|".join(re.escape(w).replace(r"\ ", r"\s+").replace("'", "['’]") for w in ws)


_MONTH_FULL = _alt(w for w in rules.MONTHS if len(w) > 3 or w == "may")
_MONTH_ABBR = _alt(w for w in rules.MONTHS if len(w) <= 4 and w != "may" and w not in ("june", "july"))


def month(name: str) -> str:
    """A month name or abbreviation (``Sept.``), captured as ``name``."""
    return rf"(?P<{name}>(?:{_MONTH_FULL})\b|(?:{_MONTH_ABBR})(?:\b\.|\b))"


def month_full(name: str) -> str:
    return rf"(?P<{name}>(?:{_MONTH_FULL}))\b"


_WD_FULL = _alt(w for w in rules.WEEKDAYS if len(w) > 5)
_WD_ANY = _alt(rules.WEEKDAYS)


def weekday(name: str) -> str:
    return rf"(?P<{name}>{_WD_FULL})\b"


def weekday_any(name: str) -> str:
    return rf"(?P<{name}>(?:{_WD_FULL})\b|(?:{_WD_ANY})\b\.?)"


def day(name: str) -> str:
    return rf"(?P<{name}>[0-3]?\d)(?:st|nd|rd|th)?\b"


def year(name: str) -> str:
    return rf"(?P<{name}>(?:1[0-9]|20)\d\d)(?![\d,.]\d)\b"


_ZONE_WORDS = _alt(z for z in rules.ZONES if len(z) > 1)


def zone(name: str) -> str:
    return (
        rf"(?:\s*\(?(?P<{name}>(?:{_ZONE_WORDS})(?:\s*[+-]\s*\d{{1,2}}(?::?\d\d)?)?\b"
        rf"|[+-]\d\d:?\d\d\b)\)?)?"
    )


_AMPM = r"(?:a\.\s?m\.|p\.\s?m\.|am\b|pm\b|a\.m\b|p\.m\b)"


def clock(sfx: str) -> str:
    """A clock time: ``10 p.m.``, ``03:56 PM``, ``13:14:17``, ``noon``; groups end with ``sfx``."""
    h, mi, s, ap, nm = f"h{sfx}", f"mi{sfx}", f"s{sfx}", f"ap{sfx}", f"nm{sfx}"
    return (
        rf"(?:(?P<{h}>[01]?\d|2[0-3])(?:[:.](?P<{mi}>[0-5]\d)(?::(?P<{s}>[0-5]\d))?)?\s*(?P<{ap}>{_AMPM})"
        rf"|(?P<{h}b>[01]?\d|2[0-3]):(?P<{mi}b>[0-5]\d)(?::(?P<{s}b>[0-5]\d))?(?!\d)(?!\s*%)"
        rf"|(?P<{nm}>noon|midnight|midday))"
    ) + zone(f"z{sfx}")


# ------------------------------------------------------------------------------------------ numbers
_NUMWORD = _alt([*rules.SMALL_NUMBERS, *rules.TENS, *rules.SCALES, "dozen"])
_NUMWORDS = rf"(?:{_NUMWORD})\b(?:(?:\s+and\s+|[\s-]+)(?:{_NUMWORD})\b)*(?:\s+and\s+a\s+half\b)?"
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?(?:\s+1/2|½)?"
_VAGUE = _alt(rules.VAGUE_QUANTITIES)
NUM = (
    rf"(?P<num>(?:{_DIGITS})(?:\s+and\s+a\s+half\b)?|{_NUMWORDS}|(?:a|an)\s+(?:hundred|thousand|dozen)\b|(?:a\s+)?couple(?:\s+of)?"
    rf"|(?:{_VAGUE})\b(?:\s+(?:{_NUMWORDS}))?|an?\b(?:\s+(?:{_VAGUE})\b)?)"
)
_UNIT_WORDS = [
    w for w in [*rules.UNITS, *rules.UNIT_PLURALS] if w not in ("sec", "min", "hr", "secs", "mins", "hrs")
]
UNIT = rf"(?P<unit>{_alt(_UNIT_WORDS)})\b"
_DUR_MODS = _alt(rules.DURATION_MODS)
_ORD = _alt(rules.ORDINALS)

_POINT_MOD = (
    r"(?P<pmod>early|late|mid-?|earlier|later|the\s+(?:beginning|start|middle|end|close|early\s+part"
    r"|latter\s+part|first\s+days|last\s+days)\s+of)"
)

RULES: list[tuple[str, str, int]] = []


def _rule(name: str, pattern: str, priority: int = 5) -> None:
    RULES.append((name, pattern, priority))


# ISO-style dates and date-times: 2024-03-31, 2024-03-31 13:14:17, 2024/03/31
_rule(
    "iso_date",
    r"\b(?P<y>\d{4})(?P<sep>[-/])(?P<mo>\d{1,2})(?P=sep)(?P<d>\d{1,2})"
    r"(?:(?:T|\s+)(?P<h>[01]\d|2[0-3]):(?P<mi>[0-5]\d)(?::(?P<s>[0-5]\d))?(?:\.\d+)?"
    r"(?P<z>Z|[+-]\d\d:?\d\d)?)?(?![\d/-])",
    1,
)
# numeric day-month orders: 03/25/2024 (US), 25.03.2024, 25/03/2024
_rule(
    "numeric_date",
    r"(?<![\d./-])(?P<a>[0-3]?\d)(?P<sep>[/.])(?P<b>[0-3]?\d)(?P=sep)(?P<y>\d{4}|\d{2})(?!\d)(?![./]\d)"
    rf"(?:,?\s+(?:at\s+)?{clock('t')})?",
    2,
)
# Month-day-year, day-month-year, optional weekday before and clock time after
_rule(
    "full_date",
    rf"\b(?:{weekday_any('wd')},?\s+(?:the\s+)?)?"
    rf"(?:{month('m1')}\s*{day('d1')}(?:(?:,\s*|\s+)(?:of\s+)?{year('y1')})?"
    rf"|(?:the\s+)?{day('d2')}\s*(?:of\s+)?{month('m2')}(?:,?\s+{year('y2')})?)"
    rf"(?:(?:,?\s+|\s*[-–|]\s*|\s+at\s+){clock('t')})?",
    2,
)
# Month and year, or month with a relative year: March 2024, January this year, June last year
_rule(
    "month_year",
    rf"\b(?:{_POINT_MOD}\s*)?{month('m')}(?:,?\s+(?:of\s+)?{year('y')}"
    r"|\s+(?P<ry>this|last|next)\s+year\b)",
    3,
)
# A bare month, perhaps with a modifier or relative word: "in December", "last April", "mid-November"
_rule(
    "month",
    rf"\b(?:{_POINT_MOD}\s*)?(?:(?P<rel>last|this|next|this\s+past|this\s+coming|past|coming)\s+)?"
    rf"{month_full('m')}(?!\s*\d)(?!['’]s)",
    6,
)
# Weekday ranges: "from Monday to Thursday", "Monday-Wednesday"
_rule(
    "weekday_range",
    rf"\b(?:from\s+|between\s+)?{weekday('w1')}\s*(?P<conj>to|through|thru|until|till|-|–|and)\s*"
    rf"(?:{weekday('w2')})(?!['’]s\s)(?!\s+(?:morning|afternoon|evening|night)s\b)",
    2,
)
# Weekdays with relative words and parts of day: "last Friday", "Friday night", "Thursday's"
_rule(
    "weekday",
    rf"\b(?:(?P<pre>earlier|later)\s+(?:on\s+)?)?(?:(?P<pmod>early|late)\s+)?"
    rf"(?:(?P<rel>last|this|next|this\s+past|this\s+coming|coming|past)\s+)?(?P<w>{_WD_FULL})(?P<plural>s)?\b(?:\s+(?P<pod>morning|afternoon|evening|night|overnight)(?P<pods>s)?\b)?",
    5,
)
# Today, yesterday, tonight ... with parts of day
_rule(
    "relative_day",
    r"\b(?:(?P<pre>earlier|later)\s+)?(?:(?P<pmod>early|late)\s+)?(?:(?P<rd>the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow"
    r"|yesterday|today|tomorrow|tonight|last\s+night|this\s+(?:morning|afternoon|evening))(?!['’]s\s+(?:\w+\s+)?(?:paper|edition|issue))"
    r"(?:\s+(?P<pod>morning|afternoon|evening|night))?)\b",
    4,
)
# this/last/next + unit: "this week", "last month", "early this year", "the past year", "this weekend"
_rule(
    "relative_unit",
    rf"\b(?:{_POINT_MOD}\s*)?(?P<rel>this|last|next|past|coming|previous|current|the\s+current"
    r"|the\s+past|the\s+last|the\s+next|the\s+coming|the\s+previous|this\s+past|the\s+same)\s+"
    r"(?P<u>week|weekend|month|year|quarter|decade|century|spring|summer|fall|autumn|winter"
    r"|fiscal\s+year|season)\b(?!-)"
    # "the last week of March" is a week of March, not last week; "the next year or so" is APPROX
    rf"(?!\s+of\s+(?:{_MONTH_FULL}|\d))(?P<orso>\s+or\s+so\b)?",
    4,
)
# the year before/ago style durations, durations and ago-dates: "three-day", "the past three months",
# "two years ago", "a year earlier", "nearly forty years"
_rule(
    "duration",
    rf"\b(?:(?P<mod>{_DUR_MODS})\s+)?(?:(?P<det>the)\s+)?"
    r"(?:(?P<rel>past|last|next|first|previous|coming|following|final|latest|recent|remaining|initial"
    r"|prior|entire|full|whole|same|other|additional|further|extra)\s+)?"
    rf"{NUM}(?:\s+|-)(?:(?P<adj>long|full|straight|consecutive|more|additional|further|extra)\s+)?{UNIT}"
    r"(?!-old|\s+old\b)(?P<ahalf>\s+and\s+a\s+half\b)?(?P<orso>\s+or\s+so\b)?"
    r"(?:\s+(?P<tail>ago|earlier|later|from\s+now|hence|back)\b)?",
    5,
)
# half a day, half an hour
_rule(
    "half_unit",
    rf"\b(?:(?P<mod>{_DUR_MODS})\s+)?half\s+(?:an?\s+)?{UNIT}(?:\s+(?P<tail>ago|earlier|later)\b)?",
    5,
)
# vague plural units after a preposition: "for years", "over decades"
_rule(
    "vague_units",
    r"\b(?:for|over|in|within|after|during|following|of|from)\s+"
    r"(?P<span>(?P<u>years|months|weeks|days|decades|centuries|hours|minutes))\b(?!\s+(?:ago|earlier|later|old))",
    7,
)
# "recent years", "the coming months"
_rule(
    "recent_units",
    r"\b(?P<span>(?P<det>the\s+)?(?P<rel>recent|coming|past|next|last|previous|few|several|many)\s+"
    r"(?P<u>years|months|weeks|days|decades|hours))\b(?!\s+(?:ago|earlier|later))",
    6,
)
# years: 2019, fiscal 1989, the year 2000, mid-2019, the end of 1990
_rule(
    "year",
    rf"(?:\b{_POINT_MOD}\s*|\b)(?P<fy>fiscal\s+(?:year\s+)?|the\s+year\s+|FY\s?)?{year('y')}"
    r"(?:\s*[-–/]\s*(?P<y2>\d{4}|\d{2})\b)?",
    6,
)
_rule(
    "spelled_year",
    r"\b(?:the\s+year\s+)?(?P<sy>nineteen(?:\s+|-)(?:hundred|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen"
    r"|seventeen|eighteen|nineteen|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
    r"(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine)\b)?)|two\s+thousand(?:\s+and)?"
    r"(?:\s+(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen"
    r"|sixteen|seventeen|eighteen|nineteen|twenty)\b)?)\b",
    7,
)
# decades: the 1990s, the late 1970s, the '80s, the nineties
_rule(
    "decade",
    rf"\b(?:(?P<det>the)\s+)?(?:{_POINT_MOD}[\s-]*)?(?P<dec>(?:1\d|20)\d0['’]?s\b|['’]\d0s\b"
    r"|(?:twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)\b)",
    5,
)
# centuries: the 20th century, the twenty-first century, this century
_rule(
    "century",
    rf"\b(?:(?P<det>the|this|last|next)\s+)?(?:{_POINT_MOD}\s*)?"
    r"(?P<c>\d{1,2}(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth"
    r"|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth"
    r"|twentieth|twenty[\s-]first)?[\s-]*century\b",
    5,
)
# quarters and halves: the third quarter, third-quarter, Q3 2024, the first half of 1990
_rule(
    "quarter",
    rf"\b(?:(?P<det>the|its|their|(?:this|last|next)\s+year['’]s|(?:fiscal\s+)?{year('yd')}['’]s"
    r"|(?:the\s+)?(?:comparable\s+)?year[-\s](?:earlier|ago))\s+)?(?:(?P<fis>fiscal|calendar)\s+)?"
    rf"(?:{year('y0')}\s+)?(?P<q>first|second|third|fourth|1st|2nd|3rd|4th|final|last)[\s-]+(?:fiscal[\s-]+)?"
    r"(?P<u>quarter|half|quarters)\b(?!\s+of\s+(?:a|an|the|all|its|their|his|her)\b)"
    r"(?!\s+of\s+(?!(?:fiscal|calendar|this|last|next)\b)[a-z])"
    rf"(?:\s+(?:of\s+)?(?:(?:fiscal|calendar)\s+)?(?:{year('y')}|(?P<ry>this|last|next)\s+year\b))?",
    4,
)
_rule("quarter_q", rf"\b(?P<q>Q[1-4]|[1-4]Q|H[12])(?:\s*[-/']?\s*(?:{year('y')}|(?P<y2>\d\d)\b))?", 5)
# periods relative to the last stated date: the following year, that month, the end of the year
_rule(
    "ref_unit",
    rf"\b(?:(?P<pre>earlier|later)\s+(?:in\s+)?)?(?:{_POINT_MOD}\s*)?(?P<det>the\s+following|the\s+previous"
    r"|the\s+preceding|that|the\s+same|the)\s+(?:(?P<fy>full|fiscal|calendar)\s+)?(?P<u>year|month|week|quarter"
    r"|decade)\b(?!-)",
    6,
)
_rule("year_end", r"\b(?:(?P<mod>around|about|by)\s+)?(?P<span>year[-\s]end)\b", 6)
# the weekend (resolved by tense); "over" in "over the weekend" is a preposition, outside the span (TimeML)
_rule("the_weekend", r"\b(?:(?P<pmod>early|late)\s+)?(?:the|this|last|next)\s+weekend\b", 6)
# anaphoric periods in financial reporting: the quarter, the latest quarter, the year-earlier period
_rule(
    "ref_period",
    r"\b(?:(?P<det>the|a|its|their)\s+)?(?:comparable\s+)?(?P<rel>year-ago|year-earlier|year\s+ago|year\s+earlier|latest|recent"
    r"|current|same|previous|prior|latest\s+fiscal|fiscal|just-ended|just\s+ended|most\s+recent)?"
    r"\s*(?P<u>quarter|period)\b(?!\s+of\b)(?!-)",
    8,
)
_rule("year_ago_adj", r"\b(?P<rel>year-ago|year-earlier)\b", 9)
# seasons: this summer, last fall, the summer of 2019, winter 2023
_rule(
    "season",
    rf"\b(?:{_POINT_MOD}\s*)?(?:(?P<rel>this|last|next|this\s+past|this\s+coming|past|coming|the|early|late)\s+)?"
    rf"(?P<s>spring|summer|fall|autumn|winter)(?:\s+(?:of\s+)?{year('y')})?\b",
    6,
)
# holidays
_rule(
    "holiday",
    r"\b(?P<hol>christmas\s+eve|christmas\s+day|christmas|new\s+year['’]s\s+(?:day|eve)|halloween"
    r"|valentine['’]s\s+day|boxing\s+day|thanksgiving(?:\s+day)?|good\s+friday|easter(?:\s+sunday|\s+monday)?"
    rf"|palm\s+sunday|ash\s+wednesday|black\s+friday|cyber\s+monday)\b(?:\s+{year('y')})?",
    3,
)
# references: now, currently, recently, the future ...
_rule(
    "ref",
    r"\b(?:in\s+)?(?P<ref>now|currently|current|nowadays|at\s+present|presently|these\s+days|at\s+the\s+moment"
    r"|recently|lately|formerly|(?<=in\s)the\s+past|the\s+(?:near\s+|distant\s+)?future"
    r"|the\s+present|the\s+(?:near|short|long)\s+term(?!-)|a\s+later\s+date)\b(?!\s+(?:than|after|before)\b)"
    r"(?:(?<=now)|(?!\s+that\b))",
    8,
)
# clock times with an optional day: 10 p.m. Wednesday, noon Thursday, around 7:15 p.m.
_rule(
    "clock",
    rf"\b(?:(?P<mod>around|about|approximately|roughly"
    rf")\s+)?(?:{weekday_any('wda')},?\s+(?:at\s+)?|(?P<rdb>today|yesterday|tomorrow)\s+at\s+)?{clock('t')}"
    r"(?:,?\s+(?:on\s+)?(?:(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
    rf"|(?P<rd>today|yesterday|tomorrow|tonight)|{month('mo')}\s*{day('da')}(?:,?\s+{year('yr')})?)\b)?",
    3,
)
# 24-hour clock times with a zone, as wire services write them: "0800 GMT", "1430 local time"
_rule(
    "clock_24h",
    rf"\b(?P<h>[01]\d|2[0-3])(?P<mi>[0-5]\d)(?:\s+hours)?\s+(?:(?P<z>{_ZONE_WORDS})\b|(?P<local>local\s+time)\b)",
    3,
)
# SET: daily, annual, every week, each Thursday, twice a year, per day
_rule(
    "set_adj",
    r"\b(?P<adj>daily|weekly|monthly|yearly|annually|annual|hourly|nightly|biweekly"
    r"|bi-weekly|biannual|biannually|semiannual|semi-annual|fortnightly)\b",
    7,
)
_rule(
    "set_every",
    r"\b(?P<q>every|each|per)\s+(?P<other>other\s+)?(?:(?P<num>\d+|two|three|four|five|six|ten)\s+)?"
    rf"(?:{weekday('w')}|{month_full('m')}|(?P<u>day|week|month|year|quarter|decade|hour|minute|morning"
    r"|afternoon|evening|night|weekend|summer|winter|spring|fall|autumn|days|weeks|months|years|hours))\b",
    5,
)
_rule(
    "set_times",
    r"\b(?P<f>once|twice|thrice|(?:\d+|two|three|four|five|six|seven|eight|nine|ten)\s+times)\s+"
    r"(?:a|an|per|every|each)\s+(?P<u>day|week|month|year|quarter|decade|hour|minute)\b",
    4,
)
_rule(
    "set_per",
    r"(?<=[\d%\w.)]\s)(?P<span>(?:a|an|per)\s+(?P<u>day|week|month|year|hour|minute|quarter))\b"
    r"(?!\s+(?:ago|earlier|later|before|after|of|or|and)\b)",
    8,
)
# The same day / the next day / the day before, anchored to the last mentioned day
_rule(
    "anaphoric_day",
    r"\b(?:(?P<pre>earlier|later)\s+)?(?P<a>the\s+same\s+day|that\s+(?:same\s+)?day|the\s+next\s+day"
    r"|the\s+following\s+day|the\s+previous\s+day|the\s+day\s+before|the\s+day\s+after|the\s+next\s+morning"
    r"|the\s+following\s+morning|the\s+previous\s+night|the\s+night\s+before)\b",
    4,
)

COMPILED: list[tuple[str, re.Pattern[str], int]] = [
    (n, re.compile(p, re.IGNORECASE), pr) for n, p, pr in RULES
]

# ------------------------------------------------------------------------------------------ triggers
# Scanning every pattern over the whole text is slow in ``re``; instead each rule names the words that
# every match of it contains ("trigger" words, ``#`` = any number) and how many tokens a match can start
# before its trigger. The extractor tokenises once, and tries ``pattern.match`` only at those starts.
_UNITS_ALL = [*rules.UNITS, *rules.UNIT_PLURALS]
_MONTH_WORDS = list(rules.MONTHS)
_WEEKDAY_WORDS = list(rules.WEEKDAYS)
_NUM = ["#"]
TRIGGERS: dict[str, tuple[list[str], int]] = {
    "iso_date": (_NUM, 0),
    "numeric_date": (_NUM, 0),
    "full_date": (_MONTH_WORDS, 5),
    "month_year": (_MONTH_WORDS, 5),
    "month": (_MONTH_WORDS, 6),
    "weekday_range": (_WEEKDAY_WORDS, 4),
    "weekday": ([*_WEEKDAY_WORDS, *(w + "s" for w in rules.WEEKDAYS if len(w) > 5)], 5),
    "relative_day": (
        ["yesterday", "today", "tomorrow", "tonight", "night", "morning", "afternoon", "evening"],
        5,
    ),
    "relative_unit": (
        ["week", "weekend", "month", "year", "quarter", "decade", "century", *rules.SEASONS, "season"],
        7,
    ),
    "duration": (_UNITS_ALL, 12),
    "half_unit": (["half"], 3),
    "vague_units": (list(rules.UNIT_PLURALS), 2),
    "recent_units": (list(rules.UNIT_PLURALS), 3),
    "year": (_NUM, 6),
    "spelled_year": (["nineteen", "thousand"], 3),
    "decade": (
        [*_NUM, "twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties", "nineties"],
        6,
    ),
    "century": (["century"], 8),
    "quarter": (["quarter", "half", "quarters"], 8),
    "quarter_q": (["q", "h", *_NUM], 0),
    "ref_period": (["quarter", "period"], 5),
    "year_ago_adj": (["year"], 0),
    "season": (list(rules.SEASONS), 6),
    "holiday": (
        [
            "christmas",
            "new",
            "halloween",
            "valentine",
            "boxing",
            "thanksgiving",
            "good",
            "easter",
            "palm",
            "ash",
            "black",
            "cyber",
        ],
        0,
    ),
    "ref": (
        [
            "now",
            "currently",
            "current",
            "nowadays",
            "present",
            "presently",
            "days",
            "moment",
            "recently",
            "lately",
            "previously",
            "formerly",
            "past",
            "future",
            "soon",
            "shortly",
            "term",
            "date",
        ],
        4,
    ),
    "clock": ([*_NUM, "noon", "midnight", "midday"], 4),
    "clock_24h": (_NUM, 0),
    "set_adj": (
        [
            "daily",
            "weekly",
            "monthly",
            "yearly",
            "annually",
            "annual",
            "hourly",
            "quarterly",
            "nightly",
            "biweekly",
            "bi",
            "biannual",
            "biannually",
            "semiannual",
            "semi",
            "fortnightly",
        ],
        0,
    ),
    "set_every": (["every", "each", "per"], 0),
    "set_times": (["once", "twice", "thrice", "times"], 1),
    "set_per": (["day", "week", "month", "year", "hour", "minute", "quarter"], 1),
    "anaphoric_day": (["day", "morning", "night"], 4),
    "the_weekend": (["weekend"], 3),
    "ref_unit": (["year", "month", "week", "quarter", "decade"], 9),
    "year_end": (["end"], 2),
}
# The words a match of a rule can start with ("#" = a number): starts elsewhere are not tried.
_PMOD_FIRST = ["early", "late", "mid", "earlier", "later", "the"]
_NUM_FIRST = ["#", *rules.SMALL_NUMBERS, *rules.TENS, "hundred", "thousand", "dozen", "a", "an", "half",
              *(q.split()[0] for q in rules.VAGUE_QUANTITIES)]  # fmt: skip
_DUR_MOD_FIRST = [m.split()[0] for m in rules.DURATION_MODS]
_REL_FIRST = ["past", "last", "next", "first", "previous", "coming", "following", "final", "latest", "recent",
              "remaining", "initial", "prior", "entire", "full", "whole", "same", "other", "additional",
              "further", "extra"]  # fmt: skip
FIRST: dict[str, frozenset[str]] = {
    k: frozenset(v)
    for k, v in {
        "duration": [*_DUR_MOD_FIRST, "the", *_REL_FIRST, *_NUM_FIRST],
        "clock": ["around", "about", "approximately", "roughly", *_WEEKDAY_WORDS, "#", "noon", "midnight",
                  "midday", "today", "yesterday", "tomorrow"],
        "year": [*_PMOD_FIRST, "fiscal", "fy", "#"],
        "decade": [*_PMOD_FIRST, "#", "'", "’", "twenties", "thirties", "forties", "fifties", "sixties",
                   "seventies", "eighties", "nineties"],
        "full_date": [*_WEEKDAY_WORDS, "the", *_MONTH_WORDS, "#"],
        "month_year": [*_PMOD_FIRST, *_MONTH_WORDS],
        "month": [*_PMOD_FIRST, "last", "this", "next", "past", "coming", *_MONTH_WORDS],
        "relative_unit": [*_PMOD_FIRST, "this", "last", "next", "past", "coming", "previous", "current"],
        "ref_unit": [*_PMOD_FIRST, "that"],
        "numeric_date": ["#"],
        "iso_date": ["#"],
        "quarter_q": ["#", "q", "h"],
        "weekday_range": ["from", "between", *_WEEKDAY_WORDS],
        "set_per": ["a", "an", "per"],
        "vague_units": ["for", "over", "in", "within", "after", "during", "following", "of", "from"],
    }.items()
}  # fmt: skip
_BY_NAME = {n: (p, pr) for n, p, pr in COMPILED}
# trigger word -> [(rule name, pattern, priority, max tokens back)]
TRIGGER_INDEX: dict[str, list[tuple[str, re.Pattern[str], int, int]]] = {}
for _name, (_words, _back) in TRIGGERS.items():
    _pat, _prio = _BY_NAME[_name]
    for _w in _words:
        TRIGGER_INDEX.setdefault(_w, []).append((_name, _pat, _prio, _back))
assert set(TRIGGERS) == set(_BY_NAME), set(TRIGGERS) ^ set(_BY_NAME)
TOKEN = re.compile(r"[A-Za-z]+|\d+|['’](?=\d)")
