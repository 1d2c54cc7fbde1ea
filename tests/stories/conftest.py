"""Fixtures of the stories tests: the seed articles cleaned by hand (title, article paragraphs, date)."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

import pytest

os.environ.setdefault("OMP_NUM_THREADS", "1")


@dataclass(frozen=True)
class Seed:
    doc_id: str
    title: str
    body: str
    published: dt.date
    agency: str | None


# seed file stem -> (title line, article paragraph lines (indices among non-empty lines), publication date,
# credited agency); what the clean stage gives for these pages, written by hand
_SEEDS: dict[str, tuple[int, tuple[int, ...], dt.date, str | None]] = {
    "000_aee73d3ee0a04789": (8, tuple(range(12, 19)), dt.date(2024, 3, 31), None),
    "001_508f9ee8832536ea": (2, (6, 7, 8), dt.date(2024, 3, 25), "IANS"),
    "002_aecd282c698b8fde": (-1, tuple(range(0, 7)), dt.date(2024, 3, 25), None),
    "003_3986aa8515dcb806": (8, tuple(range(12, 17)), dt.date(2024, 3, 23), "Reuters"),
    "004_5469ecd3d7bffaa7": (1, (3, 4, 5), dt.date(2024, 4, 16), None),
}


def _load(examples: Path) -> dict[str, Seed]:
    out = {}
    for stem, (title_i, paras, published, agency) in _SEEDS.items():
        lines = [ln.strip() for ln in (examples / f"{stem}.txt").read_text(encoding="utf-8").splitlines()]
        lines = [ln for ln in lines if ln]
        body_lines = [lines[i] for i in paras]
        if body_lines[0].startswith("date "):  # the " date YYYY-MM-DD" listing hint is not article text
            body_lines[0] = body_lines[0][len("date 2024-03-25 ") :]
        title = lines[title_i] if title_i >= 0 else ""
        out[stem[:3]] = Seed(
            doc_id=stem[:3], title=title, body="\n".join(body_lines), published=published, agency=agency
        )
    return out


@pytest.fixture(scope="session")
def seeds(examples_dir: Path) -> dict[str, Seed]:
    return _load(examples_dir)
