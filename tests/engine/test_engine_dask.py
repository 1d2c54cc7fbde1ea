"""Issue #11: the Dask engine gives exactly the local engine's export on the same input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "newsledger", *args], capture_output=True, text=True, timeout=900
    )


def _export(db: str) -> dict[str, Any]:
    proc = _run("export", "--db", db)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)  # type: ignore[no-any-return]


def test_dask_and_local_exports_are_identical_on_examples(tmp_path: Path) -> None:
    """The 500-document case shares its local reference run with the kill test (tests/reliability)."""
    inp = str(REPO / "examples" / "corpus")
    local, dask = str(tmp_path / "local.duckdb"), str(tmp_path / "dask.duckdb")
    p1 = _run("run", inp, "--db", local, "--workers", "2")
    assert p1.returncode == 0, p1.stderr[-3000:]
    p2 = _run("run", inp, "--db", dask, "--engine", "dask", "--workers", "2")
    assert p2.returncode == 0, p2.stderr[-3000:]
    assert _export(local) == _export(dask)
