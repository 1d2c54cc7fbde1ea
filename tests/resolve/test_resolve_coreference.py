"""Within- and cross-document resolution on hand-built documents (mentions as an annotator would give)."""

from __future__ import annotations

import datetime as dt

from resolve_builders import hand_doc

from newsledger.records import AnnotatedDocument, Resolution
from newsledger.resolve import resolve_entities


def entity_of(res: Resolution, doc: AnnotatedDocument, surface: str, nth: int = 0) -> str | None:
    """Canonical name of the entity the ``nth`` mention with this surface links to (None: no link)."""
    idx = [i for i, m in enumerate(doc.mentions) if m.text == surface][nth]
    links = {(lk.doc, lk.index): lk.entity_id for lk in res.links}
    names = {e.id: e.name for e in res.entities}
    eid = links.get((doc.doc_id, idx))
    return None if eid is None else names[eid]


def test_short_form_goes_to_the_nearest_full_name_and_ties_stay_unresolved() -> None:
    d = hand_doc(
        "kims",
        "Kim Song Nam met Chinese officials. North Korean leader Kim Jong Un and President Xi Jinping met "
        "and Xi sent a message to Kim. Kim Song Nam also held talks with Cai Qi. "
        "Cai praised the guidance of Xi and Kim.",
        [
            ("Kim Song Nam", "PERSON"),
            ("Chinese", "NORP"),
            ("North Korean", "NORP"),
            ("Kim Jong Un", "PERSON"),
            ("Xi Jinping", "PERSON"),
            ("Xi", "PERSON"),
            ("Kim", "PERSON"),
            ("Kim Song Nam", "PERSON"),
            ("Cai Qi", "PERSON"),
            ("Cai", "PERSON"),
            ("Xi", "PERSON"),
            ("Kim", "PERSON"),
        ],
    )
    res = resolve_entities([d])
    assert entity_of(res, d, "Kim", 0) == "Kim Jong Un"
    assert entity_of(res, d, "Kim", 1) is None  # one co-mention each, evidence even: no guess
    assert entity_of(res, d, "Cai") == "Cai Qi"
    assert entity_of(res, d, "Xi", 1) == "Xi Jinping"
    people = {e.name for e in res.entities if e.type == "PERSON"}
    assert {"Kim Song Nam", "Kim Jong Un", "Xi Jinping", "Cai Qi"} <= people


def test_wang_is_wang_yi_in_one_document_and_wang_huning_in_another() -> None:
    a = hand_doc(
        "a",
        "Foreign Minister Wang Yi met the delegation in Beijing. Wang said ties would grow.",
        [("Wang Yi", "PERSON", "Foreign Minister"), ("Beijing", "GPE"), ("Wang", "PERSON")],
        dt.date(2024, 3, 23),
    )
    b = hand_doc(
        "b",
        "Wang Huning, China's fourth-ranked leader, met the delegation. Wang conveyed a message.",
        [("Wang Huning", "PERSON"), ("China", "GPE"), ("Wang", "ORG")],  # the small model tags it ORG
    )
    res = resolve_entities([a, b])
    assert entity_of(res, a, "Wang") == "Wang Yi"
    assert entity_of(res, b, "Wang") == "Wang Huning"
    wangs = [e for e in res.entities if e.name.startswith("Wang")]
    assert len(wangs) == 2 and all(e.type == "PERSON" for e in wangs)
    wang_yi = next(e for e in wangs if e.name == "Wang Yi")
    assert [(r.role, r.doc, r.date) for r in wang_yi.roles] == [
        ("Foreign Minister", "a", dt.date(2024, 3, 23))
    ]
    assert a.body[wang_yi.roles[0].start : wang_yi.roles[0].end] == "Foreign Minister"


def test_spelling_variants_merge_across_documents() -> None:
    a = hand_doc("a", "Kim Song-nam visited Vientiane.", [("Kim Song-nam", "PERSON"), ("Vientiane", "GPE")])
    b = hand_doc("b", "Kim Song Nam held talks in Hà Nội.", [("Kim Song Nam", "PERSON"), ("Hà Nội", "GPE")])
    c = hand_doc("c", "Kim Song Nam arrived in Hanoi.", [("Kim Song Nam", "PERSON"), ("Hanoi", "GPE")])
    res = resolve_entities([a, b, c])
    kim = [e for e in res.entities if e.type == "PERSON"]
    assert len(kim) == 1 and kim[0].name == "Kim Song Nam"
    assert set(kim[0].aliases) == {"Kim Song-nam", "Kim Song Nam"}
    places = {e.name: e.country for e in res.entities if e.type == "GPE"}
    assert places == {"Vientiane": "LA", "Hanoi": "VN"}


