"""Calendar arithmetic and anchoring against the DCT, plus the tense cues read from nearby words.

Directions: ``"past"`` (on or before the DCT), ``"future"`` (on or after), ``None`` (no cue: nearest).
"""

from __future__ import annotations

import datetime as dt
import re

from newsledger.annotate.timex import rules
from newsledger.annotate.timex.values import last_day

Direction = str | None

# a month or day without a year within this many days of the DCT takes the nearest year whatever the tense
NEAR_DAYS = 122
NEAR_MONTHS = 4
# a cue at most this many words away is "strong"
STRONG_CUE_WORDS = 1
RIGHT_PENALTY = 10

_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*|[.;!?\n]")
_SENT_END = re.compile(r"[.!?]\s+[\"“”'‘’(]*[A-Z]|\n")
_ABBREV_BEFORE_DOT = re.compile(
    r"(?:\b[A-Z]|\b(?:Mr|Mrs|Ms|Dr|St|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|[ap]\.m|U\.S|Gen|Sen|Rep|Gov|Lt|Col|Prof|No|Co|Corp|Inc|Ltd|vs))$"
)

# --------------------------------------------------------------------------------------- tense cues


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    lo = max(0, start - 300)
    s = lo
    # up to one character past ``start``: an expression that opens its sentence ("Over the weekend, ...")
    # must see the full stop before it, whose pattern ends on the capital letter at ``start``
    for m in _SENT_END.finditer(text, lo, min(len(text), start + 1)):
        if m.group(0) == "\n":
            s = m.end()
        elif not _ABBREV_BEFORE_DOT.search(text, max(0, m.start() - 6), m.start()):
            s = m.end() - 1
    hi = min(len(text), end + 300)
    e = hi
    for m in _SENT_END.finditer(text, end, hi):
        if m.group(0) == "\n" or not _ABBREV_BEFORE_DOT.search(text, max(0, m.start() - 6), m.start()):
            e = m.start() + 1
            break
    return s, e


def _cue_of(words: list[str], i: int) -> Direction:
    w = words[i]
    if w in ("to",):  # "is to visit": future; a bare "to" says nothing
        return "future" if i > 0 and words[i - 1] in rules.BE_FORMS else None
    if w in rules.NOT_CUE_BEFORE and i + 1 < len(words) and words[i + 1] in rules.NOT_CUE_BEFORE[w]:
        return None
    if w == "set":
        return "future" if i + 1 < len(words) and words[i + 1] == "to" else None
    if w in rules.NOUN_CUES and i > 0 and words[i - 1] in rules.DETERMINERS:
        return None  # "announced the plan Aug. 21": the noun, not the verb
    if w in ("plan", "plans") and (i + 1 >= len(words) or words[i + 1] != "to"):
        return None  # the verb is "plans to ..."; "vacation plans", "plans for" are the noun
    if (
        i > 1
        and words[i - 1] == "be"
        and words[i - 2] in rules.FUTURE_BE
        and (w in rules.PAST_CUES or (w.endswith("ed") and len(w) > 3))
    ):
        return "future"  # "will be paid Dec. 14", "is to be held Friday": a passive in the future
    if w in rules.FUTURE_CUES:
        if i > 0 and (words[i - 1] in rules.PAST_AUX or (i > 1 and words[i - 2] in rules.PAST_AUX)):
            return "past"
        return "future"
    if w in rules.PAST_CUES:
        return "past"
    if w.endswith("ing") and i > 0 and words[i - 1] in rules.BE_FORMS and len(w) > 5:
        return "future"  # "is leading a delegation to visit ... from Monday": progressive = now/ahead
    if w.endswith("ed") and len(w) > 3 and w not in rules.NOT_PAST_ED:
        return "past"
    return None


def tense_cue(text: str, start: int, end: int) -> Direction:
    """The direction suggested by the nearest cue word in the same sentence (left side preferred)."""
    return tense_cue_dist(text, start, end)[0]


