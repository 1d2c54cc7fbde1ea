"""Speed of the web app on a synthetic 500-document ledger: story page server time, /api/stories load.

The ledger is generated here (seeded, export-shaped: stories of 2 to 80 documents, ~2 KB bodies with
entity mentions, events with sources, contradictions, itineraries) and served by uvicorn in a separate
process on 127.0.0.1 (``JsonLedgerReader``; ``--from-json`` serves a real export instead, and
``--reader MODULE:CALLABLE --source PATH`` any other ``LedgerReader``, e.g. the store's DuckDB one).

* story page: ``GET /stories/{id}`` for the largest story and 30 others, repeated; server time is read
  from the ``Server-Timing`` header the app sets (request in -> response start, which covers rendering).
* API, closed loop: ``--clients`` keep-alive client threads hit ``/api/stories`` for ``--seconds``:
  requests per second and latency percentiles as seen by the clients (client overhead included).
* API, open loop: requests scheduled at ``--rate`` (200/s) for ``--seconds``; p99 from the scheduled time.

Bars (issue #10): story page < 300 ms server time; /api/stories >= 200 req/s with p99 < 100 ms.
Measurements only, no assertions. Run: ``.venv/bin/python bench/bench_web.py [--clients N] [--seconds S]``.
Writes bench/results_web.json.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]

FIRST = [
    "Marta",
    "Jonas",
    "Aiko",
    "Ravi",
    "Lucia",
    "Tomas",
    "Amara",
    "Chen",
    "Olga",
    "Samir",
    "Ines",
    "Pavel",
]
LAST = ["Lindqvist", "Okafor", "Tanaka", "Mehta", "Ferreira", "Novak", "Diallo", "Wei", "Petrova", "Haddad"]
PLACES = [
    "Hanoi",
    "Manila",
    "Antwerp",
    "Nairobi",
    "Lima",
    "Oslo",
    "Dhaka",
    "Tbilisi",
    "Accra",
    "Quito",
    "Perth",
]
ORGS = ["Federation of Dock Workers", "Northern Grid Company", "Coastal Fisheries Board", "Harbour Authority"]
OUTLETS = ["Nordic Wire", "Coastal Times", "Manila Ledger", "Harbour Post", "NetWatch", "Daily Meridian"]
TYPES = [("CONSULT", "meeting"), ("AGREE", "agreement"), ("PROTEST", "strike"), ("DEMAND", "statement")]
VERBS = ["met", "held talks with", "signed an accord with", "criticised", "called on"]


def synthetic_ledger(n_docs: int = 500, seed: int = 7) -> dict[str, Any]:
    """An export-shaped ledger of ``n_docs`` documents in stories of 2-80 documents."""
    rng = random.Random(seed)
    people = [f"{f} {last}" for f in FIRST for last in LAST]
    sizes = [80, 40, 30, 20, 20]
    while sum(sizes) < n_docs:
        sizes.append(min(rng.randint(2, 12), n_docs - sum(sizes)))
    ents: dict[str, dict[str, Any]] = {}

    def ent(name: str, etype: str) -> dict[str, Any]:
        key = f"ent_{abs(hash((name, etype))) % 16**16:016x}"
        return ents.setdefault(
            key, {"id": key, "name": name, "type": etype, "aliases": [name], "mentions": []}
        )

    docs, events, stories, contras = [], [], [], []
    d_i = 0
    base = 19_700
    for s_i, size in enumerate(sizes):
        cast = rng.sample(people, 4)
        places = rng.sample(PLACES, 3)
        org = rng.choice(ORGS)
        day0 = base + s_i * 3
        doc_ids, ev_ids = [], []
        story_id = f"st_{s_i:016x}"
        sent_index: list[tuple[str, int, int, list[tuple[int, int]]]] = []
        for k in range(size):
            doc_id = f"{d_i:04d}_synthetic"
            d_i += 1
            parts: list[str] = []
            pos = 0
            for _ in range(rng.randint(9, 14)):
                a, b = rng.sample(cast, 2)
                place = rng.choice(places)
                sent = f"{a} {rng.choice(VERBS)} {b} in {place} on Tuesday, the {org} said in a statement."
                start = pos
                spans = []
                for name, etype in ((a, "PERSON"), (b, "PERSON"), (place, "GPE"), (org, "ORG")):
                    i = sent.index(name)
                    ent(name, etype)["mentions"].append(
                        {"doc": doc_id, "start": start + i, "end": start + i + len(name), "text": name}
                    )
                    spans.append((start + i, start + i + len(name)))
                parts.append(sent)
                sent_index.append((doc_id, start, start + len(sent), spans))
                pos += len(sent) + 1
            body = "\n".join(parts)
            published = _date(day0 + k // 10)
            docs.append(
                {
                    "id": doc_id,
                    "url": f"https://example.org/{doc_id}",
                    "title": f"{cast[0]} and {cast[1]} in {places[0]}: report {k}",
                    "outlet": rng.choice(OUTLETS),
                    "agency": None,
                    "published": published,
                    "published_evidence": None,
                    "language": "en",
                    "status": "processed",
                    "reason": None,
                    "body": body,
                    "story_id": story_id,
                    "derived_from": doc_ids[-1] if doc_ids and rng.random() < 0.2 else None,
                    "content_hash": f"{d_i:064x}",
                }
            )
            doc_ids.append(doc_id)
        for e_i in range(max(2, size // 2)):
            etype, mode = rng.choice(TYPES)
            srcs = rng.sample(sent_index, min(len(sent_index), rng.randint(1, 6)))
            ev_id = f"ev_{s_i:08x}{e_i:08x}"
            events.append(
                {
                    "id": ev_id,
                    "type": etype,
                    "mode": mode,
                    "actors": cast[:2],
                    "place": places[e_i % 3],
                    "date": _date(day0 + e_i % 9) if e_i % 7 else None,
                    "date_to": None,
                    "date_precision": "day",
                    "sources": [
                        {
                            "doc": d,
                            "sentence": {"start": s, "end": e},
                            "slots": {
                                "actors": [list(x) for x in sp[:2]],
                                "place": list(sp[2]),
                                "date": None,
                            },
                        }
                        for d, s, e, sp in srcs
                    ],
                    "independent_sources": len(srcs),
                    "confidence": 0.8,
                }
            )
            ev_ids.append(ev_id)
        cited = rng.sample(sent_index, 4)
        stories.append(
            {
                "id": story_id,
                "title": f"{cast[0]} meets {cast[1]} in {places[0]}",
                "doc_ids": doc_ids,
                "first_published": _date(day0),
                "last_published": _date(day0 + (size - 1) // 10),
                "event_ids": ev_ids,
                "summary": [
                    {"text": f"Summary sentence {j}.", "citations": [{"doc": d, "start": s, "end": e}]}
                    for j, (d, s, e, _) in enumerate(cited)
                ],
            }
        )
        contras.append(
            {
                "id": f"ctr_{s_i:016x}",
                "story_id": story_id,
                "subject": f"event:{ev_ids[0]}:date",
                "values": [
                    {
                        "value": _date(day0),
                        "sources": [{"doc": cited[0][0], "start": cited[0][1], "end": cited[0][2]}],
                    },
                    {
                        "value": _date(day0 + 1),
                        "sources": [{"doc": cited[1][0], "start": cited[1][1], "end": cited[1][2]}],
                    },
                ],
            }
        )
    itins = []
    for p in people:
        evs = [e for e in events if p in e["actors"] and e["date"]]
        if evs:
            itins.append(
                {
                    "actor": p,
                    "actor_id": ent(p, "PERSON")["id"],
                    "stops": [
                        {
                            "place": e["place"],
                            "date_from": e["date"],
                            "date_to": e["date"],
                            "event_ids": [e["id"]],
                        }
                        for e in sorted(evs, key=lambda e: e["date"])
                    ],
                }
            )
    return {
        "documents": docs,
        "entities": sorted(ents.values(), key=lambda e: e["id"]),
        "events": events,
        "stories": stories,
        "contradictions": contras,
        "itineraries": itins,
    }


def _date(day: int) -> str:
    import datetime as dt

    return (dt.date(1970, 1, 1) + dt.timedelta(days=day)).isoformat()


def serve(path: str, port: int, factory: str | None = None) -> None:
    """Child process: uvicorn serving the app over the ledger at ``path``.

    ``factory`` (``module:callable``) builds the reader from ``path`` (e.g. a DuckDB reader from a store
    path); without it ``path`` is an export JSON read by ``JsonLedgerReader``.
    """
    import importlib
    import logging

    import uvicorn

    from newsledger.web import JsonLedgerReader, create_app

    logging.basicConfig(level=logging.WARNING)
    if factory:
        mod, _, name = factory.partition(":")
        target: Any = importlib.import_module(mod)
        for part in name.split("."):
            target = getattr(target, part)
        reader = target(path)
    else:
        reader = JsonLedgerReader.from_path(path)
    app = create_app(reader)
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning", access_log=False)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _get(conn: http.client.HTTPConnection, path: str) -> tuple[int, float, float]:
    t0 = time.perf_counter()
    conn.request("GET", path)
    r = conn.getresponse()
    r.read()
    wall = (time.perf_counter() - t0) * 1000
    timing = r.getheader("server-timing") or "app;dur=nan"
    return r.status, wall, float(timing.split("dur=")[1])


def pct(xs: list[float], p: float) -> float:
    s = sorted(xs)
    return s[min(len(s) - 1, round(p / 100 * (len(s) - 1)))] if s else float("nan")


def story_pages(port: int, ledger: dict[str, Any], repeats: int) -> dict[str, Any]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    stories = sorted(ledger["stories"], key=lambda s: len(s["doc_ids"]), reverse=True)
    largest = stories[0]
    others = stories[1:31]
    for s in stories[:3]:
        _get(conn, f"/stories/{s['id']}")  # warm up templates
    big = [_get(conn, f"/stories/{largest['id']}") for _ in range(repeats)]
    rest = [_get(conn, f"/stories/{s['id']}") for s in others for _ in range(max(1, repeats // 5))]
    conn.close()
    assert all(st == 200 for st, _, _ in big + rest)
    return {
        "largest_story_docs": len(largest["doc_ids"]),
        "largest_story_events": len(largest["event_ids"]),
        "largest_server_ms_median": round(statistics.median(x for _, _, x in big), 2),
        "largest_server_ms_max": round(max(x for _, _, x in big), 2),
        "largest_wall_ms_median": round(statistics.median(w for _, w, _ in big), 2),
        "other_stories": len(others),
        "others_server_ms_median": round(statistics.median(x for _, _, x in rest), 2),
        "others_server_ms_p95": round(pct([x for _, _, x in rest], 95), 2),
    }


def load(port: int, path: str, clients: int, seconds: float) -> dict[str, Any]:
    lat: list[list[float]] = [[] for _ in range(clients)]
    errors: list[str] = []
    start = time.perf_counter()
    stop = start + seconds

    def run(i: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        try:
            while time.perf_counter() < stop:
                status, wall, _ = _get(conn, path)
                if status != 200:
                    errors.append(str(status))
                lat[i].append(wall)
        except Exception as exc:  # reported in the results, not raised: this is a measurement
            errors.append(repr(exc))
        finally:
            conn.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    took = time.perf_counter() - start
    allv = [x for xs in lat for x in xs]
    return {
        "path": path,
        "clients": clients,
        "seconds": round(took, 2),
        "requests": len(allv),
        "errors": len(errors),
        "req_per_s": round(len(allv) / took, 1),
        "p50_ms": round(pct(allv, 50), 2),
        "p90_ms": round(pct(allv, 90), 2),
        "p99_ms": round(pct(allv, 99), 2),
        "max_ms": round(max(allv, default=float("nan")), 2),
    }


def load_at_rate(port: int, path: str, rate: float, seconds: float, workers: int = 20) -> dict[str, Any]:
    """Open loop: requests scheduled at ``rate`` per second; latency counts from the scheduled time, so a
    slow server cannot hide its queueing (no coordinated omission)."""
    total = int(rate * seconds)
    start = time.perf_counter() + 0.2
    lock = threading.Lock()
    nxt = [0]
    lat: list[float] = []
    errors: list[str] = []

    def run() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        try:
            while True:
                with lock:
                    i = nxt[0]
                    nxt[0] += 1
                if i >= total:
                    return
                due = start + i / rate
                delay = due - time.perf_counter()
                if delay > 0:
                    time.sleep(delay)
                status, _, _ = _get(conn, path)
                done = time.perf_counter()
                with lock:
                    lat.append((done - due) * 1000)
                    if status != 200:
                        errors.append(str(status))
        except Exception as exc:  # reported in the results, not raised: this is a measurement
            errors.append(repr(exc))
        finally:
            conn.close()

    threads = [threading.Thread(target=run) for _ in range(workers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    took = time.perf_counter() - start
    return {
        "path": path,
        "target_rate": rate,
        "achieved_req_per_s": round(len(lat) / took, 1),
        "requests": len(lat),
        "errors": len(errors),
        "p50_ms": round(pct(lat, 50), 2),
        "p99_ms": round(pct(lat, 99), 2),
        "max_ms": round(max(lat, default=float("nan")), 2),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--docs", type=int, default=500)
    ap.add_argument("--clients", type=int, default=8, help="concurrent keep-alive clients for the API load")
    ap.add_argument("--seconds", type=float, default=10.0)
    ap.add_argument(
        "--rate", type=float, default=200.0, help="open-loop request rate for the p99 measurement"
    )
    ap.add_argument("--repeats", type=int, default=30, help="story page requests for the largest story")
    ap.add_argument("--from-json", help="serve this export instead of a synthetic ledger")
    ap.add_argument(
        "--reader",
        metavar="MODULE:CALLABLE",
        help="with --from-json EXPORT --source PATH: serve the reader CALLABLE(PATH) builds (e.g. over a "
        "store made from the same documents); EXPORT then only names the stories to request",
    )
    ap.add_argument("--source", help="what --reader opens (e.g. a .duckdb path)")
    ap.add_argument("--serve", nargs=2, metavar=("PATH", "PORT"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.serve:
        serve(args.serve[0], int(args.serve[1]), args.reader)
        return 0
    if args.reader and not (args.from_json and args.source):
        ap.error("--reader needs --from-json and --source")
    with tempfile.TemporaryDirectory() as tmp:
        if args.from_json:
            path = args.from_json
            with open(path, encoding="utf-8") as fh:
                ledger = json.load(fh)
        else:
            ledger = synthetic_ledger(args.docs)
            path = os.path.join(tmp, "ledger.json")
            with open(path, "w", encoding="utf-8") as fh:
                json.dump(ledger, fh)
        port = _free_port()
        cmd = [sys.executable, __file__, "--serve", path, str(port)]
        if args.reader:
            cmd = [sys.executable, __file__, "--serve", args.source, str(port), "--reader", args.reader]
        proc = subprocess.Popen(cmd)
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=1).close()
                    break
                except OSError:
                    if time.monotonic() > deadline or proc.poll() is not None:
                        raise RuntimeError("server did not start") from None
                    time.sleep(0.2)
            results = {
                "documents": len(ledger["documents"]),
                "stories": len(ledger["stories"]),
                "events": len(ledger["events"]),
                "story_page": story_pages(port, ledger, args.repeats),
                "api_stories": load(port, "/api/stories", args.clients, args.seconds),
                "api_stories_at_rate": load_at_rate(port, "/api/stories", args.rate, args.seconds),
                "cpu_count": os.cpu_count(),
                "load_average": os.getloadavg(),
            }
        finally:
            proc.terminate()
            proc.wait(timeout=20)
    sp, api, fixed = results["story_page"], results["api_stories"], results["api_stories_at_rate"]
    results["bars"] = {
        "story_page_under_300ms": sp["largest_server_ms_max"] < 300,
        "api_at_least_200_rps": api["req_per_s"] >= 200,
        "api_p99_under_100ms_closed_loop": api["p99_ms"] < 100,
        "api_p99_under_100ms_at_200_rps": fixed["achieved_req_per_s"] >= 0.95 * args.rate
        and fixed["p99_ms"] < 100,
    }
    out = REPO / "bench" / "results_web.json"
    out.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    sys.stdout.write(json.dumps(results, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
