"""A bounded loopback load test: 20 concurrent keep-alive clients for 10 s, every answer must be right.

Speed is measured in bench/bench_web.py; here only correctness under concurrency is asserted.
"""

from __future__ import annotations

import http.client
import json
import threading
import time
from typing import Any

import pytest

CLIENTS = 20
SECONDS = 10.0


@pytest.mark.slow
def test_twenty_clients_ten_seconds_no_errors(live_server: Any, ledger: dict[str, Any]) -> None:
    sid = ledger["stories"][0]["id"]
    paths = [
        "/api/stories",
        f"/api/stories/{sid}",
        f"/api/stories/{sid}/timeline",
        "/api/documents?limit=5",
        "/api/search?q=dock",
        "/",
        f"/stories/{sid}",
        "/documents/005_netwatch_strike",
        "/api/stories?limit=0",  # a 422 is the right answer here
        "/api/events/ev_0000000000000000",  # and a 404 here
    ]
    expected = {p: 200 for p in paths} | {paths[-2]: 422, paths[-1]: 404}
    counts = [0] * CLIENTS
    errors: list[str] = []
    stop = time.monotonic() + SECONDS

    def client(i: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", live_server.port, timeout=30)
        n = i
        try:
            while time.monotonic() < stop:
                path = paths[n % len(paths)]
                n += 1
                conn.request("GET", path)
                resp = conn.getresponse()
                body = resp.read()
                if resp.status != expected[path]:
                    errors.append(f"{path}: {resp.status}")
                elif path.startswith("/api/") and not isinstance(json.loads(body), (dict, list)):
                    errors.append(f"{path}: not JSON")
                counts[i] += 1
        except Exception as exc:  # a dropped connection or a timeout is exactly what this test looks for
            errors.append(f"client {i}: {exc!r}")
        finally:
            conn.close()

    threads = [threading.Thread(target=client, args=(i,)) for i in range(CLIENTS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=SECONDS + 40)
    assert not any(t.is_alive() for t in threads)
    assert errors == []
    assert all(c > 0 for c in counts), counts  # every client was served
