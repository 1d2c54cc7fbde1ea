"""TIMEX3 values: validity check and the calendar range a date-like value covers."""

from __future__ import annotations

import calendar
import datetime as dt
import re

from newsledger.records import DatePrecision, TimexType

_ZONE = r"(?:Z|[+-]\d{2}(?::?\d{2})?)"
_TIME = rf"T(?:\d{{2}}(?::\d{{2}}(?::\d{{2}})?)?{_ZONE}?|MO|MI|AF|EV|NI|DT|XX(?::XX)?)"
_YEAR = r"(?:\d{4}|\d{3}X|\d{2}XX|XXXX)"
_DATE = (
    rf"(?:{_YEAR}(?:-(?:\d{{2}}|XX)(?:-(?:\d{{2}}|XX))?)?"  # 2024, 2024-03, 2024-03-25, XXXX-XX-XX
    rf"|{_YEAR}-W(?:\d{{2}}|XX)(?:-(?:[1-7]|WE|X))?"  # 2024-W12, 2024-W12-WE, XXXX-WXX-5
    rf"|{_YEAR}-(?:Q[1-4X]|H[12X]|SP|SU|FA|WI)"  # quarters, halves, seasons
    r"|\d{3}|\d{2})"  # decade (199 = the 1990s), century (19 = 1900s)
)
_REF = r"(?:PRESENT_REF|PAST_REF|FUTURE_REF)"
_DUR_NUM = r"(?:\d+(?:\.\d+)?|X)"
_DURATION = (
    rf"P(?:(?:{_DUR_NUM}(?:Y|M|W|D|Q|DE|CE|ML|E|C|L))+(?:T(?:{_DUR_NUM}[HMS])+)?|T(?:{_DUR_NUM}[HMS])+)"
)

VALID: dict[TimexType, re.Pattern[str]] = {
    TimexType.DATE: re.compile(rf"(?:{_DATE}|{_REF})"),
    TimexType.TIME: re.compile(rf"(?:{_DATE}{_TIME}|{_REF})"),
    TimexType.DURATION: re.compile(_DURATION),
    TimexType.SET: re.compile(rf"(?:{_DURATION}|{_DATE}(?:{_TIME})?)"),
}
# any valid TIMEX3 value (for property tests and asserts)
ANY_VALID = re.compile(rf"(?:{_DATE}(?:{_TIME})?|{_REF}|{_DURATION})")


def is_valid(value: str, type_: TimexType) -> bool:
    return VALID[type_].fullmatch(value) is not None


def last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


_Q = re.compile(r"(\d{4})-Q([1-4])")
_H = re.compile(r"(\d{4})-H([12])")
_S = re.compile(r"(\d{4})-(SP|SU|FA|WI)")
_W = re.compile(r"(\d{4})-W(\d{2})(?:-(WE|[1-7]))?")
_D = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:T.*)?")
_DEC = re.compile(r"(\d{3})")
_CEN = re.compile(r"(\d{2})")

Range = tuple[dt.date, dt.date, DatePrecision]


def value_range(value: str) -> Range | None:
    """The calendar days a fully specified date-like value covers, with its granularity.

    Weeks and weekends are day-precision ranges; quarters, halves and seasons are month ranges; years,
    decades and centuries year ranges. Underspecified values (with X), refs and durations give None.
    """
    try:
        return _value_range(value)
    except (ValueError, OverflowError):
        return None


def _value_range(value: str) -> Range | None:
    if "X" in value.split("T", 1)[0] or value.startswith("P") or value.endswith("_REF"):
        return None
    if m := _W.fullmatch(value):
        y, w, sub = int(m[1]), int(m[2]), m[3]
        monday = dt.date.fromisocalendar(y, w, 1)
        if sub == "WE":
            return monday + dt.timedelta(days=5), monday + dt.timedelta(days=6), DatePrecision.DAY
        if sub:
            d = monday + dt.timedelta(days=int(sub) - 1)
            return d, d, DatePrecision.DAY
        return monday, monday + dt.timedelta(days=6), DatePrecision.DAY
    if m := _Q.fullmatch(value):
        y, q = int(m[1]), int(m[2])
        return dt.date(y, 3 * q - 2, 1), dt.date(y, 3 * q, last_day(y, 3 * q)), DatePrecision.MONTH
    if m := _H.fullmatch(value):
        y, h = int(m[1]), int(m[2])
        return dt.date(y, 6 * h - 5, 1), dt.date(y, 6 * h, last_day(y, 6 * h)), DatePrecision.MONTH
    if m := _S.fullmatch(value):
        y, s = int(m[1]), m[2]
        if s == "WI":  # December of the year before to February
            return dt.date(y - 1, 12, 1), dt.date(y, 2, last_day(y, 2)), DatePrecision.MONTH
        a, b = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11)}[s]
        return dt.date(y, a, 1), dt.date(y, b, last_day(y, b)), DatePrecision.MONTH
    if m := _D.fullmatch(value):
        y = int(m[1])
        if y < 1:
            return None
        if m[3]:
            d = dt.date(y, int(m[2]), int(m[3]))
            return d, d, DatePrecision.DAY
        if m[2]:
            mo = int(m[2])
            return dt.date(y, mo, 1), dt.date(y, mo, last_day(y, mo)), DatePrecision.MONTH
        return dt.date(y, 1, 1), dt.date(y, 12, 31), DatePrecision.YEAR
    if m := _DEC.fullmatch(value):
        y = int(m[1]) * 10
        return dt.date(max(y, 1), 1, 1), dt.date(y + 9, 12, 31), DatePrecision.YEAR
    if m := _CEN.fullmatch(value):
        y = int(m[1]) * 100
        return dt.date(max(y, 1), 1, 1), dt.date(y + 99, 12, 31), DatePrecision.YEAR
    return None
