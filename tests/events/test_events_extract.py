"""Event mentions from parsed sentences: triggers, arguments, reported speech, time of the clause."""

from __future__ import annotations

import datetime as dt

from newsledger.events import extract_event_mentions
from newsledger.records import AnnotatedDocument, BodyLine, CleanDocument, Mention, Sentence, Token

DCT = dt.date(2024, 3, 25)  # a Monday


def _mentions(annotated, body: str, dct: dt.date = DCT):  # type: ignore[no-untyped-def]
    doc, clean = annotated("d", body, dct)
    ms = extract_event_mentions(doc, clean)
    for m in ms:  # every slot slices back to the body
        assert doc.body[m.trigger.start : m.trigger.end] == m.trigger.text
        for s, e in m.actor_spans:
            assert 0 <= s < e <= len(doc.body)
        assert m.sentence.start <= m.trigger.start < m.sentence.end
    return doc, ms


def test_events_verbal_meeting_with_place_and_date(annotated) -> None:  # type: ignore[no-untyped-def]
    doc, ms = _mentions(annotated, "Kim Song Nam met Wang Yi in Beijing on Saturday.")
    (m,) = ms
    assert (m.type, m.mode) == ("CONSULT", "meeting")
    assert [doc.body[s:e] for s, e in m.actor_spans] == ["Kim Song Nam", "Wang Yi"]
    assert m.place_text == "Beijing"
    assert m.date_from == dt.date(2024, 3, 23)
    assert m.date_span is not None and doc.body[m.date_span[0] : m.date_span[1]].endswith("Saturday")


def test_events_light_verb_visit_to_country(annotated) -> None:  # type: ignore[no-untyped-def]
    _doc, ms = _mentions(annotated, "Kim Song Nam paid a courtesy visit to Laos on Friday.")
    (m,) = ms
    assert (m.type, m.mode) == ("CONSULT", "visit")
    assert m.trigger.text == "paid a courtesy visit"
    assert m.place_text == "Laos"


def test_events_reported_statement_content_is_not_the_act(annotated) -> None:  # type: ignore[no-untyped-def]
    _, ms = _mentions(annotated, "Wang Huning said that China will support North Korea.")
    assert [m for m in ms if m.type == "SUPPORT"] == []


def test_events_background_event_keeps_its_own_year(annotated) -> None:  # type: ignore[no-untyped-def]
    _, ms = _mentions(annotated, "Kim Jong Un and Xi Jinping met in Beijing in 2019.")
    (m,) = ms
    assert m.date_from is not None and m.date_from.year == 2019
    assert m.date_precision is not None and m.date_precision.value == "year"


def test_events_future_and_negated_are_not_acts(annotated) -> None:  # type: ignore[no-untyped-def]
    _, ms = _mentions(annotated, "Kim Song Nam will meet Wang Yi next week. Kim did not meet Liu Jianchao.")
    assert all(m.negated for m in ms)


def test_events_anaphoric_meeting_dates_its_antecedent(annotated) -> None:  # type: ignore[no-untyped-def]
    body = (
        "North Korean and Chinese officials met this week in Beijing. "
        "In the meeting on Thursday, Wang Huning praised the friendship."
    )
    _, ms = _mentions(annotated, body, dt.date(2024, 3, 23))
    meet = next(m for m in ms if m.mode == "meeting")
    assert meet.date_from == dt.date(2024, 3, 21)
    assert any(k == "date" and v.startswith("coref:") for k, v in meet.links)


def test_events_dateline_is_not_an_actor_or_the_date(annotated) -> None:  # type: ignore[no-untyped-def]
    doc, ms = _mentions(
        annotated, "SEOUL, March 25 (Yonhap) -- Kim Song Nam met Wang Yi in Beijing on Saturday."
    )
    (m,) = ms
    assert [doc.body[s:e] for s, e in m.actor_spans] == ["Kim Song Nam", "Wang Yi"]
    assert m.date_from == dt.date(2024, 3, 23)


