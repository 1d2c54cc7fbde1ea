"""Heuristics of the reconcile stage as data: patterns and thresholds, each saying what it guards.

Thresholds were set on the hand-labelled ECB+ stories of ``eval/data/reconcile_gold.jsonl`` (train/dev
topics only) and checked against the examples corpus; none is keyed to a particular outlet or wording.
"""

from __future__ import annotations

import re

# ----------------------------------------------------------------------------------------- report dates
# A reporting verb immediately followed by its day ("KCNA said on Saturday", "the Navy said Saturday"):
# only an adjacent timex is the day of the statement; a timex further on ("said it arrested 23 pirates on
# Saturday") belongs to the reported clause.
REPORT_VERB = re.compile(
    r"\b(?:said|says|reported|reports|announced|stated|told\s+\w+|added|confirmed|disclosed|quoted|"
    r"cited|claimed|added)\s+(?:(?:on|late|early|last)\s+)?$",
    re.IGNORECASE,
)
# "according to <source> on Sunday", "North Korean media on Sunday": the source phrase between the cue and
# the timex may not cross a clause (comma, semicolon, a verb-like "that").
ACCORDING_TO = re.compile(
    r"\baccording\s+to\s+([^,;.\n]{2,90}?)\s+(?:on\s+|late\s+|early\s+)?$", re.IGNORECASE
)
# The reporter before a reporting verb: the words after the last clause break ("..., North Korean media").
REPORTER_BEFORE = re.compile(
    r"(?:^|[,;:\"“”]\s*)([^,;:\"“”]{2,80}?)\s+(?:said|says|reported|reports|announced|stated|told|added|confirmed)\b[^,;:]*$",
    re.IGNORECASE,
)
# "<source> on Sunday said/reported ...": the day sits between the source and its verb.
VERB_AFTER = re.compile(
    r"\s*(?:said|reported|announced|quoted|stated|cited|claimed|confirmed)\b", re.IGNORECASE
)
SOURCE_BEFORE = re.compile(r"(?:^|[,;:\"“”]\s*)([^,;:\"“”]{2,80}?)\s+(?:on|late|early)?\s*$", re.IGNORECASE)
REPORTER_MAX_WORDS = 8  # longer "reporters" are whole clauses, not a source's name

# Claims from different documents are about the same statement when their sentences share this much of
# their content words (Jaccard). Set on examples/corpus and ECB+: a rewrite and its origin score 0.35-0.6
# on the sentence carrying the report day (0.39 for the examples' Reuters lead and its rewrite); sentences
# of different reports on one story score below 0.25 (0.18 for the examples' IANS and Reuters leads).
SAME_STATEMENT_JACCARD = 0.33
# ... lower when one document is known to derive from the other (the stories stage said so).
SAME_STATEMENT_JACCARD_DERIVED = 0.25
# ... and lower still for two counts of one noun in sentences reporting the same ledger event: on the ECB+
# stories the leads reporting "two"/"three" undersea cables or the amounts of one heist share 0.12-0.3 of
# their words, while a sentence that merely shares an event chain with another ("two countries
# surrounding the Gulf" / "representatives from 25 countries") shares under 0.08.
SAME_EVENT_COUNT_JACCARD = 0.1
# Leads tell a story's main event: two counts of one noun in the first sentences of two documents of one
# story are held to the same-event bar even when no ledger event links them (the events stage covers
# some kinds of events only).
LEAD_SENTENCES = 3

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
WEEKDAY = re.compile(r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.IGNORECASE)

# ------------------------------------------------------------------------------------- published dates
# The clean stage's crawl/listing hint rule (``DateCandidate.rule``); its value is compared against the
# page's own stamps.
# (matched as a pattern: the clean stage names it "date_hint"; "crawl_date", "listing_hint" would do too)
DATE_HINT_RULE = re.compile(r"hint|crawl|listing", re.IGNORECASE)
# Rules that are not the page's own statement of its date (guesses from the URL, the body's timexes).
NON_STAMP_RULE = re.compile(r"url|timex|body|guess|dateline|meta_published|jsonl", re.IGNORECASE)
# Days of slack between a crawl/listing date and the page's stamp before they disagree: guards time zones
# (a stamp at 23:00 EDT is the next day in Seoul) and listing pages dated by their midnight refresh.
PUBLISHED_SLACK_DAYS = 1

