"""Builds the bad-input corpus of issue #12 into a directory (big files are generated, not committed).

Each entry: file name -> what it exercises. Good documents sit around the bad ones; every one must end
``processed`` or ``rejected`` with a specific reason, and the run must exit 0.
"""

from __future__ import annotations

import io
import json
import zlib
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

GOOD_ARTICLE = (
    "Ministers agree on new river treaty\n\n"
    "GENEVA, May 4 - Environment ministers from six countries agreed on Tuesday to share data on the river's "
    "water levels, officials said after two days of talks in Geneva.\n\n"
    "The agreement, which takes effect next year, sets up a joint commission to monitor pollution. "
    "Delegates said the commission would meet twice a year and publish its findings.\n\n"
    "Critics said the deal did not go far enough to limit dams upstream.\n"
)

BOILERPLATE_ONLY = "\n".join(
    [
        "Home",
        "News",
        "Sport",
        "Weather",
        "Sign up for our newsletter",
        "Accept all cookies",
        "This website uses cookies to improve your experience.",
        "Share",
        "Tweet",
        "Follow us",
        "© 2024 Example Media. All rights reserved.",
        "Privacy policy",
        "Terms of use",
        "Read more",
    ]
)


def build(root: Path, *, big: bool = True) -> dict[str, str]:
    """Write the corpus under ``root``; returns {file name: what it exercises}."""
    root.mkdir(parents=True, exist_ok=True)
    what: dict[str, str] = {}

    def put(name: str, data: bytes, desc: str) -> None:
        (root / name).write_bytes(data)
        what[name] = desc

    put("good_1.txt", GOOD_ARTICLE.encode(), "good page dump")
    put(
        "good_2.txt",
        GOOD_ARTICLE.replace("six", "seven").replace("Geneva", "Vienna").encode(),
        "good page dump",
    )
    put("empty.txt", b"", "empty file")
    put("whitespace.txt", b"   \n\t\n  \r\n", "whitespace only")
    put("image.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, "PNG bytes named .txt")
    put("program.txt", b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 512, "ELF binary")
    put(
        "nul_bytes.txt", GOOD_ARTICLE.replace("officials", "offi\x00cials").encode(), "a NUL byte inside text"
    )
    put("invalid_utf8.txt", GOOD_ARTICLE.encode() + b"\xff\xfe\xfa broken tail \xc3\x28\n", "invalid UTF-8")
    put("utf16_bom.txt", GOOD_ARTICLE.replace("six", "five").encode("utf-16"), "UTF-16 with BOM")
    put("utf16_nobom.txt", GOOD_ARTICLE.replace("six", "four").encode("utf-16-le"), "UTF-16 LE without BOM")
    put(
        "mixed_encodings.txt",
        "Việt Nam talks\n\n".encode()
        + GOOD_ARTICLE.replace("six", "nine").encode("cp1252")
        + "Caf\u00e9 owners said".encode("latin-1")
        + b"\n",
        "UTF-8 and cp1252 in one file",
    )
    put(
        "nested_divs.html",
        b"<html><body>"
        + b"<div>" * 10000
        + b"<p>Deep text inside ten thousand divs.</p>"
        + b"</div>" * 10000
        + b"</body></html>",
        "HTML with 10,000 nested divs",
    )
    put("only_boilerplate.txt", BOILERPLATE_ONLY.encode(), "a page that is only boilerplate")
    put(
        "non_english.txt",
        (
            "Les ministres de l'environnement de six pays se sont mis d'accord mardi pour "
            "partager les données sur le niveau du fleuve, ont déclaré des responsables.\n\n"
            "L'accord crée une commission conjointe chargée de surveiller la pollution.\n"
        ).encode(),
        "a French page",
    )
    put(
        "rtl.txt",
        (
            "اتفق وزراء البيئة من ست دول يوم الثلاثاء على تبادل البيانات حول مستويات مياه النهر.\n\n"
            "وقال المسؤولون إن اللجنة ستجتمع مرتين في السنة.\n"
        ).encode(),
        "right-to-left Arabic text",
    )
    good_lines = [
        json.dumps({"id": f"jl_good_{i}", "text": GOOD_ARTICLE.replace("six", str(10 + i))}) for i in range(3)
    ]
    put(
        "mixed.jsonl",
        "\n".join(
            [
                good_lines[0],
                "{broken json",
                good_lines[1],
                '["array"]',
                json.dumps({"id": "no_text"}),
                good_lines[2],
            ]
        ).encode()
        + b"\n",
        "malformed JSONL lines among good ones",
    )
    put(
        "dup_a.jsonl",
        (json.dumps({"id": "dup", "text": GOOD_ARTICLE.replace("six", "twenty")}) + "\n").encode(),
        "duplicate id, first content",
    )
    put(
        "dup_b.jsonl",
        (json.dumps({"id": "dup", "text": GOOD_ARTICLE.replace("six", "thirty")}) + "\n").encode(),
        "duplicate id, other content",
    )
    put("truncated.warc", _warc(truncate=80), "a truncated WARC record")
    put("bomb.jsonl.gz", _gzip_bomb(256 * 1024 * 1024), "gzip bomb (256 MiB of zeros)")
    if big:
        line = ("word " * 200 + "\n").encode()
        put("huge_50mb.txt", line * (50 * 1024 * 1024 // len(line) + 1), "a 50 MB text file")
        put(
            "one_line_5mb.txt",
            ("lorem ipsum dolor sit amet " * 200_000).encode()[: 5 * 1024 * 1024],
            "a single 5 MB line",
        )
    return what


def _warc(truncate: int) -> bytes:
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=False)
    for i in range(2):
        body = (
            f"<html><head><title>Page {i}</title></head><body><h1>Page {i}</h1>"
            f"<p>{GOOD_ARTICLE}</p></body></html>"
        )
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(
                f"https://warc.test/{i}", "response", payload=io.BytesIO(body.encode()), http_headers=http
            )
        )
    data = buf.getvalue()
    return data[: len(data) - truncate]


def _gzip_bomb(size: int) -> bytes:
    comp = zlib.compressobj(9, zlib.DEFLATED, 31)  # gzip container
    chunk = b"\x00" * (1024 * 1024)
    parts = [comp.compress(chunk) for _ in range(size // len(chunk))]
    parts.append(comp.flush())
    data = b"".join(parts)
    return data