def test_events_gerund_doer_is_the_criticised_object(annotated) -> None:  # type: ignore[no-untyped-def]
    body = "Jay Naidoo criticised the South African Transport Services for refusing to recognise the union."
    doc, ms = _mentions(annotated, body)
    rej = [m for m in ms if m.type == "REJECT"]
    assert rej and doc.body[rej[0].actor_spans[0][0] : rej[0].actor_spans[0][1]].endswith(
        "Transport Services"
    )


def test_events_prospective_nominal_is_not_an_event(annotated) -> None:  # type: ignore[no-untyped-def]
    _, ms = _mentions(annotated, "Ozal spoke to reporters ahead of the IMF talks with Brazil.")
    assert [m for m in ms if m.mode == "talks"] == []


def test_events_partitive_object_of_light_verb(annotated) -> None:  # type: ignore[no-untyped-def]
    doc, ms = _mentions(
        annotated, "Canada and Norway have had a series of rounds of talks on fishing rights."
    )
    (m,) = [m for m in ms if m.type == "CONSULT"]
    assert m.trigger.text.endswith("talks")
    assert sorted(doc.body[s:e] for s, e in m.actor_spans) == ["Canada", "Norway"]


def test_events_frame_nominal_takes_the_modality_of_its_verb(annotated) -> None:  # type: ignore[no-untyped-def]
    _, ms = _mentions(annotated, "He said Peter Holm would chair the committee during the talks.")
    assert [m for m in ms if m.type == "CONSULT"] == []


def test_events_pending_meeting_is_not_an_event(annotated) -> None:  # type: ignore[no-untyped-def]
    _, ms = _mentions(annotated, "The dates for the Holm-Berg meeting have yet to be set.")
    assert [m for m in ms if m.type == "CONSULT"] == []


def test_events_generic_nominal_is_not_an_event(annotated) -> None:  # type: ignore[no-untyped-def]
    _, ms = _mentions(annotated, "Norway said Canada has emerged as a force in any multilateral trade talks.")
    assert [m for m in ms if m.type == "CONSULT"] == []


def test_events_coordinated_verbs_share_their_object(annotated) -> None:  # type: ignore[no-untyped-def]
    doc, ms = _mentions(
        annotated, "Two Turkish warships attacked and destroyed a Greek patrol boat on Monday."
    )
    m = next(m for m in ms if m.type == "ASSAULT")
    assert {doc.body[s:e] for s, e in m.actor_spans} == {"Turkish", "Greek"}


def test_events_located_name_is_not_an_actor(annotated) -> None:  # type: ignore[no-untyped-def]
    _, ms = _mentions(annotated, "Many teachers in Oslo refused to accept the new contract.")
    assert [m for m in ms if m.type == "REJECT"] == []


def test_events_refusal_to_comment_is_no_event(annotated) -> None:  # type: ignore[no-untyped-def]
    _, ms = _mentions(annotated, "Finance Minister Peter Holm declined to comment on the report.")
    assert [m for m in ms if m.type == "REJECT"] == []


def test_events_nominal_call_for_is_a_demand(annotated) -> None:  # type: ignore[no-untyped-def]
    _, ms = _mentions(annotated, "Norway's call for an end to the subsidy war received support from Canada.")
    assert "CONSULT" not in {m.type for m in ms}


def test_events_recommended_sanctions_are_not_imposed(annotated) -> None:  # type: ignore[no-untyped-def]
    _, ms = _mentions(annotated, "The council was recommending trade sanctions against Norway.")
    assert [m for m in ms if m.type == "SANCTION"] == []


def test_events_passive_relative_without_agent_has_no_doer(annotated) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The situation was bad in the Central Asian republic of Kazakhstan, which has been severely "
        "criticised since the ousting of its leader."
    )
    _, ms = _mentions(annotated, text)
    assert [m for m in ms if m.type == "ACCUSE"] == []  # Kazakhstan is criticised, by no one named


