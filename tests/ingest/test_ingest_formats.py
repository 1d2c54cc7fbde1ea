"""Ingest readers: every CONTRACT.md format, encodings recorded, nothing dropped."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsledger.errors import InputError
from newsledger.ingest import read_inputs
from newsledger.ingest.decode import NotText, decode_bytes
from newsledger.records import InputFormat, RawDocument, Rejection


def _all(*paths: Path | str) -> list[RawDocument | Rejection]:
    return list(read_inputs([str(p) for p in paths]))


def test_txt_page_dump_keeps_raw_bytes_and_date_hint(tmp_path: Path) -> None:
    data = b" date 2024-03-22 Menu Content\n\nA headline\n\nBody text.\n"
    (tmp_path / "page1.txt").write_bytes(data)
    (doc,) = _all(tmp_path / "page1.txt")
    assert isinstance(doc, RawDocument)
    assert doc.id == "page1" and doc.format == InputFormat.TXT and doc.content_type == "text"
    assert doc.raw == data
    assert doc.date_hint is not None and doc.text[doc.date_hint.start : doc.date_hint.end] == "2024-03-22"


def test_directory_is_read_recursively_in_sorted_order(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.txt").write_text("zed")
    (tmp_path / "a.txt").write_text("a")
    (tmp_path / "c.html").write_text("<html><body><p>c</p></body></html>")
    ids = [d.id for d in _all(tmp_path) if isinstance(d, RawDocument)]
    assert ids == ["a", "c", "z"]


def test_html_file_is_html(tmp_path: Path) -> None:
    (tmp_path / "p.htm").write_text("<html><body><p>x</p></body></html>")
    (doc,) = _all(tmp_path / "p.htm")
    assert isinstance(doc, RawDocument) and doc.content_type == "html" and doc.format == InputFormat.HTML


def test_jsonl_and_gz_with_metadata_and_bad_lines(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "a", "text": "Alpha.", "url": "https://x.test/a", "published": "2024-03-25"}),
        "{not json",
        json.dumps({"id": "b", "html": "<p>Beta</p>", "title": "B"}),
        json.dumps({"text": "no id"}),
        json.dumps(["not", "an", "object"]),
        json.dumps({"id": "c"}),
        "",
    ]
    payload = ("\n".join(lines) + "\n").encode()
    (tmp_path / "f.jsonl").write_bytes(payload)
    (tmp_path / "g.jsonl.gz").write_bytes(gzip.compress(payload))
    for name in ("f.jsonl", "g.jsonl.gz"):
        out = _all(tmp_path / name)
        docs = [d for d in out if isinstance(d, RawDocument)]
        rej = [d for d in out if isinstance(d, Rejection)]
        assert [d.id for d in docs] == ["a", "b"]
        assert docs[0].meta_published == "2024-03-25" and docs[0].url == "https://x.test/a"
        assert docs[1].content_type == "html" and docs[1].meta_title == "B"
        assert sorted(r.reason for r in rej) == [
            "malformed_json",
            "malformed_record",
            "missing_id",
            "missing_text",
        ]


def _warc_bytes(truncate: int = 0) -> bytes:
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=False)
    for i in range(2):
        body = f"<html><body><p>Page {i} text.</p></body></html>".encode()
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        rec = writer.create_warc_record(
            f"https://example.test/{i}", "response", payload=io.BytesIO(body), http_headers=http
        )
        writer.write_record(rec)
    data = buf.getvalue()
    return data[: len(data) - truncate]


def test_warc_response_records_become_html_documents(tmp_path: Path) -> None:
    (tmp_path / "crawl.warc").write_bytes(_warc_bytes())
    out = _all(tmp_path / "crawl.warc")
    assert len(out) == 2 and all(isinstance(d, RawDocument) for d in out)
    assert {d.url for d in out if isinstance(d, RawDocument)} == {
        "https://example.test/0",
        "https://example.test/1",
    }


def test_truncated_warc_is_rejected_not_dropped(tmp_path: Path) -> None:
    (tmp_path / "cut.warc").write_bytes(_warc_bytes(truncate=60))
    out = _all(tmp_path / "cut.warc")
    assert isinstance(out[0], RawDocument)
    assert [d.reason for d in out if isinstance(d, Rejection)] == ["truncated_warc"]


@pytest.mark.parametrize("cut", [30, 150, 250, 350, 420, 460])
def test_warc_cut_anywhere_in_the_last_record_is_accounted_for(tmp_path: Path, cut: int) -> None:
    (tmp_path / "cut.warc").write_bytes(_warc_bytes(truncate=cut))
    out = _all(tmp_path / "cut.warc")
    assert isinstance(out[0], RawDocument)
    assert isinstance(out[-1], Rejection) and out[-1].reason == "truncated_warc"


def test_missing_path_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError):
        _all(tmp_path / "nope.txt")


@pytest.mark.parametrize(
    ("data", "encoding", "expected"),
    [
        ("Việt Nam".encode(), "utf-8", "Việt Nam"),
        ("\ufeffHello".encode(), "utf-8-sig", "Hello"),
        ("\ufeffHello".encode("utf-16-le"), "utf-16-le", "Hello"),
        ("\ufeffHello".encode("utf-16-be"), "utf-16-be", "Hello"),
        ("Hello world, plain".encode("utf-16-le"), "utf-16-le", "Hello world, plain"),
        ("café – naïve".encode("cp1252"), "utf-8+cp1252", "café – naïve"),
        ("Việt ".encode() + "café".encode("cp1252"), "utf-8+cp1252", "Việt café"),
    ],
)
def test_decoding_records_the_choice(data: bytes, encoding: str, expected: str) -> None:
    text, enc = decode_bytes(data)
    assert (text, enc) == (expected, encoding)


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 20, "png"),
        (b"\x7fELF\x02\x01\x01" + b"\x00" * 40, "elf"),
        (bytes(range(256)) * 4, "binary"),
    ],
)
def test_binary_is_not_text(data: bytes, kind: str) -> None:
    with pytest.raises(NotText) as info:
        decode_bytes(data)
    assert info.value.kind == kind