# ----------------------------------------------------------------------------------------------- counts
NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12,
}  # fmt: skip
SCALE_WORDS = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "m": 1e6, "bn": 1e9}
# Qualifiers and the interval they turn a number n into (lo factor, hi factor; None = unbounded).
LOWER_BOUND = frozenset({"at least", "more than", "over", "upwards of", "in excess of", "no fewer than"})
UPPER_BOUND = frozenset(
    {"up to", "as many as", "at most", "fewer than", "less than", "under", "nearly", "almost"}
)
APPROXIMATE = frozenset(
    {
        "about",
        "around",
        "some",
        "roughly",
        "approximately",
        "an estimated",
        "estimated",
        "nearly",
        "almost",
        "close to",
    }
)
APPROX_TOLERANCE = 0.05  # "about 100" covers 95-105: rounding; wider made "an estimated $102m" match $108m
QUALIFIER = re.compile(
    r"(?:\b(at least|more than|over|upwards of|in excess of|no fewer than|up to|as many as|at most|"
    r"fewer than|less than|under|nearly|almost|about|around|some|roughly|approximately|an estimated|"
    r"estimated|close to)\s+)?$",
    re.IGNORECASE,
)
_NUM = r"(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)"
_WORDNUM = r"(?:" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")"
# A quantity: optional currency, a number (digits or a word, "three or four"), optional scale.
QUANTITY = re.compile(
    r"(?P<cur>[$€£¥]|\b(?:US\$|Rs\.?|e|p)(?=\s?\d))?\s?"
    r"(?P<num>" + _NUM + r"|\b" + _WORDNUM + r"\b)"
    r"(?:\s+or\s+(?P<num2>" + _NUM + r"|" + _WORDNUM + r"))?"
    r"(?:[\s-]?(?P<scale>thousand|million|billion|trillion|bn|m)\b)?"
    r"(?:\s+(?P<cur2>euros?|pounds?|dollars?|yen|yuan|rupees?|won)\b)?",
    re.IGNORECASE,
)
CURRENCY_CODES = {
    "$": "USD", "us$": "USD", "dollar": "USD", "dollars": "USD", "€": "EUR", "e": "EUR", "euro": "EUR",
    "euros": "EUR", "£": "GBP", "p": "GBP", "pound": "GBP", "pounds": "GBP", "¥": "JPY", "yen": "JPY",
    "yuan": "CNY", "rs": "INR", "rs.": "INR", "rupee": "INR", "rupees": "INR", "won": "KRW",
}  # fmt: skip
# Words between the number and the counted noun that are skipped ("23 Somali pirates", "seven AK-47 rifles").
COUNT_MAX_MODIFIERS = 3
# A count with these words in front of its noun counts a different set ("two other rifles").
COUNT_SET_QUALIFIERS = frozenset({"other", "more", "additional", "further", "extra", "another", "of"})
# Nouns a bare number rarely counts as an event fact (calendar and measure words, ordinal contexts).
COUNT_NOUN_STOP = frozenset({
    "year", "years", "month", "months", "day", "days", "week", "weeks", "hour", "hours", "minute", "minutes",
    "time", "times", "percent", "per", "cent", "am", "pm", "a.m", "p.m", "and", "or", "to", "in", "on", "of",
    "the", "a", "an", "for", "from", "with", "by", "at", "as", "than", "is", "are", "was", "were", "has",
    "have", "had", "be", "been", "this", "that", "these", "those", "their", "his", "her", "its", "who",
    "which", "after", "before", "since", "while", "until", "into", "out", "up", "down", "off", "about",
    "miles", "mile", "km", "kilometres", "kilometers", "metres", "meters", "feet", "foot", "nautical",
    "hrs", "mm", "gmt", "utc", "ist", "edt", "est", "bst", "cet",
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
    "dec",
})  # fmt: skip
# Plural nouns without a final s: a count's head noun is the first plural after the number.
IRREGULAR_PLURALS = frozenset({
    "people", "men", "women", "children", "police", "personnel", "crew", "staff", "feet", "teeth", "mice",
    "geese", "cattle", "grandchildren", "militia",
})  # fmt: skip
# Ages: "aged 95", "at age 95", "dies at 95", "95-year-old", "Sixty-year-old Sharron Smith" (then the name
# that follows is whose age it is), "Brian Nichols , 37 ," / "Smith , age 61" (the name before).
_NAME = r"(?-i:(?:[A-Z][\w'’-]+\s+){0,3}[A-Z][\w'’-]+)"  # case-sensitive inside the case-insensitive AGE
AGE = re.compile(
    r"\b(?:aged|at\s+age|at\s+the\s+age\s+of|dies\s+at|died\s+at|dead\s+at|death\s+at)\s+(?P<n>\d{1,3})\b"
    r"|\b(?P<n2>\d{1,3}|" + _WORDNUM + r"(?:[\s-]" + _WORDNUM + r")?)[\s-]years?[\s-]old\b"
    r"(?:\s+(?P<after>" + _NAME + r"))?"
    r"|(?P<before>" + _NAME + r")\s*,\s*(?:age\s+|aged\s+)?(?P<n3>\d{1,3})\s*,"
    r"|(?P<before2>" + _NAME + r")\s*,\s*age\s+(?P<n4>\d{1,3})\b",
    re.IGNORECASE,
)
# Every branch of AGE needs a digit or "year(s) old": a sentence without either is not searched (the name
# branches make AGE slow to run over every sentence).
AGE_HINT = re.compile(r"\d|years?[\s-]old", re.IGNORECASE)
# What may follow an unnamed "N-year-old" for it to be a person's age.
PERSON_NOUNS = frozenset({
    "man", "woman", "boy", "girl", "teenager", "teen", "youth", "child", "son", "daughter", "mother",
    "father", "student", "suspect", "officer", "actress", "actor", "singer", "star", "player",
    "driver", "victim",
    "resident", "worker", "gunman", "person", "baby", "infant", "veteran", "former",
})  # fmt: skip
# an age's name must start with a capital even though AGE is case-insensitive for its keywords
NAME_START = re.compile(r"[A-Z]")
AGE_MAX = 120  # larger "ages" are misread counts

