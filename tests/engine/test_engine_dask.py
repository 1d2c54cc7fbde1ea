"""Issue #11: the Dask engine gives exactly the local engine's export on the same input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "tests" / "reliability"))

from synthetic import write_jsonl  # noqa: E402

pytestmark = pytest.mark.slow


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "newsledger", *args], capture_output=True, text=True,
                          timeout=900)


def _export(db: str) -> dict[str, Any]:
    proc = _run("export", "--db", db)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)  # type: ignore[no-any-return]


@pytest.mark.parametrize("source", ["examples", "synthetic500"])
def test_dask_and_local_exports_are_identical(source: str, tmp_path: Path) -> None:
    inp = (str(REPO / "examples" / "corpus") if source == "examples"
           else str(write_jsonl(tmp_path / "syn.jsonl", 500)))
    local, dask = str(tmp_path / "local.duckdb"), str(tmp_path / "dask.duckdb")
    p1 = _run("run", inp, "--db", local, "--workers", "2")
    assert p1.returncode == 0, p1.stderr[-3000:]
    p2 = _run("run", inp, "--db", dask, "--engine", "dask", "--workers", "2")
    assert p2.returncode == 0, p2.stderr[-3000:]
    assert _export(local) == _export(dask)
