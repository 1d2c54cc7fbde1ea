"""Ingest: every input format of CONTRACT.md read into ``RawDocument`` records or ``Rejection``s.

Entry: :func:`read_inputs` streams documents from files, directories (recursively, in sorted order) and
``-`` (JSONL on stdin). Nothing is dropped: an unreadable file, a malformed JSONL line, a truncated WARC
record all become a ``Rejection`` with a stable reason code.
"""

from __future__ import annotations

import gzip
import io
import json
import logging
import os
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from newsledger.config import MAX_DECOMPRESSED_BYTES, MAX_DOCUMENT_BYTES
from newsledger.errors import InputError
from newsledger.ingest.decode import NotText, decode_bytes
from newsledger.records import InputFormat, RawDocument, Rejection, Span, content_hash

NAME = "ingest"
VERSION = "1"

log = logging.getLogger(__name__)

# ` date YYYY-MM-DD` at the very start of a page dump: a crawl/listing hint (see CONTRACT.md).
DATE_HINT = re.compile(r"\A[ \t]*date[ \t]+(\d{4}-\d{2}-\d{2})\b")

TEXT_SUFFIXES = {".txt", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
WARC_SUFFIXES = {".warc"}

# Longest JSONL line read; a longer line is rejected as too_large without holding it whole.
MAX_LINE_BYTES = MAX_DOCUMENT_BYTES + 1024


def _kind(path: Path) -> str | None:
    name = path.name.lower()
    if name.endswith(".jsonl.gz") or name.endswith(".ndjson.gz"):
        return "jsonl"
    if name.endswith(".warc.gz"):
        return "warc"
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        return "txt"
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    if suffix in WARC_SUFFIXES:
        return "warc"
    return None


def _sniff(data: bytes) -> str:
    head = data[:2048].lstrip().lower()
    if head.startswith(b"warc/"):
        return "warc"
    if head.startswith((b"<!doctype html", b"<html")) or b"<body" in head:
        return "html"
    if head.startswith(b"{"):
        return "jsonl"
    return "txt"


def iter_paths(inputs: Iterable[str]) -> Iterator[Path | None]:
    """Expand inputs to files (directories recursively, sorted); ``None`` stands for stdin (``-``)."""
    for item in inputs:
        if item == "-":
            yield None
            continue
        p = Path(item)
        if p.is_dir():
            for root, dirs, files in os.walk(p):
                dirs.sort()
                for f in sorted(files):
                    if not f.startswith("."):
                        yield Path(root) / f
        elif p.is_file():
            yield p
        else:
            raise InputError(f"input not found or not a file: {item}", path=item)


def read_inputs(inputs: Iterable[str]) -> Iterator[RawDocument | Rejection]:
    """Stream every document of every input. Raises :class:`InputError` only for a missing path."""
    for path in iter_paths(inputs):
        if path is None:
            yield from _read_jsonl_stream(sys.stdin.buffer, "<stdin>")
            continue
        try:
            yield from _read_path(path)
        except OSError as exc:
            yield Rejection(
                doc_id=path.stem, stage=NAME, reason="unreadable", detail=str(exc), source_path=str(path)
            )


def _read_path(path: Path) -> Iterator[RawDocument | Rejection]:
    kind = _kind(path)
    size = path.stat().st_size
    if kind in ("jsonl", "warc"):
        opener: Any
        if path.name.lower().endswith(".gz"):
            opener = _BoundedReader(gzip.open(path, "rb"), MAX_DECOMPRESSED_BYTES)  # noqa: SIM115 - closed below
        else:
            opener = open(path, "rb")  # noqa: SIM115 - closed below
        with opener as fh:
            if kind == "jsonl":
                yield from _read_jsonl_stream(fh, str(path))
            else:
                yield from _read_warc(fh, str(path))
        return
    doc_id = path.stem
    if size > MAX_DOCUMENT_BYTES:
        yield Rejection(
            doc_id=doc_id,
            stage=NAME,
            reason="too_large",
            detail=f"{size} bytes > {MAX_DOCUMENT_BYTES}",
            source_path=str(path),
        )
        return
    data = path.read_bytes()
    if kind is None:
        kind = _sniff(data)
        if kind in ("jsonl", "warc"):
            stream = io.BytesIO(data)
            yield from (
                _read_jsonl_stream(stream, str(path)) if kind == "jsonl" else _read_warc(stream, str(path))
            )
            return
    fmt = InputFormat.HTML if kind == "html" else InputFormat.TXT
    yield make_document(
        doc_id=doc_id,
        data=data,
        fmt=fmt,
        source_path=str(path),
        content_type="html" if kind == "html" else "text",
    )


def make_document(
    *,
    doc_id: str,
    data: bytes,
    fmt: InputFormat,
    source_path: str,
    content_type: str,
    url: str | None = None,
    meta: dict[str, Any] | None = None,
    text: str | None = None,
    encoding: str | None = None,
) -> RawDocument | Rejection:
    """Build a RawDocument from bytes (decoding them) or from already-decoded ``text``."""
    if len(data) > MAX_DOCUMENT_BYTES:
        return Rejection(
            doc_id=doc_id,
            stage=NAME,
            reason="too_large",
            detail=f"{len(data)} bytes > {MAX_DOCUMENT_BYTES}",
            source_path=source_path,
        )
    if text is None:
        try:
            text, encoding = decode_bytes(data)
        except NotText as exc:
            return Rejection(
                doc_id=doc_id,
                stage=NAME,
                reason="binary",
                detail=f"not text: looks like {exc.kind}",
                source_path=source_path,
                raw=data,
                content_hash=content_hash(data),
            )
    meta = meta or {}
    hint = None
    if content_type == "text":
        m = DATE_HINT.match(text)
        if m:
            hint = Span(start=m.start(1), end=m.end(1), text=m.group(1))
    return RawDocument(
        id=doc_id,
        format=fmt,
        raw=data,
        text=text,
        encoding=encoding or "utf-8",
        content_hash=content_hash(data),
        source_path=source_path,
        content_type=content_type,
        url=url or _str_or_none(meta.get("url")),
        date_hint=hint,
        meta_published=_str_or_none(meta.get("published")),
        meta_title=_str_or_none(meta.get("title")),
        meta_source=_str_or_none(meta.get("source")),
        meta_language=_str_or_none(meta.get("language")),
    )


def _str_or_none(v: object) -> str | None:
    return v if isinstance(v, str) and v.strip() else None


class _BoundedReader(io.RawIOBase):
    """A read-only stream that stops after ``limit`` bytes (gzip bombs) and remembers that it did."""

    def __init__(self, inner: Any, limit: int) -> None:
        self.inner = inner
        self.remaining = limit
        self.truncated = False

    def readable(self) -> bool:
        return True

    def readinto(self, b: Any) -> int:
        if self.remaining <= 0:
            if self.inner.read(1):
                self.truncated = True
            return 0
        n = min(len(b), self.remaining)
        try:
            chunk = self.inner.read(n)
        except (OSError, EOFError) as exc:  # corrupt or truncated gzip
            raise _CorruptStream(str(exc)) from exc
        b[: len(chunk)] = chunk
        self.remaining -= len(chunk)
        return len(chunk)

    def close(self) -> None:
        self.inner.close()
        super().close()


class _CorruptStream(OSError):
    pass


def _read_lines(fh: IO[bytes]) -> Iterator[tuple[int, bytes | None]]:
    """Lines of a binary stream; an over-long line is yielded as None (and skipped to its end)."""
    buffered: Any = fh if isinstance(fh, io.BufferedIOBase) else io.BufferedReader(fh)
    lineno = 0
    while True:
        line = buffered.readline(MAX_LINE_BYTES)
        if not line:
            return
        lineno += 1
        if len(line) >= MAX_LINE_BYTES and not line.endswith(b"\n"):
            while True:
                rest = buffered.readline(MAX_LINE_BYTES)
                if not rest or rest.endswith(b"\n"):
                    break
            yield lineno, None
            continue
        yield lineno, line


def _read_jsonl_stream(fh: IO[bytes], source: str) -> Iterator[RawDocument | Rejection]:
    base = Path(source).name
    try:
        for lineno, line in _read_lines(fh):
            where = f"{source}:{lineno}"
            fallback_id = f"{base}:{lineno}"
            if line is None:
                yield Rejection(
                    doc_id=fallback_id,
                    stage=NAME,
                    reason="too_large",
                    detail=f"line over {MAX_LINE_BYTES} bytes",
                    source_path=where,
                )
                continue
            if not line.strip():
                continue
            yield _jsonl_record(line, fallback_id, where)
    except _CorruptStream as exc:
        yield Rejection(
            doc_id=f"{base}:corrupt",
            stage=NAME,
            reason="corrupt_compressed_stream",
            detail=str(exc),
            source_path=source,
        )
    if isinstance(fh, _BoundedReader) and fh.truncated:
        yield Rejection(
            doc_id=f"{base}:rest",
            stage=NAME,
            reason="decompression_limit",
            detail=f"stream decompresses past {MAX_DECOMPRESSED_BYTES} bytes; rest not read",
            source_path=source,
        )


def _jsonl_record(line: bytes, fallback_id: str, where: str) -> RawDocument | Rejection:
    try:
        obj = json.loads(line)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        return Rejection(
            doc_id=fallback_id,
            stage=NAME,
            reason="malformed_json",
            detail=str(exc)[:300],
            source_path=where,
            raw=line,
            content_hash=content_hash(line),
        )
    if not isinstance(obj, dict):
        return Rejection(
            doc_id=fallback_id,
            stage=NAME,
            reason="malformed_record",
            detail="a JSONL line must be an object",
            source_path=where,
            raw=line,
            content_hash=content_hash(line),
        )
    raw_id = obj.get("id")
    doc_id = str(raw_id) if isinstance(raw_id, (str, int)) and str(raw_id).strip() else None
    if doc_id is None:
        return Rejection(
            doc_id=fallback_id,
            stage=NAME,
            reason="missing_id",
            detail="record has no string 'id'",
            source_path=where,
            raw=line,
            content_hash=content_hash(line),
        )
    html, text = obj.get("html"), obj.get("text")
    if isinstance(html, str):
        content, ctype = html, "html"
    elif isinstance(text, str):
        content, ctype = text, "text"
    else:
        return Rejection(
            doc_id=doc_id,
            stage=NAME,
            reason="missing_text",
            detail="record has neither 'text' nor 'html' as a string",
            source_path=where,
            raw=line,
            content_hash=content_hash(line),
        )
    content = content.replace("\x00", "\ufffd")
    data = content.encode("utf-8", "surrogatepass")
    return make_document(
        doc_id=doc_id,
        data=data,
        fmt=InputFormat.JSONL,
        source_path=where,
        content_type=ctype,
        meta=obj,
        text=content.encode("utf-8", "replace").decode("utf-8"),
        encoding="utf-8",
    )


class _CountingReader(io.RawIOBase):
    """Counts the bytes read through it (to find a WARC's trailing partial record)."""

    def __init__(self, inner: IO[bytes]) -> None:
        self.inner = inner
        self.count = 0

    def readable(self) -> bool:
        return True

    def readinto(self, b: Any) -> int:
        chunk = self.inner.read(len(b))
        b[: len(chunk)] = chunk
        self.count += len(chunk)
        return len(chunk)


def _read_warc(fh: IO[bytes], source: str) -> Iterator[RawDocument | Rejection]:
    """Every HTML ``response`` record; a record cut short (declared length not there) is rejected."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    name = Path(source).name
    counter = _CountingReader(fh)
    stream = io.BufferedReader(counter)
    it = ArchiveIterator(stream)
    n = 0
    last_end = 0
    while True:
        try:
            record = next(it)
        except StopIteration:
            break
        except (ArchiveLoadFailed, OSError, EOFError, ValueError, AttributeError, TypeError) as exc:
            # warcio raises AttributeError/TypeError on a header cut mid-line (URI missing)
            yield Rejection(
                doc_id=f"{name}:record{n + 1}",
                stage=NAME,
                reason="truncated_warc",
                detail=str(exc)[:300],
                source_path=source,
            )
            return
        n += 1
        if not record.rec_type or record.rec_headers.get_header("Content-Length") is None:
            yield Rejection(
                doc_id=f"{name}:record{n}",
                stage=NAME,
                reason="truncated_warc",
                detail="record header cut short (no type or length)",
                source_path=source,
            )
            return
        rec_id = record.rec_headers.get_header("WARC-Record-ID") or f"{name}:record{n}"
        doc_id = rec_id.strip("<>")
        url = record.rec_headers.get_header("WARC-Target-URI")
        is_response = record.rec_type == "response"
        ctype = (record.http_headers.get_header("Content-Type") if record.http_headers else "") or ""
        try:
            payload = record.content_stream().read(MAX_DOCUMENT_BYTES + 1) if is_response else b""
            it.read_to_end(record)
        except (OSError, EOFError, ValueError) as exc:
            yield Rejection(
                doc_id=doc_id, stage=NAME, reason="truncated_warc", detail=str(exc)[:300], source_path=source
            )
            return
        last_end = it.get_record_offset() + it.get_record_length()
        if getattr(record.raw_stream, "limit", 0):
            yield Rejection(
                doc_id=doc_id,
                stage=NAME,
                reason="truncated_warc",
                detail=f"record ends {record.raw_stream.limit} bytes before its declared length",
                source_path=source,
                raw=payload,
                content_hash=content_hash(payload),
            )
            continue
        if not is_response:
            continue
        if "html" not in ctype.lower() and _sniff(payload) != "html":
            yield Rejection(
                doc_id=doc_id,
                stage=NAME,
                reason="not_html",
                detail=f"response content type {ctype!r}",
                source_path=source,
            )
            continue
        yield make_document(
            doc_id=doc_id,
            data=payload,
            fmt=InputFormat.WARC,
            source_path=source,
            content_type="html",
            url=url,
        )
    rest = stream.read()
    total = counter.count
    if rest.strip() or total - last_end > len(rest) + 4:  # records end with one CRLF CRLF
        yield Rejection(
            doc_id=f"{name}:record{n + 1}",
            stage=NAME,
            reason="truncated_warc",
            detail=f"{total - last_end} bytes after the last whole record are a cut-off record",
            source_path=source,
        )
