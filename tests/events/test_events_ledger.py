"""Cross-document ledger, itineraries and the table view, on hand-built records."""

from __future__ import annotations

import datetime as dt
import random

from newsledger.events import build_itineraries, build_ledger, extract_event_mentions
from newsledger.events.view import format_events_table
from newsledger.records import (
    AnnotatedDocument,
    DatePrecision,
    Derivation,
    Entity,
    EventMention,
    Mention,
    MentionLink,
    Resolution,
    Sentence,
    Span,
)

NAMES = {
    "kim": ("Kim Song Nam", "PERSON", None),
    "wang": ("Wang Yi", "PERSON", None),
    "trung": ("Le Hoai Trung", "PERSON", None),
    "beijing": ("Beijing", "GPE", "CN"),
    "hanoi": ("Hanoi", "GPE", "VN"),
    "vientiane": ("Vientiane", "GPE", "LA"),
    "thong": ("Thongsavanh", "PERSON", None),
    "us": ("U.S.", "GPE", "US"),
    "usnavy": ("U.S. Naval forces", "ORG", None),
    "ussteel": ("U.S. Steel Works", "ORG", None),
    "iran": ("Iran", "GPE", "IR"),
}


def _doc(doc_id: str, words: list[str]) -> AnnotatedDocument:
    body = " ".join(NAMES[w][0] for w in words)
    mentions, pos = [], 0
    for w in words:
        name, label, _ = NAMES[w]
        mentions.append(Mention(start=pos, end=pos + len(name), text=name, label=label, sent=0))
        pos += len(name) + 1
    return AnnotatedDocument(
        doc_id=doc_id,
        body=body,
        dct=None,
        sentences=(Sentence(start=0, end=len(body)),),
        tokens=(),
        mentions=tuple(mentions),
        timexes=(),
    )


def _mention(
    doc: AnnotatedDocument,
    index: int,
    actors: list[int],
    place: int | None,
    day: dt.date | None,
    mode: str = "meeting",
    day_to: dt.date | None = None,
) -> EventMention:
    ms = doc.mentions
    return EventMention(
        doc_id=doc.doc_id,
        index=index,
        type="CONSULT",
        mode=mode,
        trigger=Span(start=0, end=len(ms[0].text), text=ms[0].text),
        sentence=Sentence(start=0, end=len(doc.body)),
        actor_spans=tuple((ms[i].start, ms[i].end) for i in actors),
        actor_mentions=tuple(actors),
        place_span=(ms[place].start, ms[place].end) if place is not None else None,
        place_text=ms[place].text if place is not None else None,
        date_span=(0, 1) if day else None,
        date_from=day,
        date_to=day_to or day,
        date_precision=DatePrecision.DAY if day else None,
        confidence=0.8,
    )


def _resolution(docs: list[AnnotatedDocument]) -> Resolution:
    ents, links = {}, []
    for d in docs:
        for k, m in enumerate(d.mentions):
            key = next(w for w, v in NAMES.items() if v[0] == m.text)
            ents[key] = Entity(
                id=f"ent_{key}",
                name=m.text,
                type=m.label,
                aliases=(m.text,),
                mentions=(),
                country=NAMES[key][2],
            )
            links.append(MentionLink(doc=d.doc_id, index=k, entity_id=f"ent_{key}"))
    return Resolution(entities=tuple(ents.values()), links=tuple(links))


def _corpus() -> tuple[list[EventMention], dict[str, AnnotatedDocument], Resolution]:
    sat, mon, fri = dt.date(2024, 3, 23), dt.date(2024, 3, 25), dt.date(2024, 3, 29)
    docs, ments = {}, []
    for i in range(5):  # one meeting, five reports (two undated, one without place)
        d = _doc(f"a{i}", ["kim", "wang", "beijing"])
        docs[d.doc_id] = d
        ments.append(_mention(d, 0, [0, 1], 2 if i != 3 else None, sat if i < 3 else None))
    d = _doc("b0", ["trung", "kim", "hanoi"])
    docs["b0"] = d
    ments.append(_mention(d, 0, [0, 1], 2, mon))
    ments.append(_mention(d, 1, [1], 2, mon, mode="visit", day_to=dt.date(2024, 3, 28)))
    d = _doc("c0", ["kim", "thong", "vientiane"])
    docs["c0"] = d
    ments.append(_mention(d, 0, [0, 1], 2, fri))
    d = _doc("c1", ["kim", "wang", "beijing"])  # same pair, a different day: a different event
    docs["c1"] = d
    ments.append(_mention(d, 0, [0, 1], 2, dt.date(2023, 5, 1)))
    return ments, docs, _resolution(list(docs.values()))


def test_events_five_reports_of_one_meeting_are_one_row() -> None:
    ments, docs, res = _corpus()
    evs = build_ledger(ments, docs, res, {}, ())
    beijing = [e for e in evs if e.place == "Beijing"]
    assert len(beijing) == 2
    main = next(e for e in beijing if e.date == dt.date(2024, 3, 23))
    assert len(main.sources) == 5 and main.independent_sources == 5
    assert main.actors == ("Kim Song Nam", "Wang Yi")
    assert 0 < main.confidence < 1


