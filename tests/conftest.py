from __future__ import annotations

import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))  # so tests can import eval/ and bench/ helpers

from eval.common import shared_data_dir  # noqa: E402

EXAMPLES = REPO / "examples" / "corpus"


@pytest.fixture(scope="session")
def shared_data() -> Path:
    d = shared_data_dir()
    if d is None:
        pytest.skip("../shared/data is not present: dev-data tests skipped")
    return d


@pytest.fixture(scope="session")
def examples_dir() -> Path:
    return EXAMPLES
