"""Incremental runs on examples/corpus: documents added later get stories, earlier story ids stay."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples" / "corpus"


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    cmd = [sys.executable, "-m", "newsledger", *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=600)


def _documents(db: str) -> dict[str, dict[str, object]]:
    out = _cli("export", "--db", db, "--what", "documents")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    docs = data["documents"] if isinstance(data, dict) else data
    return {d["id"]: d for d in docs}


def test_second_run_places_new_documents_and_keeps_story_ids(tmp_path: Path) -> None:
    files = sorted(EXAMPLES.glob("*.txt"))
    first_dir, all_dir = tmp_path / "first", tmp_path / "all"
    first_dir.mkdir()
    all_dir.mkdir()
    for f in files[:3]:
        shutil.copy(f, first_dir / f.name)
    for f in files:
        shutil.copy(f, all_dir / f.name)
    db = str(tmp_path / "ledger.duckdb")

    assert _cli("run", str(first_dir), "--db", db, "--workers", "1").returncode == 0
    before = _documents(db)
    assert len(before) == 3 and all(d["story_id"] for d in before.values())

    second = _cli("run", str(all_dir), "--db", db, "--workers", "1")
    assert second.returncode == 0, second.stderr
    after = _documents(db)
    assert len(after) == len(files)
    assert all(d["story_id"] for d in after.values()), "a document added later has no story"
    for doc_id, d in before.items():
        assert after[doc_id]["story_id"] == d["story_id"], "a story id changed in an incremental run"