def test_country_aliases_demonyms_and_the_north_are_one_country() -> None:
    d = hand_doc(
        "nk",
        "A senior N. Korean official said the North will bolster ties. North Korea and the DPRK are one. "
        "N.Korea and the Democratic People's Republic of Korea too.",
        [
            ("N. Korean", "NORP"),
            ("North", "LOC"),
            ("North Korea", "GPE"),
            ("DPRK", "ORG"),
            ("N.Korea", "GPE"),
            ("the Democratic People's Republic of Korea", "ORG"),
        ],
    )
    res = resolve_entities([d])
    assert len(res.entities) == 1
    e = res.entities[0]
    assert (e.name, e.type, e.country) == ("North Korea", "GPE", "KP")
    assert len(res.links) == 6


def test_the_north_needs_a_co_mentioned_northern_country() -> None:
    d = hand_doc("n", "Rain fell in the North.", [("North", "LOC")])
    res = resolve_entities([d])
    assert [e.country for e in res.entities] == [None]


def test_capital_as_actor_is_the_country_and_as_place_the_city() -> None:
    d = hand_doc(
        "cap",
        "Officials met in Beijing. Beijing will bolster cooperation with Pyongyang. Pyongyang's ties grew.",
        [("Beijing", "GPE"), ("Beijing", "GPE"), ("Pyongyang", "GPE"), ("Pyongyang", "GPE")],
    )
    res = resolve_entities([d])
    assert entity_of(res, d, "Beijing", 0) == "Beijing"
    assert entity_of(res, d, "Beijing", 1) == "China"
    assert entity_of(res, d, "Pyongyang", 0) == "North Korea"
    assert entity_of(res, d, "Pyongyang", 1) == "North Korea"
    city = next(e for e in res.entities if e.name == "Beijing")
    assert city.country == "CN"


def test_dateline_capital_is_a_place() -> None:
    d = hand_doc("dl", "Seoul, March 25 A senior official said so.", [("Seoul", "GPE")])
    res = resolve_entities([d])
    assert res.entities[0].name == "Seoul"


def test_acronym_learned_in_one_document_resolves_in_another() -> None:
    a = hand_doc(
        "a",
        "The Korean Central News Agency (KCNA) reported it.",
        [("Korean Central News Agency", "ORG"), ("KCNA", "ORG")],
    )
    b = hand_doc("b", "KCNA said the talks went well.", [("KCNA", "ORG")])
    res = resolve_entities([a, b])
    assert len(res.entities) == 1
    assert res.entities[0].name == "Korean Central News Agency"
    assert len(res.entities[0].mentions) == 3


def test_initialism_without_definition_matches_a_name_in_the_document() -> None:
    d = hand_doc(
        "w",
        "The Workers' Party of Korea met. The WPK said so.",
        [("The Workers' Party of Korea", "ORG"), ("WPK", "ORG")],
    )
    res = resolve_entities([d])
    assert len(res.entities) == 1 and res.entities[0].name == "Workers' Party of Korea"


def test_distinct_people_never_merge_across_documents() -> None:
    docs = [
        hand_doc(f"d{i}", f"{name} met Xi Jinping in Beijing.", [(name, "PERSON"), ("Xi Jinping", "PERSON")])
        for i, name in enumerate(["Wang Huning", "Wang Yi", "Kim Song Nam", "Kim Jong Un", "Kim Jong-un"])
    ]
    res = resolve_entities(docs)
    names = sorted(e.name for e in res.entities if e.type == "PERSON")
    assert names == ["Kim Jong Un", "Kim Song Nam", "Wang Huning", "Wang Yi", "Xi Jinping"]


def test_lone_surname_attaches_across_documents_only_when_context_decides() -> None:
    a = hand_doc("a", "Wang Yi met Lavrov.", [("Wang Yi", "PERSON"), ("Lavrov", "PERSON")])
    b = hand_doc(
        "b", "Wang Huning met Kim Song Nam.", [("Wang Huning", "PERSON"), ("Kim Song Nam", "PERSON")]
    )
    c = hand_doc("c", "Wang met Lavrov again.", [("Wang", "PERSON"), ("Lavrov", "PERSON")])
    d = hand_doc("d", "Wang spoke.", [("Wang", "PERSON")])
    res = resolve_entities([a, b, c, d])
    assert entity_of(res, c, "Wang") == "Wang Yi"
    assert entity_of(res, d, "Wang") is None  # two candidates, no context: no link