# --------------------------------------------------------------------------------------------- summary
SUMMARY_MIN = 3
SUMMARY_MAX = 7
# A summary sentence needs this many word tokens: shorter lines are headlines, captions or fragments.
SUMMARY_MIN_WORDS = 8
# ... and at most this many: run-on sentences (failed sentence splits) make poor summaries.
SUMMARY_MAX_WORDS = 70
# Two sentences say the same thing when their content words overlap this much (Jaccard): set on the
# examples corpus, where a rewrite's paraphrase of its origin's lead scores 0.35-0.5 and different
# sentences of one story score below 0.25.
REDUNDANT_JACCARD = 0.3
# ... or when their IDF-weighted word-and-number cosine reaches this (catches paraphrases of one fact that
# share its rare words and figures: "took 23 of them into custody" / "had captured 23 pirates"): set on the
# ECB+ pirate and heist stories, where such pairs score 0.3-0.5 and sentences on different facts < 0.25.
REDUNDANT_COSINE = 0.3
# A sentence opening on a pronoun leans on the sentence before it, which a summary may not carry.
LEADING_ANAPHOR = re.compile(
    r"^\W*(?:he|she|it|they|this|these|those|that|his|her|its|their)\b", re.IGNORECASE
)
ANAPHORA_PENALTY = 0.5
# Events dated this many days before the document's own date are background, not the sentence's time.
BACKGROUND_DAYS = 30
# Figures below this ("one", "two") are too common to identify a fact on their own.
FIGURE_MIN = 3
# Gain for a sentence from a source (derivation root) not yet cited: covers sources without letting every
# outlet's own lead in.
NEW_SOURCE_BONUS = 0.25
# Lead sentences carry the news: a small bonus decaying with the sentence's position in its document.
LEAD_BONUS = 0.5
LEAD_DECAY = 0.6
# Lines that are never article prose even if a cleaner let them through (guard, not the boilerplate filter).
NOT_PROSE = re.compile(
    r"all rights reserved|©|\bcopyright\b|click here|sign up|subscribe|newsletter|disclaimer|"
    r"^\s*(?:source|photo|image|video|read more|related|tags?)\s*:|https?://|www\.",
    re.IGNORECASE,
)

# --------------------------------------------------------------------------------------------- wording
WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*", re.UNICODE)
# Words that carry no content when comparing sentences (in addition to the English function words).
EXTRA_STOP = frozenset({
    "said", "says", "say", "told", "according", "reported", "reports", "media", "state", "also", "would",
    "could", "will", "on", "recently", "this", "week", "today", "yesterday",
    *WEEKDAYS,
})  # fmt: skip
