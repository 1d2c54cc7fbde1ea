"""Local engine: the spawned workers of a killed run exit on their own instead of lingering; workers
replaced after their quota of batches give the same results."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples" / "corpus"


def _workers(proc: psutil.Process) -> list[psutil.Process]:
    out = []
    for child in proc.children(recursive=True):
        try:
            if "spawn_main" in " ".join(child.cmdline()):
                out.append(child)
        except psutil.Error:
            continue
    return out


def test_workers_exit_when_the_run_is_killed(tmp_path: Path) -> None:
    cmd = [sys.executable, "-m", "newsledger", "run", str(EXAMPLES), "--db", str(tmp_path / "s.duckdb")]
    proc = subprocess.Popen([*cmd, "--workers", "2"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    main = psutil.Process(proc.pid)
    workers: list[psutil.Process] = []
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        workers = _workers(main)
        if workers:
            break
        time.sleep(0.2)
    assert workers, "the run never started a worker"
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    _gone, alive = psutil.wait_procs(workers, timeout=30)
    for p in alive:
        p.kill()
    assert not alive, f"{len(alive)} worker(s) outlived the killed run"


def test_recycled_workers_give_the_same_results() -> None:
    from newsledger.engine.local import run_local
    from newsledger.ingest import read_inputs
    from newsledger.pipeline import PipelineSettings, process_batch
    from newsledger.records import RawDocument

    raws = [d for d in read_inputs([str(EXAMPLES)]) if isinstance(d, RawDocument)]
    batches = [raws[i : i + 2] for i in range(0, len(raws), 2)]
    settings = PipelineSettings()
    got = []
    for results in run_local(batches, workers=2, settings=settings, max_batches_per_worker=1):
        got.extend((r.doc_id, r.outputs, r.rejection) for r in results)
    want = [(r.doc_id, r.outputs, r.rejection) for b in batches for r in process_batch(b, settings)]
    assert got == want
    assert len(batches) > 2  # more batches than workers: some ran on a replacement worker
