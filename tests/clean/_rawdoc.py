"""Helpers for the clean stage's tests: RawDocuments built by hand."""

from __future__ import annotations

import re

from newsledger.records import InputFormat, RawDocument, Span, content_hash

# a small page dump: menu, headline, three paragraphs, share box and copyright line
ARTICLE = (
    "Home\nNews\nSport\n"
    "Council approves new budget\n"
    "The city council approved the new budget on Tuesday after a long debate about schools and roads.\n"
    "The mayor said the plan would keep taxes flat while adding money for repairs across the city.\n"
    "Opposition members argued that the spending on roads was too low and voted against the plan.\n"
    "Share\nTweet\n© 2024 Example Media. All rights reserved.\n"
)

_HINT = re.compile(r"\A[ \t]*date[ \t]+(\d{4}-\d{2}-\d{2})\b")


def make_raw(
    text: str,
    *,
    doc_id: str = "doc",
    content_type: str = "text",
    url: str | None = None,
    meta_published: str | None = None,
    meta_title: str | None = None,
    meta_source: str | None = None,
) -> RawDocument:
    """A RawDocument as ingest would build it (the `` date`` hint of a page dump included)."""
    data = text.encode("utf-8", "surrogatepass")
    hint = None
    if content_type == "text":
        m = _HINT.match(text)
        if m:
            hint = Span(start=m.start(1), end=m.end(1), text=m.group(1))
    return RawDocument(
        id=doc_id,
        format=InputFormat.HTML if content_type == "html" else InputFormat.TXT,
        raw=data,
        text=text,
        encoding="utf-8",
        content_hash=content_hash(data),
        source_path=f"{doc_id}.txt",
        content_type=content_type,
        url=url,
        date_hint=hint,
        meta_published=meta_published,
        meta_title=meta_title,
        meta_source=meta_source,
    )
