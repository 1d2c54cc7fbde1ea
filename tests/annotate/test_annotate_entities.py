"""Entity corrections on hand-built documents: titles and roles, appositions, diseases, diacritic and
abbreviated country forms, possessives, a leading "the", honorifics, datelines, names used again."""

from __future__ import annotations

import datetime as dt

import pytest

from newsledger.annotate import annotate_documents
from newsledger.records import AnnotatedDocument, CleanDocument, Mention


def _mentions(body: str) -> tuple[Mention, ...]:
    (out,) = annotate_documents(
        [CleanDocument(doc_id="t", body=body, lines=(), published=dt.date(2024, 3, 22))]
    )
    assert isinstance(out, AnnotatedDocument), out
    for m in out.mentions:
        assert body[m.start : m.end] == m.text
        if m.role_span is not None:
            assert body[m.role_span[0] : m.role_span[1]] == m.role
    return out.mentions


def _find(mentions: tuple[Mention, ...], text: str) -> Mention:
    hits = [m for m in mentions if m.text == text]
    assert hits, f"{text!r} not among {[(m.text, m.label) for m in mentions]}"
    return hits[0]


@pytest.mark.parametrize(
    ("body", "name", "role"),
    [
        (
            "Chinese Foreign Minister Wang Yi met his counterpart in Beijing on Tuesday.",
            "Wang Yi",
            "Foreign Minister",
        ),
        (
            "Meanwhile, Prime Minister Giorgia Meloni's coalition partners met in Rome.",
            "Giorgia Meloni",
            "Prime Minister",
        ),
        ("Secretary of State Condoleezza Rice arrived late.", "Condoleezza Rice", "Secretary of State"),
        ("Opposition leader Amani Otieno walked out of the chamber.", "Amani Otieno", "Opposition leader"),
    ],
)
def test_title_stripped_and_kept_as_role(body: str, name: str, role: str) -> None:
    m = _find(_mentions(body), name)
    assert m.label == "PERSON"
    assert m.role == role


@pytest.mark.parametrize(
    ("body", "name", "role"),
    [
        (
            "Kim Song-nam, director of the international department at the North's ruling Workers' Party, "
            "arrived in Hanoi.",
            "Kim Song-nam",
            "director of the international department at the North's ruling Workers' Party",
        ),
        (
            "Liu Jianchao, the minister of the party's international liaison department, said the talks "
            "went well.",
            "Liu Jianchao",
            "minister of the party's international liaison department",
        ),
    ],
)
def test_role_from_apposition(body: str, name: str, role: str) -> None:
    m = _find(_mentions(body), name)
    assert m.label == "PERSON" and m.role == role


def test_hyphenated_name_is_one_mention() -> None:
    ms = _mentions("Kim Song-nam, director of the department, arrived in Hanoi.")
    persons = [m.text for m in ms if m.label == "PERSON"]
    assert persons == ["Kim Song-nam"]


def test_diseases_are_not_people() -> None:
    ms = _mentions(
        "Hundreds tested positive for COVID-19 last week, and Covid-19 deaths rose in Ohio after H5N1 spread."
    )
    assert not [m for m in ms if m.label in ("PERSON", "ORG", "GPE") and m.text != "Ohio"]


def test_diacritic_country_and_city_forms_are_places() -> None:
    ms = _mentions("The delegation flew from Hà Nội to Việt Nam's central coast, then to Türkiye.")
    assert _find(ms, "Hà Nội").label == "GPE"
    assert _find(ms, "Việt Nam").label == "GPE"
    assert _find(ms, "Türkiye").label == "GPE"


def test_abbreviated_direction_country_forms() -> None:
    ms = _mentions("N. Korea's leader met S. Korean officials. N.Korean media said nothing.")
    assert _find(ms, "N. Korea").label == "GPE"
    assert _find(ms, "N.Korean").label == "NORP"


@pytest.mark.parametrize(
    ("body", "text", "label"),
    [
        ("Samsung‘s share price rose 3 percent on Tuesday.", "Samsung", "ORG"),
        ("Officials from the United States met in Manila.", "United States", "GPE"),
        ("Mr Abernathy declined to comment on the report.", "Abernathy", "PERSON"),
        ("SEOUL, South Korea - Prosecutors raided the offices of Hanjin Group on Tuesday.", "SEOUL", "GPE"),
        (
            "SEOUL, South Korea - Prosecutors raided the offices of Hanjin Group on Tuesday.",
            "South Korea",
            "GPE",
        ),
    ],
)
def test_span_and_label_repairs(body: str, text: str, label: str) -> None:
    assert _find(_mentions(body), text).label == label


def test_acronym_defined_in_parentheses_is_found_again() -> None:
    ms = _mentions("The World Food Programme (WFP) said on Monday that WFP trucks had reached the city.")
    assert [m.label for m in ms if m.text == "WFP"] == ["ORG", "ORG"]
    assert _find(ms, "World Food Programme").label == "ORG"


def test_surname_of_a_person_is_that_person() -> None:
    ms = _mentions(
        "President Jomo Wekesa addressed parliament. Opposition leader Amani Otieno walked out, and Wekesa "
        "did not reply. Otieno later said Wekesa had lied."
    )
    assert [m.label for m in ms if m.text in ("Wekesa", "Otieno")] == ["PERSON"] * 3


@pytest.mark.parametrize(
    ("body", "text", "label"),
    [
        ("South Korea's Yonhap news agency said the talks had ended.", "Yonhap", "ORG"),
        ("The Kyodo news agency reported it on Monday.", "Kyodo", "ORG"),
    ],
)
def test_name_before_a_news_agency_cue_is_an_org(body: str, text: str, label: str) -> None:
    assert _find(_mentions(body), text).label == label


def test_name_particles_stay_inside_the_name() -> None:
    ms = _mentions(
        "The speaker's rival, Francis ole Kaparo, had held the post until parliament was dissolved."
    )
    assert "Francis ole Kaparo" in [m.text for m in ms if m.label == "PERSON"]
