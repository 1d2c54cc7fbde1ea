"""Data for the time-expression grammar: word lists, cue words, zones.

Everything language-specific lives here as plain data so the grammar (``grammar.py``) and the anchoring
logic (``anchor.py``) stay generic. Words are lower-case.
"""

from __future__ import annotations

# ------------------------------------------------------------------------------------------ calendar
MONTHS: dict[str, int] = {
    "january": 1, "jan": 1,
    "february": 2, "feb": 2,
    "march": 3, "mar": 3,
    "april": 4, "apr": 4,
    "may": 5,
    "june": 6, "jun": 6,
    "july": 7, "jul": 7,
    "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9,
    "october": 10, "oct": 10,
    "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip

# Month names that are also common English words: taken alone only when capitalised and in a date context.
AMBIGUOUS_MONTHS = frozenset({"may", "march", "mar", "jan", "jun", "sept", "sep", "dec", "aug", "oct", "nov"})

WEEKDAYS: dict[str, int] = {  # ISO: Monday = 1
    "monday": 1, "mon": 1,
    "tuesday": 2, "tue": 2, "tues": 2,
    "wednesday": 3, "wed": 3,
    "thursday": 4, "thu": 4, "thur": 4, "thurs": 4,
    "friday": 5, "fri": 5,
    "saturday": 6, "sat": 6,
    "sunday": 7, "sun": 7,
}  # fmt: skip

SEASONS: dict[str, str] = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
# first month of each season (northern hemisphere; winter starts in December of the year before)
SEASON_MONTHS: dict[str, tuple[int, int]] = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}

PARTS_OF_DAY: dict[str, str] = {
    "morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "overnight": "NI",
}  # fmt: skip

# fixed-date holidays (month, day) and rule-based ones (handled in anchor.py)
HOLIDAYS: dict[str, tuple[int, int]] = {
    "christmas day": (12, 25), "christmas": (12, 25), "christmas eve": (12, 24),
    "new year's day": (1, 1), "new year's eve": (12, 31), "halloween": (10, 31),
    "valentine's day": (2, 14), "boxing day": (12, 26), "may day": (5, 1),
}  # fmt: skip
MOVABLE_HOLIDAYS = ("thanksgiving day", "thanksgiving")

# ------------------------------------------------------------------------------------------- numbers
SMALL_NUMBERS: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
TENS: dict[str, int] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
SCALES: dict[str, int] = {"hundred": 100, "thousand": 1000}
DOZEN = {"dozen": 12}

ORDINALS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
    "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
    "twentieth": 20, "twenty-first": 21, "thirtieth": 30,
    "1st": 1, "2nd": 2, "3rd": 3, "4th": 4,
}  # fmt: skip

# vague quantities: the duration's number becomes X
VAGUE_QUANTITIES = (
    "a few",
    "several",
    "a number of",
    "numerous",
    "many",
    "few",
    "some",
    "dozens of",
    "hundreds of",
    "thousands of",
    "countless",
    "multiple",
)

# --------------------------------------------------------------------------------------------- units
# unit word -> (TIMEX3 duration unit, is a time unit (after T))
UNITS: dict[str, tuple[str, bool]] = {
    "second": ("S", True), "sec": ("S", True),
    "minute": ("M", True), "min": ("M", True),
    "hour": ("H", True), "hr": ("H", True),
    "day": ("D", False),
    "week": ("W", False),
    "fortnight": ("W", False),  # x2 in the grammar
    "month": ("M", False),
    "quarter": ("Q", False),
    "year": ("Y", False),
    "decade": ("DE", False),
    "century": ("CE", False),
    "millennium": ("ML", False),
}  # fmt: skip
UNIT_PLURALS: dict[str, str] = {
    "seconds": "second", "secs": "second", "minutes": "minute", "mins": "minute", "hours": "hour",
    "hrs": "hour", "days": "day", "weeks": "week", "fortnights": "fortnight", "months": "month",
    "quarters": "quarter", "years": "year", "decades": "decade", "centuries": "century",
    "millennia": "millennium", "millenniums": "millennium",
}  # fmt: skip

# Duration modifiers (included in the span, as TimeML does) -> TIMEX3 mod.
DURATION_MODS: dict[str, str] = {
    "about": "APPROX", "around": "APPROX", "approximately": "APPROX", "roughly": "APPROX",
    "some": "APPROX", "nearly": "APPROX", "almost": "APPROX", "close to": "APPROX", "an estimated": "APPROX",
    "more than": "MORE_THAN", "over": "MORE_THAN", "just over": "MORE_THAN", "well over": "MORE_THAN",
    "longer than": "MORE_THAN", "less than": "LESS_THAN", "under": "LESS_THAN", "fewer than": "LESS_THAN",
    "just under": "LESS_THAN", "shorter than": "LESS_THAN",
    "at least": "EQUAL_OR_MORE", "no less than": "EQUAL_OR_MORE", "no fewer than": "EQUAL_OR_MORE",
    "at most": "EQUAL_OR_LESS", "up to": "EQUAL_OR_LESS", "no more than": "EQUAL_OR_LESS",
}  # fmt: skip

