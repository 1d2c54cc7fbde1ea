"""Benchmark the resolve stage on synthetic news-like documents.

``bench(n)`` builds documents holding ``n`` entity mentions in all (about 20 per document): people with
romanised names from several naming traditions (full names, then surname-only short forms, hyphen
variants), organisations introduced as "Long Name (ACR)" and later as the acronym, countries by
name/abbreviation/demonym, capitals as places and as actors. Deterministic (seeded). Reports the resolve
wall time and CPU time for all documents at once (CPU time is the fair figure on a shared, loaded
machine), mentions/s, docs/s, ms/doc, the gazetteer's one-off load, and the exact-string grouping
baseline measured in the same run as a peer.

Run: ``.venv/bin/python bench/bench_resolve.py [N]`` (default 100000).
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from newsledger.records import AnnotatedDocument, Mention, Sentence  # noqa: E402
from newsledger.resolve import resolve_entities  # noqa: E402
from newsledger.resolve.gazetteer import gazetteer  # noqa: E402

SURNAMES = [
    "Kim",
    "Lee",
    "Park",
    "Wang",
    "Li",
    "Zhang",
    "Nguyen",
    "Tran",
    "Ivanov",
    "Petrov",
    "Haddad",
    "Al-Masri",
    "Tanaka",
    "Sato",
    "Rahimi",
    "Okafor",
]
SYLLABLES = [
    "song",
    "nam",
    "jong",
    "un",
    "hua",
    "ning",
    "yi",
    "min",
    "jun",
    "duc",
    "anh",
    "vlad",
    "sergei",
    "ahmad",
    "omar",
    "yusuf",
    "hiro",
    "reza",
    "ali",
    "bao",
]
ORG_WORDS = ["Central", "News", "Agency", "People's", "Party", "Council", "National", "Union", "Workers'",
             "Federation", "Institute", "Energy", "Trade", "Security", "Development", "Bank"]  # fmt: skip
COUNTRY_FORMS = ["North Korea", "DPRK", "China", "Vietnam", "Việt Nam", "Russia", "Iran", "Laos", "U.S.",
                 "Japan", "South Korea", "Egypt"]  # fmt: skip
DEMONYMS = ["North Korean", "Chinese", "Vietnamese", "Russian", "Iranian", "Japanese", "American"]
CAPITALS = ["Pyongyang", "Beijing", "Hanoi", "Moscow", "Tehran", "Vientiane", "Tokyo", "Seoul", "Cairo"]


def _people(rng: random.Random, k: int) -> list[str]:
    out = []
    for _ in range(k):
        given = rng.choice(SYLLABLES).capitalize() + "-" + rng.choice(SYLLABLES)
        out.append(f"{rng.choice(SURNAMES)} {given}")
    return out


def _orgs(rng: random.Random, k: int) -> list[str]:
    return [" ".join(rng.sample(ORG_WORDS, rng.randint(2, 4))) for _ in range(k)]


def _acronym(name: str) -> str:
    return "".join(w[0] for w in name.split() if w[0].isupper())


class _DocBuilder:
    """Appends sentences made of (text, label) segments, recording mention and sentence offsets."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.mentions: list[Mention] = []
        self.sents: list[Sentence] = []
        self.pos = 0

    def emit(self, segments: list[tuple[str, str | None]]) -> None:
        start = self.pos
        sent = len(self.sents)
        for text, label in segments:
            if label is not None:
                self.mentions.append(
                    Mention(start=self.pos, end=self.pos + len(text), text=text, label=label, sent=sent)
                )
            self.parts.append(text)
            self.pos += len(text)
        self.sents.append(Sentence(start=start, end=self.pos))
        self.parts.append(" ")
        self.pos += 1


def synthetic_documents(n_mentions: int, per_doc: int = 20, seed: int = 7) -> list[AnnotatedDocument]:
    rng = random.Random(seed)
    people = _people(rng, max(50, n_mentions // 40))
    orgs = _orgs(rng, max(20, n_mentions // 200))
    docs: list[AnnotatedDocument] = []
    made = 0
    while made < n_mentions:
        b = _DocBuilder()
        cast = rng.sample(people, 3)
        org = rng.choice(orgs)
        acr = _acronym(org)
        b.emit(
            [(cast[0], "PERSON"), (" of the ", None), (org, "ORG"), (f" ({acr})", None), (" met ", None),
             (cast[1], "PERSON"), (" in ", None), (rng.choice(CAPITALS), "GPE"), (".", None)]
        )  # fmt: skip
        while len(b.mentions) < per_doc:
            p = rng.choice(cast)
            short = p.split()[0]
            variant = p.replace("-", " ") if rng.random() < 0.3 else p
            choice = rng.random()
            if choice < 0.3:
                b.emit(
                    [(short, "PERSON"), (" said ", None), (rng.choice(COUNTRY_FORMS), "GPE"),
                     (" would talk with ", None), (rng.choice(CAPITALS), "GPE"), (".", None)]
                )  # fmt: skip
            elif choice < 0.6:
                b.emit(
                    [("The ", None), (rng.choice(DEMONYMS), "NORP"), (" envoy ", None), (variant, "PERSON"),
                     (" told ", None), (acr, "ORG"), (".", None)]
                )  # fmt: skip
            else:
                b.emit(
                    [(rng.choice(CAPITALS), "GPE"), (" said ", None), (short, "PERSON"), (" and ", None),
                     (rng.choice(cast), "PERSON"), (" met.", None)]
                )  # fmt: skip
        docs.append(
            AnnotatedDocument(
                doc_id=f"synth-{len(docs):06d}",
                body="".join(b.parts),
                dct=None,
                sentences=tuple(b.sents),
                tokens=(),
                mentions=tuple(b.mentions),
                timexes=(),
            )
        )
        made += len(b.mentions)
    return docs


def bench(n: int = 100_000) -> dict[str, Any]:
    t0 = time.perf_counter()
    gazetteer()
    load_s = time.perf_counter() - t0
    docs = synthetic_documents(n)
    mentions = sum(len(d.mentions) for d in docs)
    t0, c0 = time.perf_counter(), time.process_time()
    res = resolve_entities(docs)
    resolve_s = time.perf_counter() - t0
    cpu_s = time.process_time() - c0  # CPU time: what the wall time would be on an idle core
    t0 = time.perf_counter()
    exact: dict[str, int] = {}
    for doc in docs:
        for m in doc.mentions:
            exact.setdefault(m.text.lower(), len(exact))
    exact_s = time.perf_counter() - t0
    return {
        "mentions": mentions,
        "docs": len(docs),
        "gazetteer_load_s": round(load_s, 3),
        "resolve_s": round(resolve_s, 3),
        "resolve_cpu_s": round(cpu_s, 3),
        "mentions_per_s": round(mentions / resolve_s, 1),
        "docs_per_s": round(len(docs) / resolve_s, 1),
        "ms_per_doc": round(1000 * resolve_s / len(docs), 3),
        "entities": len(res.entities),
        "links": len(res.links),
        "peers": {"exact_string_grouping_s": round(exact_s, 3)},
    }


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    for k, v in bench(n).items():
        print(f"{k:<22} {v}")


if __name__ == "__main__":
    main()