def test_events_undated_reduced_relative_describes_its_noun(annotated) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Nakasone said problems exist over more seats on the exchange for foreign firms, one of the "
        "main steps urged by the U.S. delegation."
    )
    _, ms = _mentions(annotated, text)
    assert [m for m in ms if m.type == "DEMAND"] == []
    text = "Mexico signed an accord, part of a restructuring agreed with Britain last year."
    _, ms = _mentions(annotated, text)
    assert [m.date_from for m in ms if m.trigger.text == "agreed"] == [dt.date(2023, 1, 1)]


def test_events_object_of_the_agreed_act_is_a_target(annotated) -> None:  # type: ignore[no-untyped-def]
    doc, ms = _mentions(annotated, "The Soviet Union has agreed to supply Iran with refined oil products.")
    (m,) = [m for m in ms if m.type == "AGREE"]
    assert [doc.body[s:e] for s, e in m.actor_spans] == ["Soviet Union", "Iran"]
    text = "Iran and Norway have agreed to hold talks on an exchange of Iranian crude for Norwegian products."
    doc, ms = _mentions(annotated, text)
    (m,) = [m for m in ms if m.type == "AGREE"]
    assert [doc.body[s:e] for s, e in m.actor_spans] == ["Iran", "Norway"]  # the talks' topic is not a party


def test_events_alleged_act_is_not_stated(annotated) -> None:  # type: ignore[no-untyped-def]
    text = "Naidoo accused SATS of applying racist labour policies by threatening to replace the strikers."
    _, ms = _mentions(annotated, text)
    assert [m for m in ms if m.type == "THREATEN"] == []
    text = "Naidoo criticised the state-run Transport Services for refusing to recognise it."
    _, ms = _mentions(annotated, text)
    assert [m.type for m in ms if m.trigger.text == "refusing"] == ["REJECT"]  # presupposed: an act


def test_events_copular_definition_is_no_new_act(annotated) -> None:  # type: ignore[no-untyped-def]
    text = "The Louvre pact is an agreement between the Group of Seven countries to promote stability."
    _, ms = _mentions(annotated, text)
    assert [m for m in ms if m.trigger.text == "agreement"] == []


def test_events_pronoun_skips_a_person_of_the_other_gender(annotated) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Margaret Thatcher said she was pleased with the visit.\n"
        "Mr Ryzhkov said the mood was good, and she had agreed with Ryzhkov on new trade targets."
    )
    doc, ms = _mentions(annotated, text)
    (m,) = [m for m in ms if m.type == "AGREE"]
    assert [doc.body[s:e] for s, e in m.actor_spans] == ["Margaret Thatcher", "Ryzhkov"]


def test_events_listed_person_parsed_as_appositive_is_a_participant() -> None:
    # "Ann Lee, Bo Park and Cy Kim met.", parsed with "Bo Park" as Ann Lee's appositive
    body = "Ann Lee, Bo Park and Cy Kim met."
    rows = [  # (text, lemma, pos, tag, dep, head)
        ("Ann", "Ann", "PROPN", "NNP", "compound", 1),
        ("Lee", "Lee", "PROPN", "NNP", "nsubj", 8),
        (",", ",", "PUNCT", ",", "punct", 1),
        ("Bo", "Bo", "PROPN", "NNP", "compound", 4),
        ("Park", "Park", "PROPN", "NNP", "appos", 1),
        ("and", "and", "CCONJ", "CC", "cc", 4),
        ("Cy", "Cy", "PROPN", "NNP", "compound", 7),
        ("Kim", "Kim", "PROPN", "NNP", "conj", 4),
        ("met", "meet", "VERB", "VBD", "ROOT", 8),
        (".", ".", "PUNCT", ".", "punct", 8),
    ]
    toks, pos = [], 0
    for text, lemma, upos, tag, dep, head in rows:
        start = body.index(text, pos)
        pos = start + len(text)
        toks.append(Token(start=start, end=pos, lemma=lemma, pos=upos, tag=tag, dep=dep, head=head, sent=0))
    names = ["Ann Lee", "Bo Park", "Cy Kim"]
    mentions = tuple(
        Mention(start=body.index(n), end=body.index(n) + len(n), text=n, label="PERSON", sent=0)
        for n in names
    )
    doc = AnnotatedDocument(
        doc_id="d",
        body=body,
        dct=DCT,
        sentences=(Sentence(start=0, end=len(body)),),
        tokens=tuple(toks),
        mentions=mentions,
        timexes=(),
    )
    line = BodyLine(body_start=0, body_end=len(body), raw_start=0, raw_end=len(body))
    clean = CleanDocument(doc_id="d", body=body, lines=(line,), published=DCT)
    (m,) = extract_event_mentions(doc, clean)
    assert [body[s:e] for s, e in m.actor_spans] == names