def test_events_derived_copies_are_not_independent() -> None:
    ments, docs, res = _corpus()
    der = [
        Derivation(doc_id="a1", derived_from="a0", kind="copy", score=1.0),
        Derivation(doc_id="a2", derived_from="a1", kind="copy", score=1.0),
    ]
    evs = build_ledger(ments, docs, res, {}, der)
    main = next(e for e in evs if e.date == dt.date(2024, 3, 23))
    assert main.independent_sources == 3


def test_events_ledger_is_order_independent() -> None:
    ments, docs, res = _corpus()
    a = build_ledger(ments, docs, res, {}, ())
    shuffled = list(ments)
    random.Random(7).shuffle(shuffled)
    assert build_ledger(shuffled, docs, res, {}, ()) == a
    assert len({e.id for e in a}) == len(a)


def test_events_itinerary_orders_countries_in_time() -> None:
    ments, docs, res = _corpus()
    its = {i.actor: i for i in build_itineraries(build_ledger(ments, docs, res, {}, ()))}
    kim = its["Kim Song Nam"]
    assert [s.place for s in kim.stops] == ["China", "Vietnam", "Laos"]
    viet = next(s for s in kim.stops if s.place == "Vietnam")
    assert (viet.date_from, viet.date_to) == (dt.date(2024, 3, 25), dt.date(2024, 3, 28))


def test_events_table_filters() -> None:
    ments, docs, res = _corpus()
    evs = build_ledger(ments, docs, res, {}, ())
    rows = format_events_table(evs, actor="thong", type="consult", date_from=None, date_to=None)
    assert len(rows) == 1 and rows[0]["place"] == "Vientiane"
    rows = format_events_table(
        evs, actor=None, type=None, date_from=dt.date(2024, 3, 24), date_to=dt.date(2024, 3, 26)
    )
    assert {r["date"] for r in rows} == {"2024-03-25"}
    assert format_events_table(evs, actor=None, type="ASSAULT", date_from=None, date_to=None) == []


def test_events_state_organ_merges_with_its_state() -> None:
    sat = dt.date(2024, 3, 23)
    a, b, c = _doc("n0", ["usnavy", "iran"]), _doc("n1", ["us", "iran"]), _doc("n2", ["ussteel", "iran"])
    docs = {d.doc_id: d for d in (a, b, c)}
    ments = [
        _mention(a, 0, [0, 1], None, sat),
        _mention(b, 0, [0, 1], None, None),
        _mention(c, 0, [0, 1], None, None),
    ]
    evs = build_ledger(ments, docs, _resolution([a, b, c]), {}, ())
    rows = sorted(sorted(s.doc for s in e.sources) for e in evs)
    assert rows == [["n0", "n1"], ["n2"]]  # a company named after the state is not the state
    merged = next(e for e in evs if len(e.sources) == 2)
    assert "U.S. Naval forces" in merged.actors  # the shown actors keep their own names


def test_events_lead_summary_with_unnamed_actors_joins_the_named_act(annotated) -> None:  # type: ignore[no-untyped-def]
    from eval.eval_events import resolve

    body = (
        "A senior Japanese trade official met U.S. negotiators in an effort to head off new tariffs.\n"
        "The vice minister, Makoto Kuroda, held talks with Deputy Trade Representative Michael Smith.\n"
        "Separately, an Argentine mission held talks with creditor banks."
    )
    doc, clean = annotated("lead0", body, dt.date(1987, 4, 9))
    ments = extract_event_mentions(doc, clean)
    evs = build_ledger(ments, {doc.doc_id: doc}, resolve([doc]), {doc.doc_id: doc.dct}, ())
    rows = sorted(sorted(clean.body[s.sentence[0] : s.sentence[0] + 9] for s in e.sources) for e in evs)
    # the lead's unnamed official joins the one named meeting; an unnamed actor outside the lead does not
    assert rows == [["A senior ", "The vice "], ["Separatel"]]


def test_events_definite_nominal_refers_back_in_its_report(annotated) -> None:  # type: ignore[no-untyped-def]
    from eval.eval_events import resolve

    body = (
        "Poland met the Paris Club of western creditor nations on its debt, diplomatic sources said.\n"
        "They said the discussions, led on the Polish side by deputy Finance Minister Andrzej Doroscz, "
        "were to renew contacts."
    )
    doc, clean = annotated("side0", body, dt.date(1987, 3, 31))
    ments = extract_event_mentions(doc, clean)
    disc = next(m for m in ments if m.trigger.text == "discussions")
    assert [body[s:e] for s, e in disc.actor_spans] == ["Andrzej Doroscz", "Polish"]  # whose side: a party
    evs = build_ledger(ments, {doc.doc_id: doc}, resolve([doc]), {doc.doc_id: doc.dct}, ())
    assert [len(e.sources) for e in evs if e.type == "CONSULT"] == [2]