# Modifiers of points/periods ("early this year") -> TIMEX3 mod.
POINT_MODS: dict[str, str] = {
    "early": "START", "earlier": "START", "the beginning of": "START", "the start of": "START",
    "the first days of": "START", "the early part of": "START",
    "mid": "MID", "mid-": "MID", "the middle of": "MID", "the mid": "MID",
    "late": "END", "later": "END", "the end of": "END", "the close of": "END", "the latter part of": "END",
    "the last days of": "END",
}  # fmt: skip

# ---------------------------------------------------------------------------------------- references
PRESENT_REF_WORDS = (
    "now",
    "currently",
    "nowadays",
    "at present",
    "presently",
    "at the moment",
    "these days",
    "right now",
    "just now",
    "the present",
    "today's",
)
# words before a bare ambiguous month name ("May", "March") that show it is the month
MONTH_CONTEXT_BEFORE = frozenset({
    "in", "since", "by", "until", "till", "of", "from", "during", "through", "before", "after", "between",
    "and", "or", "to", "early", "late", "mid", "last", "this", "next", "each", "every", "throughout", "mid-",
})  # fmt: skip
# "current X" that is not about time
CURRENT_BLOCKERS_AFTER = frozenset(
    {
        "account",
        "accounts",
        "affairs",
        "events",
        "flow",
        "flows",
        "density",
        "source",
        "sources",
        "",
        ".",
        ",",
        "and",
        "or",
    }
)
PAST_REF_WORDS = ("recently", "lately", "previously", "formerly", "the past", "once", "in recent times")
FUTURE_REF_WORDS = ("the future", "soon", "in the coming days", "shortly", "the near future", "someday")

# ------------------------------------------------------------------------------------------ tense cues
# Cue words looked up in the words around an expression (same sentence), nearest first. They decide
# whether a bare weekday or month refers back (past) or forward (future) from the DCT.
FUTURE_CUES = frozenset(
    {
        "will",
        "'ll",
        "shall",
        "won't",
        "wo",
        "next",
        "upcoming",
        "coming",
        "scheduled",
        "slated",
        "expected",
        "expects",
        "expect",
        "plans",
        "plan",
        "planning",
        "due",
        "intends",
        "intend",
        "would",
        "going",
        "aims",
        "hopes",
        "until",
        "till",
        "forthcoming",
        "tomorrow",
        "later",
        "soon",
        "planned",
        "to",  # "is to visit"; only counted right after a form of "be" (see anchor.py)
    }
)
# cue words that are also nouns: no cue after a determiner ("the plan", "its plans")
NOUN_CUES = frozenset({"plan", "plans", "due", "expected"})
DETERMINERS = frozenset(
    {"the", "a", "an", "its", "their", "his", "her", "our", "this", "that", "these", "those"}
)
# "<word> be <participle>" points forward ("will be paid", "to be held"); not "must/could be located"
FUTURE_BE = frozenset({"will", "'ll", "shall", "to"})
# a future cue right after one of these reads as past ("had been scheduled to expire Friday")
PAST_AUX = frozenset({"had", "been"})
# a preposition right before the expression
PREP_CUES = {"since": "past", "until": "future", "till": "future"}
# a cue word followed by one of these is not a cue ("next to the embassy")
NOT_CUE_BEFORE = {
    "next": frozenset({"to", "door"}),
    "later": frozenset({"than"}),
    "soon": frozenset({"after"}),
}
PAST_CUES = frozenset(
    {
        "said",
        "told",
        "met",
        "held",
        "was",
        "were",
        "had",
        "did",
        "ago",
        "last",
        "earlier",
        "yesterday",
        "went",
        "came",
        "made",
        "took",
        "gave",
        "began",
        "saw",
        "spoke",
        "wrote",
        "left",
        "led",
        "sent",
        "paid",
        "won",
        "lost",
        "fell",
        "rose",
        "hit",
        "struck",
        "shot",
        "broke",
        "ran",
        "fled",
        "sold",
        "bought",
        "brought",
        "caught",
        "fought",
        "found",
        "got",
        "heard",
        "kept",
        "knew",
        "meant",
        "put",
        "quit",
        "sat",
        "shut",
        "stood",
        "taught",
        "thought",
        "understood",
        "wore",
        "withdrew",
        "drew",
        "flew",
        "grew",
        "threw",
        "blew",
        "chose",
        "drove",
        "rode",
        "rang",
        "sang",
        "swore",
        "tore",
        "underwent",
        "overtook",
        "since",
        "previous",
        "past",
        "former",
        "been",
        "recently",
    }
)
# "-ed" words that are not past-tense reporting (or that point forward)
NOT_PAST_ED = frozenset(
    {
        "scheduled",
        "slated",
        "expected",
        "planned",
        "proposed",
        "intended",
        "supposed",
        "hundred",
        "red",
        "bed",
        "need",
        "speed",
        "feed",
        "seed",
        "indeed",
        "proceed",
        "exceed",
        "succeed",
        "shed",
        "weed",
        "bred",
        "fed",
        "united",
        "based",
        "armed",
        "named",
        "called",
        "so-called",
        "alleged",
        "detailed",
        "limited",
        "advanced",
        "skilled",
        "concerned",
        "related",
        "interested",
        "ed",
        "ted",
        "fred",
        "ned",
        "anticipated",
        "awaited",
        "hoped",
    }
)
BE_FORMS = frozenset({"is", "are", "am", "'s", "'re"})

