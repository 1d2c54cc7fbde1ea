"""Fixtures of the web tests: the hand-made ledger, an app over it, and a live uvicorn server."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from fastapi.testclient import TestClient

from newsledger.web import JsonLedgerReader, create_app

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "ledger.json"


@pytest.fixture(scope="session")
def ledger() -> dict[str, Any]:
    with open(FIXTURE, encoding="utf-8") as fh:
        data: dict[str, Any] = json.load(fh)
    return data


@pytest.fixture(scope="session")
def reader(ledger: dict[str, Any]) -> JsonLedgerReader:
    return JsonLedgerReader(ledger)


@pytest.fixture(scope="session")
def client(reader: JsonLedgerReader) -> TestClient:
    return TestClient(create_app(reader), raise_server_exceptions=False)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


class LiveServer:
    """uvicorn serving an app on 127.0.0.1 in a daemon thread; ``stop()`` shuts it down."""

    def __init__(self, app: Any) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning", access_log=False)
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def start(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.05)
        return self

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture(scope="session")
def live_server(reader: JsonLedgerReader) -> Iterator[LiveServer]:
    srv = LiveServer(create_app(reader)).start()
    yield srv
    srv.stop()
