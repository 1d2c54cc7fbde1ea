"""``fixed_mmap_threshold``: large buffers get pages of their own even after glibc raised its threshold.

Checked in fresh interpreters through glibc's own counter of mmapped bytes (``mallinfo2().hblkhd``)."""

from __future__ import annotations

import ctypes.util
import json
import subprocess
import sys

import pytest

PROBE = r"""
import ctypes, ctypes.util, json, sys
from newsledger.textkit.memory import fixed_mmap_threshold

class MallInfo2(ctypes.Structure):
    _fields_ = [(k, ctypes.c_size_t) for k in
                ("arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks",
                 "fordblks", "keepcost")]

libc = ctypes.CDLL(ctypes.util.find_library("c"))
libc.mallinfo2.restype = MallInfo2

def mapped_by(nbytes):
    before = libc.mallinfo2().hblkhd
    buf = bytearray(nbytes)
    grew = libc.mallinfo2().hblkhd - before
    del buf
    return grew

big = bytearray(16 << 20)  # freed: glibc raises its threshold to 16 MB
del big
took = fixed_mmap_threshold(4 << 20) if sys.argv[1] == "fixed" else None
print(json.dumps({"took": took, "large": mapped_by(6 << 20), "small": mapped_by(1 << 20)}))
"""


def _has_mallinfo2() -> bool:
    name = ctypes.util.find_library("c")
    return bool(name) and hasattr(ctypes.CDLL(name), "mallinfo2")


@pytest.mark.skipif(not sys.platform.startswith("linux") or not _has_mallinfo2(), reason="glibc only")
def test_a_fixed_threshold_maps_large_buffers_after_the_default_threshold_rose() -> None:
    got = {}
    for mode in ("default", "fixed"):
        done = subprocess.run(
            [sys.executable, "-c", PROBE, mode], capture_output=True, text=True, timeout=120
        )
        assert done.returncode == 0, done.stderr
        got[mode] = json.loads(done.stdout)
    assert got["default"]["large"] == 0  # from the heap: the freed 16 MB block raised the threshold
    assert got["fixed"]["took"] is True
    assert got["fixed"]["large"] >= 6 << 20  # pages of its own, given back when freed
    assert got["fixed"]["small"] == got["default"]["small"] == 0
