"""Place names from ISO 3166 (pycountry), folded with unidecode so "Việt Nam" and "Viet Nam" meet.

Built once per process, lazily. Keys are :func:`fold` forms; values the spaCy label to give.
"""

from __future__ import annotations

import functools
import re

from newsledger.annotate import rules

_SPACES = re.compile(r"\s+")
_QUOTES = str.maketrans({c: "'" for c in rules.APOSTROPHES})


@functools.lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Lower case, ASCII (unidecode), one space between words, one kind of apostrophe."""
    from unidecode import unidecode

    return _SPACES.sub(" ", unidecode(text.translate(_QUOTES)).lower()).strip()


def _country_forms() -> set[str]:
    import pycountry

    names: set[str] = set(rules.COUNTRY_EXTRA)
    for c in [*pycountry.countries, *pycountry.historic_countries]:
        for attr in ("name", "official_name", "common_name"):
            n = getattr(c, attr, None)
            if not n:
                continue
            n = re.sub(r"\s*\(.*?\)", "", n)  # "Holy See (Vatican City State)"
            if ", " in n:  # "Korea, Republic of" -> "Korea" and "Republic of Korea"
                head, tail = n.split(", ", 1)
                names.add(head)
                if tail.endswith(" of") or tail.endswith(" of the"):
                    names.add(f"{tail} {head}")
            else:
                names.add(n)
    return names


@functools.cache
def countries() -> frozenset[str]:
    """Folded country names (current and historic ISO names plus conventional short forms)."""
    return frozenset(fold(n) for n in _country_forms())


@functools.cache
def subdivisions() -> frozenset[str]:
    """Folded names of first-level subdivisions (provinces, states, municipalities such as "Hà Nội")."""
    import pycountry

    return frozenset(fold(re.sub(r"\s*\[.*?\]|\s*\(.*?\)", "", s.name)) for s in pycountry.subdivisions)


@functools.cache
def abbreviated() -> dict[str, str]:
    """Compass-abbreviated country forms: "n. korea"/"n.korea" -> GPE, "n.korean" -> NORP."""
    out: dict[str, str] = {}
    for name in countries():
        first, _, rest = name.partition(" ")
        letter = rules.DIRECTION_ABBREV.get(first)
        if not letter or not rest or " " in rest:
            continue
        a = letter.lower()
        for sep in (". ", "."):
            out[f"{a}{sep}{rest}"] = "GPE"
            for end in rules.DEMONYM_ENDINGS:
                out[f"{a}{sep}{rest}{end}"] = "NORP"
    return out


@functools.cache
def first_words() -> frozenset[str]:
    """First words (folded) of every gazetteer name: an n-gram lookup starts only at one of these."""
    words = set()
    for n in (*countries(), *subdivisions(), *abbreviated()):
        words.add(n.split(" ", 1)[0])
    return frozenset(words)
