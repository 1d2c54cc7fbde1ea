"""End to end on examples/corpus: a contract-valid export, every input accounted for, a re-run changes
nothing."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from contract_schema import check_export

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples" / "corpus"


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "newsledger", *args], capture_output=True, text=True, timeout=600, env=None
    )


@pytest.fixture(scope="module")
def run_twice(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    db = str(tmp_path_factory.mktemp("e2e") / "ledger.duckdb")
    first = _cli("run", str(EXAMPLES), "--db", db, "--workers", "1")
    assert first.returncode == 0, first.stderr
    export1 = _cli("export", "--db", db)
    second = _cli("run", str(EXAMPLES), "--db", db, "--workers", "1")
    assert second.returncode == 0, second.stderr
    export2 = _cli("export", "--db", db)
    return {"db": db, "first": first, "second": second, "export1": export1.stdout, "export2": export2.stdout}


def test_export_conforms_to_the_contract(run_twice: dict[str, Any]) -> None:
    obj = json.loads(run_twice["export1"])
    assert check_export(obj) == []


def test_summary_line_and_every_input_accounted_for(run_twice: dict[str, Any]) -> None:
    line = run_twice["first"].stdout.strip().splitlines()[-1]
    fields = dict(kv.split("=") for kv in line.split())
    assert {"processed", "rejected", "stories", "events"} <= set(fields)
    assert int(fields["processed"]) + int(fields["rejected"]) == 5
    docs = json.loads(run_twice["export1"])["documents"]
    assert sorted(d["id"] for d in docs) == sorted(p.stem for p in EXAMPLES.glob("*.txt"))


def test_all_sample_documents_are_processed(run_twice: dict[str, Any]) -> None:
    docs = json.loads(run_twice["export1"])["documents"]
    assert [d["status"] for d in docs] == ["processed"] * 5, [(d["id"], d["reason"]) for d in docs]


def test_second_run_changes_nothing(run_twice: dict[str, Any]) -> None:
    assert run_twice["export1"] == run_twice["export2"]
    fields = dict(kv.split("=") for kv in run_twice["second"].stdout.strip().splitlines()[-1].split())
    assert fields["new"] == "0" and fields["unchanged"] == "5"


def test_export_formats_round_trip(run_twice: dict[str, Any], tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    db = run_twice["db"]
    jl = _cli("export", "--db", db, "--format", "jsonl", "--what", "documents")
    assert jl.returncode == 0 and len(jl.stdout.strip().splitlines()) == 5
    for fmt in ("csv", "parquet"):
        out = tmp_path / fmt
        proc = _cli("export", "--db", db, "--format", fmt, "--out", str(out))
        assert proc.returncode == 0, proc.stderr
        assert sorted(p.stem for p in out.iterdir()) == sorted(
            ["documents", "entities", "events", "stories", "contradictions", "itineraries"]
        )
    assert pq.read_table(tmp_path / "parquet" / "documents.parquet").num_rows == 5
