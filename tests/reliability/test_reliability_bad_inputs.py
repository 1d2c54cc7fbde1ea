"""Issue #12: every input accounted for across a corpus of the worst inputs; the run exits 0."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from typing import Any

import pytest
from badcorpus import build

pytestmark = pytest.mark.slow


def _cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "newsledger", *args],
        capture_output=True,
        text=True,
        timeout=900,
        env={**os.environ, **(env or {})},
    )


@pytest.fixture(scope="module")
def bad_run(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    root = tmp_path_factory.mktemp("bad")
    corpus = root / "corpus"
    what = build(corpus)
    db = str(root / "bad.duckdb")
    env = {"NEWSLEDGER_MAX_DECOMPRESSED_BYTES": str(32 * 1024 * 1024)}
    proc = _cli("run", str(corpus), "--db", db, "--workers", "1", env=env)
    export = _cli("export", "--db", db, "--what", "documents")
    return {"what": what, "proc": proc, "docs": json.loads(export.stdout) if export.returncode == 0 else None}


def test_run_exits_zero(bad_run: dict[str, Any]) -> None:
    assert bad_run["proc"].returncode == 0, bad_run["proc"].stderr[-3000:]


def test_every_document_ends_processed_or_rejected_with_a_reason(bad_run: dict[str, Any]) -> None:
    docs = bad_run["docs"]
    assert docs
    for d in docs:
        assert d["status"] in ("processed", "rejected"), d["id"]
        if d["status"] == "rejected":
            assert d["reason"] and d["reason"] != "internal_error", (d["id"], d["reason"])


def test_summary_counts_add_up(bad_run: dict[str, Any]) -> None:
    line = bad_run["proc"].stdout.strip().splitlines()[-1]
    f = {k: int(v) for k, v in (kv.split("=") for kv in line.split())}
    assert f["processed"] + f["rejected"] == len(bad_run["docs"]) == f["seen"]


def test_good_documents_around_bad_ones_are_processed(bad_run: dict[str, Any]) -> None:
    by_id = {d["id"]: d for d in bad_run["docs"]}
    for doc_id in (
        "good_1",
        "good_2",
        "jl_good_0",
        "jl_good_1",
        "jl_good_2",
        "utf16_bom",
        "utf16_nobom",
        "mixed_encodings",
        "invalid_utf8",
        "nul_bytes",
        "dup",
    ):
        assert by_id[doc_id]["status"] == "processed", (doc_id, by_id[doc_id]["reason"])
    assert "Geneva" in by_id["utf16_nobom"]["body"]


@pytest.mark.parametrize(
    ("doc_id", "reason"),
    [
        ("image", "binary"),
        ("program", "binary"),
        ("huge_50mb", "too_large"),
        ("mixed.jsonl:2", "malformed_json"),
        ("mixed.jsonl:4", "malformed_record"),
        ("no_text", "missing_text"),
    ],
)
def test_specific_rejection_reasons(bad_run: dict[str, Any], doc_id: str, reason: str) -> None:
    by_id = {d["id"]: d for d in bad_run["docs"]}
    assert by_id[doc_id]["status"] == "rejected" and by_id[doc_id]["reason"] == reason


def test_duplicate_id_with_other_content_is_kept_apart(bad_run: dict[str, Any]) -> None:
    dups = [d for d in bad_run["docs"] if d["id"].startswith("dup")]
    assert len(dups) == 2
    assert {d["reason"] for d in dups if d["status"] == "rejected"} == {"duplicate_id"}


def test_gzip_bomb_is_bounded(bad_run: dict[str, Any]) -> None:
    reasons = {d["reason"] for d in bad_run["docs"] if d["id"].startswith("bomb")}
    assert "decompression_limit" in reasons


def test_truncated_warc_is_accounted_for(bad_run: dict[str, Any]) -> None:
    warc = [d for d in bad_run["docs"] if "warc" in d["id"] or d["id"].startswith("urn:uuid")]
    assert warc and any(d["status"] == "processed" for d in warc)
