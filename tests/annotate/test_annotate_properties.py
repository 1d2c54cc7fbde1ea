"""Property: whatever the text, one record per input, and every offset slices back into the body."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsledger.annotate import annotate_documents
from newsledger.records import AnnotatedDocument, CleanDocument

WORDS = st.sampled_from(
    [
        "Mr", "Mr.", "President", "Kim", "Song-nam", "Việt", "Nam", "Hà", "Nội", "N.", "Korea's", "the",
        "United", "States", "COVID-19", ",", ".", '"', "'s", "‘", "(", ")", "WHO", "-", "—", "said", "on",
        "Tuesday", "\n", "director", "of", "Party", "Corp.", "SEOUL", "in", "2024",
    ]
)  # fmt: skip
TEXTS = st.one_of(st.lists(WORDS, max_size=40).map(" ".join), st.text(max_size=200))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(TEXTS, min_size=1, max_size=3))
def test_offsets_always_slice_back(bodies: list[str]) -> None:
    docs = [
        CleanDocument(doc_id=str(i), body=b, lines=(), published=dt.date(2024, 3, 22))
        for i, b in enumerate(bodies)
    ]
    out = annotate_documents(docs)
    assert [o.doc_id for o in out] == [d.doc_id for d in docs]
    for body, a in zip(bodies, out, strict=True):
        assert isinstance(a, AnnotatedDocument), a
        for s in a.sentences:
            assert 0 <= s.start < s.end <= len(body)
        for t in a.tokens:
            assert body[t.start : t.end].strip() and 0 <= t.head < len(a.tokens)
        for m in a.mentions:
            assert body[m.start : m.end] == m.text and m.text.strip()
            assert 0 <= m.sent < max(1, len(a.sentences))
            if m.role_span is not None:
                assert body[m.role_span[0] : m.role_span[1]] == m.role
        for x in a.timexes:
            assert body[x.start : x.end] == x.text