# words that end a sentence window early when scanning for cues
CLAUSE_BREAKS = frozenset({";"})

# ------------------------------------------------------------------------------------------- zones
# zone abbreviation -> UTC offset "+HH:MM" (news usage; IST = India)
ZONES: dict[str, str] = {
    "utc": "Z", "gmt": "Z", "z": "Z",
    "est": "-05:00", "edt": "-04:00", "cst": "-06:00", "cdt": "-05:00", "mst": "-07:00", "mdt": "-06:00",
    "pst": "-08:00", "pdt": "-07:00", "akst": "-09:00", "hst": "-10:00",
    "bst": "+01:00", "cet": "+01:00", "cest": "+02:00", "eet": "+02:00", "eest": "+03:00", "wet": "Z",
    "msk": "+03:00", "ist": "+05:30", "pkt": "+05:00", "ict": "+07:00", "wib": "+07:00",
    "sgt": "+08:00", "hkt": "+08:00", "pht": "+08:00", "awst": "+08:00",
    "kst": "+09:00", "jst": "+09:00", "aest": "+10:00", "aedt": "+11:00", "nzst": "+12:00",
    "nzdt": "+13:00",
}  # fmt: skip

# Words after a four-digit number that show it is a quantity, not a year ("2000 people").
YEAR_BLOCKERS_AFTER = frozenset(
    {
        "people",
        "persons",
        "troops",
        "soldiers",
        "members",
        "workers",
        "students",
        "residents",
        "children",
        "dollars",
        "euros",
        "yuan",
        "won",
        "yen",
        "pounds",
        "rupees",
        "tons",
        "tonnes",
        "kilometers",
        "kilometres",
        "km",
        "miles",
        "meters",
        "metres",
        "feet",
        "kg",
        "units",
        "shares",
        "jobs",
        "cases",
        "deaths",
        "votes",
        "seats",
        "homes",
        "houses",
        "vehicles",
        "cars",
        "aircraft",
        "ships",
        "rounds",
        "times",
        "percent",
        "per",
        "hours",
        "minutes",
        "days",
        "weeks",
        "months",
        "years",
        "points",
        "pages",
        "words",
        "acres",
        "hectares",
        "barrels",
        "million",
        "billion",
        "trillion",
        "copies",
        "sq",
        "square",
        "employees",
        "users",
        "cc",
        "mw",
        "gw",
        "mph",
        "kph",
    }
)
YEAR_BLOCKERS_BEFORE = frozenset(
    {
        "$",
        "£",
        "€",
        "¥",
        "no.",
        "number",
        "page",
        "pages",
        "flight",
        "route",
        "room",
        "rs",
        "rs.",
        "us$",
        "about",
        "some",
        "nearly",
        "around",
        "over",
        "than",
        "approximately",
        "roughly",
        "almost",
        "top",
        "model",
        "version",
        "article",
        "resolution",
        "chapter",
        "section",
        "highway",
        "road",
        "pm",
        "am",
    }
)
YEAR_SUPPORT_BEFORE = frozenset(
    {
        "in",
        "since",
        "by",
        "until",
        "till",
        "of",
        "from",
        "to",
        "before",
        "after",
        "during",
        "through",
        "early",
        "late",
        "mid",
        "year",
        "fiscal",
        "the",
        "and",
        "or",
        "between",
        "circa",
        "c.",
        "spring",
        "summer",
        "fall",
        "autumn",
        "winter",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "for",
        "this",
        "last",
        "throughout",
    }
)
