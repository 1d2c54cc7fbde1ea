"""Fixtures for the resolve tests; builders live in resolve_builders.py (a unique module name, so test
directories never clash on ``conftest``)."""

from resolve_builders import annotate, nlp, seed_docs, seed_docs_annotated  # noqa: F401 - fixtures re-exported for pytest
