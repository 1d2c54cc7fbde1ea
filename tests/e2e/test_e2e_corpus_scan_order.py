"""The corpus stages read the annotations by unordered store scans (resolve twice, the ledger's documents
once after the stories stage, reconcile once): whatever order a scan meets the documents in, the corpus
outputs are the same; no annotated document is held through the stories stage."""

from __future__ import annotations

import gc
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import newsledger.stories
from newsledger.records import AnnotatedDocument
from newsledger.runner import run_corpus
from newsledger.store import Store

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples" / "corpus"
KINDS = (
    "entities",
    "links",
    "events",
    "stories",
    "assignments",
    "derivations",
    "contradictions",
    "timelines",
)


@pytest.fixture(scope="module")
def processed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("scan") / "ledger.duckdb"
    done = subprocess.run(
        [sys.executable, "-m", "newsledger", "run", str(EXAMPLES), "--db", str(db), "--workers", "1"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    return db


def _corpus_after_run(db: Path, tmp: Path, order: str, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    copy = tmp / f"{order}.duckdb"
    copy.write_bytes(db.read_bytes())
    with Store(str(copy)) as store:
        store.drop_state("story_state")  # the stories stage places every document again
    scans: list[list[str]] = []
    real = Store.outputs

    def outputs(self: Store, stage: str, cls: type[Any], ids: Any = None, **kw: Any) -> Iterator[Any]:
        got = list(real(self, stage, cls, ids, **kw))
        ordered = kw.get("ordered", True)
        if not ordered:
            got.sort(key=lambda r: r.doc_id, reverse=order == "reversed")
            scans.append([r.doc_id for r in got])
        return iter(got)

    monkeypatch.setattr(Store, "outputs", outputs)
    store = Store(copy)
    try:
        run_corpus(store, "scan-order")
        out = {k: store.corpus_payloads(k) for k in KINDS}
    finally:
        store.close()
        monkeypatch.undo()
    assert len(scans) >= 5  # clean, resolve's two passes, the ledger's documents, reconcile
    return out


def test_corpus_outputs_do_not_depend_on_the_scan_order(
    processed: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    forward = _corpus_after_run(processed, tmp_path, "forward", monkeypatch)
    backward = _corpus_after_run(processed, tmp_path, "reversed", monkeypatch)
    assert forward["stories"] and forward["entities"] and forward["events"]
    assert forward == backward


def test_a_story_state_kept_as_a_schema_1_blob_is_read_and_replaced_by_rows(
    processed: Path, tmp_path: Path
) -> None:
    from newsledger.stories import dump_state, state_from_rows

    copy = tmp_path / "v1.duckdb"
    copy.write_bytes(processed.read_bytes())
    with Store(str(copy)) as store:
        state = state_from_rows(store.state_rows("story_state"))
        assert state.docs
        before = {k: store.corpus_payloads(k) for k in KINDS}
        store.drop_state("story_state")
        store.put_blob("story_state", dump_state(state))  # as a schema-1 store kept it
        run_corpus(store, "from-blob")
        assert store.get_blob("story_state") is None
        assert dump_state(state_from_rows(store.state_rows("story_state"))) == dump_state(state)
        assert {k: store.corpus_payloads(k) for k in KINDS} == before


def test_no_annotated_document_is_held_through_the_stories_stage(
    processed: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the ledger's documents are read after the stories stage: story clustering and the rewrite check
    # (which loads the sentence encoder) run without them
    copy = tmp_path / "held.duckdb"
    copy.write_bytes(processed.read_bytes())
    held: dict[str, int] = {}
    ids: set[str] = set()

    def counting(name: str) -> Any:
        real = getattr(newsledger.stories, name)

        def spy(*args: Any, **kw: Any) -> Any:
            gc.collect()
            held[name] = sum(type(o) is AnnotatedDocument and o.doc_id in ids for o in gc.get_objects())
            return real(*args, **kw)

        return spy

    for name in ("update_stories", "find_derivations"):
        monkeypatch.setattr(newsledger.stories, name, counting(name))
    with Store(str(copy)) as store:
        store.drop_state("story_state")
        ids.update(store.processed_ids())  # other tests' documents may be alive in this process
        counts = run_corpus(store, "held")
        ledger = store.corpus_payloads("events")
    assert held == {"update_stories": 0, "find_derivations": 0}
    assert counts["events"] > 0 and len(ledger) == counts["events"]
