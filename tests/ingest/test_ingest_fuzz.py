"""Fuzzing the ingest readers (issue #12): arbitrary bytes never raise; every record is accounted for."""

from __future__ import annotations

import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsledger.ingest import _read_jsonl_stream, _read_warc, make_document
from newsledger.records import InputFormat, RawDocument, Rejection

FUZZ = settings(max_examples=10_000, deadline=None, suppress_health_check=[HealthCheck.too_slow])

pytestmark = pytest.mark.slow

WARC_PREFIX = b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://x.test/\r\nContent-Length: "


@FUZZ
@given(st.binary(max_size=2048), st.sampled_from(["text", "html"]))
def test_make_document_never_raises(data: bytes, ctype: str) -> None:
    out = make_document(doc_id="d", data=data, fmt=InputFormat.TXT, source_path="d.txt", content_type=ctype)
    assert isinstance(out, (RawDocument, Rejection))
    if isinstance(out, RawDocument):
        assert out.raw == data
        if out.date_hint:
            assert out.text[out.date_hint.start : out.date_hint.end] == out.date_hint.text


@FUZZ
@given(st.lists(st.one_of(st.binary(max_size=200), st.text(max_size=200).map(str.encode)), max_size=8))
def test_jsonl_reader_never_raises_and_accounts_for_each_line(lines: list[bytes]) -> None:
    payload = b"\n".join(line.replace(b"\n", b" ") for line in lines)
    out = list(_read_jsonl_stream(io.BytesIO(payload), "f.jsonl"))
    non_blank = [ln for ln in payload.split(b"\n") if ln.strip()]
    assert len(out) == len(non_blank)


@FUZZ
@given(st.binary(max_size=600))
def test_warc_reader_never_raises(tail: bytes) -> None:
    for data in (tail, WARC_PREFIX + tail):
        out = list(_read_warc(io.BytesIO(data), "f.warc"))
        assert all(isinstance(o, (RawDocument, Rejection)) for o in out)
