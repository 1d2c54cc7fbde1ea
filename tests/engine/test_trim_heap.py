"""trim_heap: freed heap pages go back to the OS between batches (glibc), and it is harmless elsewhere."""

from __future__ import annotations

import ctypes.util
import platform

import pytest

from newsledger.textkit import memory


def test_trim_heap_releases_freed_pages_on_glibc() -> None:
    if platform.libc_ver()[0] != "glibc":
        pytest.skip("malloc_trim is glibc's")
    blocks = [bytearray(4096) for _ in range(20_000)]  # ~80 MB of small heap blocks, then freed
    del blocks
    assert memory.trim_heap() is True


def test_trim_heap_without_glibc_does_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ctypes.util, "find_library", lambda name: None)
    memory._glibc.cache_clear()
    try:
        assert memory.trim_heap() is False
    finally:
        memory._glibc.cache_clear()
