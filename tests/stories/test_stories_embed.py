"""Document vectors: unit length; under bfloat16 autocast the same vectors as float32 (cosine >= 0.999)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from newsledger.stories import embed
from newsledger.stories.embed import document_text, encode_texts

CORPUS = Path(__file__).resolve().parents[2] / "examples" / "corpus"


def _texts() -> list[str]:
    pages = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]
    # page leads plus single sentences: short and long inputs in one batch (padding differs)
    return [document_text(None, p) for p in pages] + [s for p in pages for s in p.split(". ")[:3]]


def test_vectors_are_unit_length_float32() -> None:
    vecs = encode_texts(_texts())
    assert vecs.dtype == np.float32 and vecs.shape[1] == 384
    assert np.allclose(np.linalg.norm(vecs, axis=1), 1.0, atol=1e-5)


def test_bfloat16_vectors_match_float32(monkeypatch: pytest.MonkeyPatch) -> None:
    import torch

    if not torch.ops.mkldnn._is_mkldnn_bf16_supported():
        pytest.skip("no oneDNN bfloat16 on this CPU")
    texts = _texts()
    # the same kernels run whether the CPU has native bfloat16 or oneDNN emulates it: force the autocast
    monkeypatch.setattr(embed, "cpu_bf16", lambda: True)
    fast = encode_texts(texts)
    monkeypatch.setattr(embed, "cpu_bf16", lambda: False)
    exact = encode_texts(texts)
    cos = (fast * exact).sum(axis=1)
    assert cos.min() >= 0.999
    assert not np.array_equal(fast, exact)  # the autocast did run


def test_bfloat16_only_with_native_support(monkeypatch: pytest.MonkeyPatch) -> None:
    import torch

    monkeypatch.setattr(torch.cpu, "_is_avx512_bf16_supported", lambda: False)
    monkeypatch.setattr(torch.cpu, "_is_amx_tile_supported", lambda: False)
    assert not embed.cpu_bf16()  # emulated bfloat16 is slower than float32
    monkeypatch.setattr(torch.cpu, "_is_avx512_bf16_supported", lambda: True)
    assert embed.cpu_bf16() == bool(torch.ops.mkldnn._is_mkldnn_bf16_supported())
    monkeypatch.setattr(embed, "EMBED_CPU_BF16", False)
    assert not embed.cpu_bf16()
