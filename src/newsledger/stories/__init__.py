"""Stories (issue #8): document vectors, online clustering with stable ids, derivation lineage.

Entries: ``embed_documents`` (per-document, batched, in the workers) and ``update_stories`` (corpus
level, incremental: prior state in, new stories/assignments/history out), ``find_derivations``.
"""

from __future__ import annotations

NAME = "stories"
VERSION = "0"
