"""``newsledger clean`` stays light: the stage imports neither torch nor spaCy, not even transitively."""

from __future__ import annotations

import subprocess
import sys

CODE = """
import sys
from newsledger.clean import clean_document
from newsledger.records import InputFormat, RawDocument
t = "Menu\\nTrade talks\\nOfficials met on Thursday and agreed to expand trade links, a statement said.\\n"
d = RawDocument(id="a", format=InputFormat.TXT, raw=t.encode(), text=t, encoding="utf-8", content_hash="x",
                source_path="a.txt")
clean_document(d)
heavy = {"torch", "spacy", "transformers", "sentence_transformers"}
bad = sorted(m for m in sys.modules if m.split(".")[0] in heavy)
print(",".join(bad))
"""


def test_clean_does_not_import_torch_or_spacy() -> None:
    out = subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == ""
