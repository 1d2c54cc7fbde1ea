"""The local engine's two kinds of worker: text workers run clean/annotate/events with torch blocked, model
workers embed; the halves joined give what ``process_batch`` gives, and an embedding failure rejects only
its own documents."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from newsledger.pipeline import TextStagesResult, finish_batch
from newsledger.records import Rejection

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples" / "corpus"

_TEXT_WORKER = """
import json, sys
from newsledger.engine.local import init_text_worker
init_text_worker()
from newsledger.ingest import read_inputs
from newsledger.pipeline import text_stages
from newsledger.records import RawDocument
raws = [d for d in read_inputs([sys.argv[1]]) if isinstance(d, RawDocument)]
got = text_stages(raws)
try:
    import torch  # noqa: F401
    torch_importable = True
except ImportError:
    torch_importable = False
print(json.dumps({
    "torch_importable": torch_importable,
    "rejected": sorted(got.rejected),
    "stages": {d: [o[0] for o in got.outputs[d]] for d in got.doc_ids},
    "embed": [doc_id for doc_id, _ in got.embed_input],
}))
"""


def test_text_stages_run_in_a_process_where_torch_cannot_be_imported() -> None:
    out = subprocess.run(
        [sys.executable, "-c", _TEXT_WORKER, str(EXAMPLES)],
        capture_output=True,
        text=True,
        timeout=600,
        check=True,
    )
    got = json.loads(out.stdout.strip().splitlines()[-1])
    assert got["torch_importable"] is False
    assert got["rejected"] == []
    assert len(got["stages"]) == 5
    assert all(stages == ["clean", "annotate", "events"] for stages in got["stages"].values())
    assert sorted(got["embed"]) == sorted(got["stages"])


def test_finish_batch_joins_the_halves_in_input_order() -> None:
    text = TextStagesResult(
        ["a", "b", "c", "d"],
        {
            "a": [("clean", "1", "{}")],
            "b": [],
            "c": [("clean", "1", "{}")],
            "d": [("clean", "1", "{}")],
        },
        {"b": Rejection(doc_id="b", stage="clean", reason="empty")},
        [("a", "text a"), ("c", "text c"), ("d", "text d")],
    )
    failed = Rejection(doc_id="c", stage="embed", reason="internal_error", detail="boom")
    results = finish_batch(text, [("embed", "2", "[1]"), failed, ("embed", "2", "[3]")])
    assert [r.doc_id for r in results] == ["a", "b", "c", "d"]
    assert results[0].outputs == (("clean", "1", "{}"), ("embed", "2", "[1]"))
    assert results[0].rejection is None
    assert results[1].rejection is not None and results[1].rejection.reason == "empty"
    assert results[2].rejection is failed and results[2].outputs == ()  # no partial document is stored
    assert results[3].outputs[-1] == ("embed", "2", "[3]")


# a text worker that embeds (first, before spaCy is ever loaded, when sys.argv[2] == "embed") and runs the
# text stages; prints their outputs, the embeddings and which backend thinc chose
_TEXT_WORKER_EMBEDS = """
import json, sys
from newsledger.engine.local import embed_in_text_worker, init_text_worker
init_text_worker()
from newsledger.ingest import read_inputs
from newsledger.pipeline import PipelineSettings, text_stages
from newsledger.records import RawDocument
raws = [d for d in read_inputs([sys.argv[1]]) if isinstance(d, RawDocument)]
embeds = sys.argv[2] == "embed"
if embeds:
    embed_in_text_worker([("warm", "A sentence to encode first.")], PipelineSettings())
got = text_stages(raws)
embedded = embed_in_text_worker(got.embed_input, PipelineSettings()) if embeds else []
import thinc.compat
print(json.dumps({
    "thinc_has_torch": thinc.compat.has_torch,
    "torch_loaded": sys.modules.get("torch") is not None,
    "outputs": got.outputs,
    "items": got.embed_input,
    "embedded": embedded,
}))
"""

_MODEL_WORKER_EMBEDS = """
import json, sys
from newsledger.engine.local import init_worker
init_worker()
from newsledger.pipeline import PipelineSettings, embed_stage
items = [tuple(x) for x in json.loads(sys.stdin.read())]
print(json.dumps(embed_stage(items, PipelineSettings())))
"""


def _last_json(args: list[str], stdin: str | None = None) -> object:
    out = subprocess.run(args, input=stdin, capture_output=True, text=True, timeout=600, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_a_text_worker_embeds_as_a_model_worker_does_and_its_text_stages_stay_on_numpy() -> None:
    plain = _last_json([sys.executable, "-c", _TEXT_WORKER_EMBEDS, str(EXAMPLES), "text"])
    got = _last_json([sys.executable, "-c", _TEXT_WORKER_EMBEDS, str(EXAMPLES), "embed"])
    assert isinstance(plain, dict) and isinstance(got, dict)
    assert plain["torch_loaded"] is False and plain["thinc_has_torch"] is False
    assert got["torch_loaded"] is True  # let in for the encoder, even before spaCy was loaded ...
    assert got["thinc_has_torch"] is False  # ... but thinc chose numpy
    assert got["outputs"] == plain["outputs"]  # clean, annotate and events as in a worker without torch
    assert len(got["items"]) == 5 and len(got["embedded"]) == 5
    assert all(e[0] == "embed" for e in got["embedded"])
    model = _last_json([sys.executable, "-c", _MODEL_WORKER_EMBEDS], json.dumps(got["items"]))
    assert model == got["embedded"]  # the same vectors, byte for byte