def test_short_organisation_name_joins_its_long_form() -> None:
    a = hand_doc(
        "a",
        "The Indianapolis Colts won. The Colts celebrated.",
        [("Indianapolis Colts", "ORG"), ("Colts", "ORG")],
    )
    b = hand_doc("b", "The Colts lost a game.", [("Colts", "ORG")])
    res = resolve_entities([a, b])
    assert [e.name for e in res.entities] == ["Indianapolis Colts"]


def test_numeric_labels_get_no_entity() -> None:
    d = hand_doc("n", "On Monday 3 people met.", [("Monday", "DATE"), ("3", "CARDINAL")])
    res = resolve_entities([d])
    assert res.entities == () and res.links == ()


def test_shorter_full_name_is_the_longer_one_it_ends() -> None:
    a = hand_doc(
        "a",
        "Ali Akbar Hashemi Rafsanjani spoke. Hashemi Rafsanjani said Rafsanjani would stay.",
        [
            ("Ali Akbar Hashemi Rafsanjani", "PERSON"),
            ("Hashemi Rafsanjani", "PERSON"),
            ("Rafsanjani", "PERSON"),
        ],
    )
    b = hand_doc(
        "b", "Hashemi Rafsanjani warned the U.S.", [("Hashemi Rafsanjani", "PERSON"), ("U.S.", "GPE")]
    )
    res = resolve_entities([a, b])
    people = [e for e in res.entities if e.type == "PERSON"]
    assert [e.name for e in people] == ["Ali Akbar Hashemi Rafsanjani"]
    assert len(people[0].mentions) == 4


def test_former_states_and_their_demonyms() -> None:
    d = hand_doc(
        "su",
        "Soviet officials said the Soviet Union and the USSR are one.",
        [("Soviet", "NORP"), ("the Soviet Union", "GPE"), ("USSR", "GPE")],
    )
    res = resolve_entities([d])
    assert [(e.name, e.country) for e in res.entities] == [("Soviet Union", "SU")]


def test_clipped_given_name_merges_with_shared_context() -> None:
    a = hand_doc(
        "a", "Fred LaRue met John Mitchell.", [("Fred LaRue", "PERSON"), ("John Mitchell", "PERSON")]
    )
    b = hand_doc(
        "b",
        "Frederick LaRue and John Mitchell spoke.",
        [("Frederick LaRue", "PERSON"), ("John Mitchell", "PERSON")],
    )
    res = resolve_entities([a, b])
    assert sorted(e.name for e in res.entities) == ["Frederick LaRue", "John Mitchell"]


def test_headline_capitals_are_not_acronyms_when_the_name_is_seen_in_mixed_case() -> None:
    a = hand_doc("a", "MILLOM FIRE. A fire hit Millom.", [("MILLOM", "GPE"), ("Millom", "GPE")])
    b = hand_doc("b", "NATO met. The NATO summit.", [("NATO", "ORG"), ("NATO", "ORG")])
    res = resolve_entities([a, b])
    assert sorted((e.name, len(e.mentions)) for e in res.entities) == [("Millom", 2), ("NATO", 2)]


def test_short_name_prefers_the_name_it_ends() -> None:
    a = hand_doc(
        "a",
        "The Kansas City Chiefs won. The Chiefs lead Chiefs 7 to 3.",
        [("Kansas City Chiefs", "ORG"), ("Chiefs", "ORG"), ("Chiefs 7", "ORG")],
    )
    b = hand_doc("b", "The Chiefs lost.", [("Chiefs", "ORG")])
    res = resolve_entities([a, b])
    chiefs = next(e for e in res.entities if e.name == "Kansas City Chiefs")
    assert len(chiefs.mentions) == 3


def test_of_head_joins_the_one_of_name_after_spelling_variants_merge() -> None:
    a = hand_doc(
        "a",
        "The Academy of Motion Picture Arts and Sciences said so.",
        [("Academy of Motion Picture Arts and Sciences", "ORG")],
    )
    b = hand_doc(
        "b",
        "The Academy of Motion Pictures Arts and Sciences said so.",
        [("Academy of Motion Pictures Arts and Sciences", "ORG")],
    )
    c = hand_doc(
        "c",
        "The Academy named Mt Cook and Mount Cook.",
        [("Academy", "ORG"), ("Mt Cook", "LOC"), ("Mount Cook", "LOC")],
    )
    res = resolve_entities([a, b, c])
    assert sorted(len(e.mentions) for e in res.entities) == [2, 3]
