"""The local engine's scheduler: where embedding is the slower half (the CPU), the text worker embeds
finished batches itself instead of waiting; the model worker never takes a whole batch there; results
leave complete and in input order."""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import pytest

from newsledger.engine import local
from newsledger.pipeline import PipelineSettings, TextStagesResult


@dataclass(frozen=True)
class _Raw:
    id: str


class _Calls:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.names: list[str] = []

    def add(self, name: str) -> None:
        with self.lock:
            self.names.append(name)


def _fakes(monkeypatch: pytest.MonkeyPatch, text_s: float, embed_s: float) -> _Calls:
    calls = _Calls()

    def text_stages(raws: Sequence[_Raw]) -> TextStagesResult:
        calls.add("text")
        time.sleep(text_s * len(raws))
        ids = [r.id for r in raws]
        return TextStagesResult(ids, {d: [("clean", "1", d)] for d in ids}, {}, [(d, d) for d in ids])

    def embed(items: Sequence[tuple[str, str]], by: str) -> list[tuple[str, str, str]]:
        calls.add(by)
        time.sleep(embed_s * len(items))
        return [("embed", by, d) for d, _ in items]

    def process_batch(raws: Sequence[_Raw], _settings: PipelineSettings) -> None:
        calls.add("whole")
        raise AssertionError("a whole batch on the CPU")

    monkeypatch.setattr(local, "text_stages", text_stages)
    monkeypatch.setattr(local, "embed_stage", lambda items, _s: embed(items, "model"))
    monkeypatch.setattr(local, "embed_in_text_worker", lambda items, _s: embed(items, "text"))
    monkeypatch.setattr(local, "process_batch", process_batch)
    return calls


def _run(n_batches: int) -> list[tuple[str, tuple[tuple[str, str, str], ...]]]:
    batches = [[_Raw(f"d{b}-{i}") for i in range(4)] for b in range(n_batches)]
    with ThreadPoolExecutor(1) as text_pool, ThreadPoolExecutor(1) as model_pool:
        out = local._schedule(
            iter(batches),
            text_pool,  # type: ignore[arg-type]
            1,
            model_pool,  # type: ignore[arg-type]
            1,
            PipelineSettings(),
        )
        got = [(r.doc_id, r.outputs) for results in out for r in results]
    assert [d for d, _ in got] == [r.id for b in batches for r in b]  # complete, in input order
    assert all(len(o) == 2 and o[0][0] == "clean" and o[1][0] == "embed" for _, o in got)
    return got


def test_the_text_worker_embeds_when_the_model_worker_falls_behind(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _fakes(monkeypatch, text_s=0.002, embed_s=0.01)  # embedding 5x the text stages
    got = _run(24)
    by = [o[1][1] for _, o in got]
    assert "whole" not in calls.names
    assert by.count("text") >= 4 and by.count("model") >= 4  # both embed: neither waits for the other


def test_the_text_worker_does_not_embed_when_the_model_worker_keeps_up(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls = _fakes(monkeypatch, text_s=0.01, embed_s=0.001)  # embedding the cheap half
    got = _run(12)
    assert "whole" not in calls.names
    # only the last batches, once none is left to take, may be embedded by the text worker
    assert [o[1][1] for _, o in got][:32] == ["model"] * 32
