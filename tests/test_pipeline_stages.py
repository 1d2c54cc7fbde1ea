"""The stage table: every stage's needs are provided by an earlier stage; versions are readable."""

from __future__ import annotations

from newsledger.pipeline import STAGES, stage_versions


def test_needs_are_met_earlier() -> None:
    provided: set[str] = set()
    for stage in STAGES:
        missing = set(stage.requires) - provided
        assert not missing, f"stage {stage.name} needs {missing} before it runs"
        provided |= set(stage.provides)


def test_document_stages_come_before_corpus_stages() -> None:
    levels = [s.level for s in STAGES]
    assert levels == sorted(levels, key=lambda lv: 0 if lv == "document" else 1)


def test_every_stage_has_a_version() -> None:
    versions = stage_versions()
    assert set(versions) == {s.name for s in STAGES}
    assert all(v and v != "absent" for v in versions.values()), versions
