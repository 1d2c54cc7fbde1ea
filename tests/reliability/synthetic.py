"""Deterministic synthetic news for the heavy reliability tests (kill points, Dask equality, ordering).

Wire-style articles built from templates over a pool of real-looking (invented) officials, places and
dates: enough variety for entities, events and stories to form, small enough to process quickly. What
it does not test: boilerplate removal (the text is clean) and real-world linguistic variety.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from pathlib import Path

PEOPLE = [
    ("Anna Keller", "foreign minister"),
    ("Rafael Ortiz", "trade minister"),
    ("Mei Lin Zhao", "vice premier"),
    ("Oleg Petrenko", "defence minister"),
    ("Amina Diallo", "president"),
    ("Tomas Novak", "prime minister"),
    ("Sara Haddad", "energy minister"),
    ("Kenji Sato", "finance minister"),
]
PLACES = [
    ("Vienna", "Austria"),
    ("Lima", "Peru"),
    ("Nairobi", "Kenya"),
    ("Hanoi", "Vietnam"),
    ("Oslo", "Norway"),
    ("Seoul", "South Korea"),
    ("Cairo", "Egypt"),
    ("Warsaw", "Poland"),
]
TOPICS = [
    "a trade agreement",
    "energy cooperation",
    "border security",
    "climate finance",
    "fisheries rules",
    "a rail link",
    "visa rules",
    "grain exports",
]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def article(i: int, rng: random.Random) -> dict[str, str]:
    (a, arole), (b, brole) = rng.sample(PEOPLE, 2)
    city, country = rng.choice(PLACES)
    topic = rng.choice(TOPICS)
    pub = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(0, 300))
    event_day = pub - dt.timedelta(days=rng.randrange(1, 4))
    wd = WEEKDAYS[event_day.weekday()]
    text = (
        f"{a} meets {b} in {city} on {topic}\n\n"
        f"{city.upper()}, {pub:%B} {pub.day} - {arole.capitalize()} {a} met {brole} {b} in {city} on {wd} "
        f"and the two sides agreed to deepen talks on {topic}, officials said.\n\n"
        f"{b} said {country} would host a follow-up meeting next month. The talks lasted two days.\n\n"
        f"Report number {i}."
    )
    return {"id": f"syn{i:05d}", "text": text, "published": pub.isoformat()}


def write_jsonl(path: Path, n: int, seed: int = 7) -> Path:
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            fh.write(json.dumps(article(i, rng)) + "\n")
    return path