def test_events_habitual_bare_plural_is_no_act(annotated) -> None:  # type: ignore[no-untyped-def]
    text = "He spoke after talks with the Danish ministers, who currently chair meetings of EC ministers."
    _, ms = _mentions(annotated, text)
    assert [m for m in ms if m.trigger.text == "meetings"] == []


def test_events_lending_to_someone_named_is_aid(annotated) -> None:  # type: ignore[no-untyped-def]
    doc, ms = _mentions(annotated, "The World Bank has lent Indonesia 10.7 billion dlrs.")
    (m,) = ms
    assert (m.type, m.trigger.text) == ("AID", "lent")
    assert [doc.body[s:e] for s, e in m.actor_spans] == ["World Bank", "Indonesia"]
    _, ms = _mentions(annotated, "Lending to the Philippines is designed to support its balance of payments.")
    assert [m for m in ms if m.type == "AID"] == []


def test_events_alleging_that_accuses_the_clause_subject(annotated) -> None:  # type: ignore[no-untyped-def]
    doc, ms = _mentions(annotated, "Pik Botha has alleged that the ANC is planning a campaign of violence.")
    (m,) = [m for m in ms if m.trigger.text == "alleged"]
    assert m.type == "ACCUSE"
    assert [doc.body[s:e] for s, e in m.actor_spans] == ["Pik Botha", "ANC"]
    text = "TransAmerican filed a lawsuit against Coastal that alleges the company is gaining control."
    _, ms = _mentions(annotated, text)
    assert [m for m in ms if m.trigger.text == "alleges"] == []


def test_events_teaming_up_is_cooperation(annotated) -> None:  # type: ignore[no-untyped-def]
    doc, ms = _mentions(annotated, "Siemens AG has teamed up with Jeumont-Schneider in a bid for CGCT.")
    (m,) = [m for m in ms if m.type == "COOPERATE"]
    assert m.trigger.text == "teamed up"
    assert [doc.body[s:e] for s, e in m.actor_spans] == ["Siemens AG", "Jeumont-Schneider"]


def test_events_subject_it_stands_for_the_named_state_before(annotated) -> None:  # type: ignore[no-untyped-def]
    body = "Iran is claiming full repayment of the loan. It has also asked France to curb the dissidents."
    doc, ms = _mentions(annotated, body)
    (m,) = [m for m in ms if m.type == "DEMAND"]
    assert [doc.body[s:e] for s, e in m.actor_spans] == ["Iran", "France"]
    body = "The agreement was signed in May. It has also asked France to curb the dissidents."
    _, ms = _mentions(annotated, body)
    assert [m for m in ms if m.type == "DEMAND"] == []


def test_events_here_on_a_visit_is_the_named_subjects(annotated) -> None:  # type: ignore[no-untyped-def]
    body = "John Duffy, here on a three-day visit after talks in Japan, said progress has been made."
    doc, ms = _mentions(annotated, body)
    (m,) = [m for m in ms if m.mode == "visit"]
    assert [doc.body[s:e] for s, e in m.actor_spans] == ["John Duffy"]


def test_events_reported_progressive_is_under_way(annotated) -> None:  # type: ignore[no-untyped-def]
    _doc, ms = _mentions(annotated, "Officials said American and Japanese negotiators are meeting in Tokyo.")
    (m,) = [m for m in ms if m.type == "CONSULT"]
    assert not m.negated
    _, ms = _mentions(annotated, "He said the Nigerians are attempting to negotiate with the Paris Club.")
    assert [m for m in ms if m.type == "CONSULT"] == []
