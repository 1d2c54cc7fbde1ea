"""Bytes -> text with the encoding choice recorded, and binary detection.

Order (first that holds wins):
1. a BOM (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE);
2. BOM-less UTF-16, recognised by NULs on every other byte of ASCII-heavy text;
3. binary by magic number or by NUL bytes -> not text;
4. strict UTF-8;
5. UTF-8 with cp1252 for the byte runs that are not UTF-8 (covers pure cp1252/latin-1 files and pages that
   mix the two, a common scrape artefact): recorded as ``utf-8+cp1252``.
"""

from __future__ import annotations

import codecs

# Magic numbers of binary formats that turn up among scraped files.
BINARY_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"\x7fELF", "elf"),
    (b"GIF87a", "gif"),
    (b"GIF89a", "gif"),
    (b"\xff\xd8\xff", "jpeg"),
    (b"%PDF-", "pdf"),
    (b"PK\x03\x04", "zip"),
    (b"\x1f\x8b", "gzip"),
    (b"MZ", "exe"),
)

# A text is taken as BOM-less UTF-16 when at least this share of its even (LE) or odd (BE) bytes are NUL
# in the first 4 kB: ASCII-range text in UTF-16 has ~100%; binaries rarely show the regular pattern.
UTF16_NUL_SHARE = 0.7
# NUL bytes in a non-UTF-16 prefix above this share mean binary (text never has NULs; one stray NUL in a
# page dump is kept and replaced later, many are not text).
BINARY_NUL_SHARE = 0.01

# C0 control bytes that text never carries (tab, newlines, form feed and ESC aside) ...
_CONTROL: tuple[int, ...] = (*range(0, 9), 11, *range(14, 27), *range(28, 32), 127)
# ... and the share of them above which the bytes are binary (real page dumps measured: 0).
BINARY_CONTROL_SHARE = 0.05

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def _cp1252_fallback(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    bad = exc.object[exc.start : exc.end]
    return bad.decode("cp1252", errors="replace"), exc.end


codecs.register_error("newsledger-cp1252", _cp1252_fallback)


class NotText(ValueError):
    """The bytes are not text; ``kind`` names what they look like (``png``, ``elf``, ``binary``)."""

    def __init__(self, kind: str) -> None:
        super().__init__(kind)
        self.kind = kind


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode ``data``; returns ``(text, encoding)``. Raises :class:`NotText` for binary input."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            body = data[len(bom) :]
            name = "utf-8" if enc == "utf-8-sig" else enc
            return body.decode(name, errors="replace"), enc
    head = data[:4096]
    if len(head) >= 4:
        even, odd = head[0::2], head[1::2]
        if odd and odd.count(0) / len(odd) >= UTF16_NUL_SHARE and even.count(0) / len(even) < 0.1:
            return data.decode("utf-16-le", errors="replace"), "utf-16-le"
        if even and even.count(0) / len(even) >= UTF16_NUL_SHARE and odd.count(0) / len(odd) < 0.1:
            return data.decode("utf-16-be", errors="replace"), "utf-16-be"
    for magic, kind in BINARY_MAGIC:
        if data.startswith(magic):
            raise NotText(kind)
    if head and head.count(0) / len(head) > BINARY_NUL_SHARE:
        raise NotText("binary")
    if head and sum(head.count(c) for c in _CONTROL) / len(head) > BINARY_CONTROL_SHARE:
        raise NotText("binary")
    try:
        text = data.decode("utf-8")
        enc = "utf-8"
    except UnicodeDecodeError:
        text = data.decode("utf-8", errors="newsledger-cp1252")
        enc = "utf-8+cp1252"
    if "\x00" in text:
        text = text.replace("\x00", "\ufffd")
    return text, enc