def tense_cue_dist(text: str, start: int, end: int) -> tuple[Direction, int]:
    """``tense_cue`` with the distance in words from the expression to the cue (99 when none)."""
    s, e = _sentence_bounds(text, start, end)
    left = [w.lower().replace("’", "'") for w in _WORD.findall(text, s, start)]
    right = [w.lower().replace("’", "'") for w in _WORD.findall(text, end, e)]
    left = [w for w in left if w not in ".;!?\n"]
    right_words: list[str] = []
    for w in right:
        if w in ".;!?\n":
            break
        right_words.append(w)
    # the nearest cue on the left governs (the verb of the clause usually comes first in English news);
    # only when there is none does the nearest cue on the right ("On Friday, officials said") decide
    if left:
        # a preposition right before the expression: "since March" (past), "by Friday" (ahead)
        prev = left[-1] if left[-1] not in ("the", "early", "late", "mid") or len(left) < 2 else left[-2]
        if prev in rules.PREP_CUES:
            return rules.PREP_CUES[prev], 1
    for k in range(len(left) - 1, -1, -1):
        c = _cue_of(left, k)
        if c:
            return c, len(left) - k
    for k in range(len(right_words)):
        c = _cue_of(right_words, k)
        if c:
            return c, k + 1 + RIGHT_PENALTY  # a cue after the expression is never "strong"
    return None, 99


# ---------------------------------------------------------------------------------- calendar helpers


def add_months(year: int, month: int, k: int) -> tuple[int, int]:
    n = year * 12 + (month - 1) + k
    return n // 12, n % 12 + 1


def add_years_safe(d: dt.date, k: int) -> dt.date:
    y = d.year + k
    return dt.date(y, d.month, min(d.day, last_day(y, d.month)))


def week_value(d: dt.date) -> str:
    iy, iw, _ = d.isocalendar()
    return f"{iy:04d}-W{iw:02d}"


def quarter_of(d: dt.date) -> int:
    return (d.month - 1) // 3 + 1


def weekday_date(dct: dt.date, wd: int, direction: Direction, strict: bool = False) -> dt.date:
    """The weekday ``wd`` (ISO 1..7) nearest the DCT in ``direction``.

    past: the most recent such day on or before the DCT (strictly before when ``strict``, as in
    "last Friday"); future: on or after (strictly after when ``strict``, "next Friday"); None: past.
    """
    cur = dct.isoweekday()
    if direction == "future":
        delta = (wd - cur) % 7
        if delta == 0 and strict:
            delta = 7
        return dct + dt.timedelta(days=delta)
    delta = (cur - wd) % 7
    if delta == 0 and strict:
        delta = 7
    return dct - dt.timedelta(days=delta)


def pick_year_for_month_day(
    dct: dt.date, month: int, day: int | None, direction: Direction, strong: bool = False
) -> int | None:
    """Year for a month (and day) stated without one: nearest the DCT, or the cued direction.

    Within ``NEAR_DAYS`` (``NEAR_MONTHS`` for a bare month) of the DCT the nearest year wins unless the
    cue is ``strong`` (a cue word right next to the expression).

    Returns None when no candidate year is valid (February 30).
    """
    cands: list[tuple[dt.date, int]] = []
    for y in (dct.year - 1, dct.year, dct.year + 1):
        if day is None:
            cands.append((dt.date(y, month, 1), y))
        elif 1 <= day <= last_day(y, month):
            cands.append((dt.date(y, month, day), y))
    if not cands:
        # 29 February in a non-leap neighbourhood: take the nearest leap year
        if month == 2 and day == 29:
            for k in range(0, 5):
                for y in (dct.year - k, dct.year + k):
                    if y % 4 == 0 and (y % 100 != 0 or y % 400 == 0) and 1 <= y <= 9999:
                        return y
        return None
    ref = dct if day is not None else dct.replace(day=1)
    nearest = min(cands, key=lambda c: (abs((c[0] - ref).days), -c[1]))
    if not strong and abs((nearest[0] - ref).days) <= (NEAR_DAYS if day is not None else NEAR_MONTHS * 31):
        return nearest[1]  # close to the DCT: nearest wins over a distant (possibly misread) tense cue
    if direction == "past":
        past = [c for c in cands if c[0] <= ref]
        if past:
            return max(past)[1]
    elif direction == "future":
        fut = [c for c in cands if c[0] >= ref]
        if fut:
            return min(fut)[1]
    return nearest[1]
