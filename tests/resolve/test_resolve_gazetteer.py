"""Offline gazetteers: country names and abbreviations, demonyms, capitals, cities."""

from __future__ import annotations

import pytest

from newsledger.resolve.coreference import choose_city
from newsledger.resolve.gazetteer import gazetteer
from newsledger.textkit.names import compact_key, name_tokens


def key(s: str) -> str:
    return compact_key(name_tokens(s))


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("North Korea", "KP"),
        ("Democratic People's Republic of Korea", "KP"),
        ("Việt Nam", "VN"),
        ("Vietnam", "VN"),
        ("Laos", "LA"),
        ("Lao People's Democratic Republic", "LA"),
        ("Russia", "RU"),
        ("Republic of Korea", "KR"),
        ("United States", "US"),
        ("Britain", "GB"),
    ],
)
def test_country_names(name: str, code: str) -> None:
    assert gazetteer().country_keys[key(name)] == code


def test_shared_short_forms_name_no_country() -> None:
    # "Korea" heads both Koreas' ISO names ("Korea, Republic of", "Korea, Democratic People's ..."): unclaimed
    assert key("Korea") not in gazetteer().country_keys
    assert key("Korean") not in gazetteer().demonyms


@pytest.mark.parametrize(
    ("demonym", "code"),
    [
        ("North Korean", "KP"),
        ("South Korean", "KR"),
        ("Chinese", "CN"),
        ("Vietnamese", "VN"),
        ("Laotian", "LA"),
        ("Nigerian", "NG"),
        ("Pakistani", "PK"),
        ("Iranian", "IR"),
        ("Canadian", "CA"),
        ("Filipino", "PH"),
    ],
)
def test_demonyms(demonym: str, code: str) -> None:
    assert gazetteer().demonyms[key(demonym)] == code


@pytest.mark.parametrize(
    ("city", "code"),
    [("Vientiane", "LA"), ("Hanoi", "VN"), ("Hà Nội", "VN"), ("Beijing", "CN"), ("Paris", "FR")],
)
def test_cities_by_population(city: str, code: str) -> None:
    g = gazetteer()
    cands = g.cities.get(key(city)) or g.city_alternates[key(city)]
    assert choose_city(cands, set()).country == code


def test_a_co_mentioned_country_picks_the_smaller_namesake() -> None:
    cands = gazetteer().cities[key("Paris")]
    assert choose_city(cands, set()).country == "FR"
    # Paris, Texas (25k) loses to Paris, France (2.1M) even with the US co-mentioned: the bonus is bounded
    assert choose_city(cands, {"US"}).country == "FR"


def test_capitals() -> None:
    g = gazetteer()
    assert g.capitals[key("Pyongyang")] == "KP"
    assert g.capitals[key("Beijing")] == "CN"
    assert g.capitals[key("Vientiane")] == "LA"
