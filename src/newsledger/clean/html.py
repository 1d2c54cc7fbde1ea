"""HTML input: trafilatura for the main content and metadata, htmldate and the page's own date markup for
the publication date; inscriptis renders pages trafilatura gives up on, for the page-dump path.

The libraries are imported lazily (the first HTML document pays for it, ~0.3 s), so a run over page dumps
never loads them.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import Any

log = logging.getLogger(__name__)

# <meta property="article:published_time" content="2024-03-25T12:58:00+05:30">, JSON-LD "datePublished",
# <time datetime="..."> (the first one is usually the article's): evidence with offsets into the HTML.
_META_DATE_RE = re.compile(
    r"""(?is)<meta\b[^>]*?(?:property|name|itemprop)\s*=\s*["'](?:article:published_time|og:published_time|"""
    r"""datePublished|pubdate|publishdate|publish-date|dc\.date|dc\.date\.issued|dcterms\.created|"""
    r"""sailthru\.date|parsely-pub-date|date)["'][^>]*?content\s*=\s*["'](?P<v1>[^"']{8,40})["']"""
    r"""|<meta\b[^>]*?content\s*=\s*["'](?P<v2>[^"']{8,40})["'][^>]*?(?:property|name|itemprop)\s*=\s*"""
    r"""["'](?:article:published_time|datePublished|pubdate|publishdate)["']"""
    r"""|["']datePublished["']\s*:\s*["'](?P<v3>[^"']{8,40})["']"""
    r"""|<time\b[^>]*?datetime\s*=\s*["'](?P<v4>[^"']{8,40})["']"""
)


@dataclass(slots=True)
class HtmlExtract:
    text: str  # the extracted main text, paragraphs separated by "\n"
    title: str | None
    sitename: str | None
    date: str | None  # htmldate's pick, ISO
    rendered: bool  # True when ``text`` is a full inscriptis rendering (page-dump path), not trafilatura's


def extract_html(html: str, url: str | None) -> HtmlExtract:
    """Main text and metadata of an HTML page (never raises: an empty text when nothing could be read)."""
    text = ""
    title = sitename = date = None
    try:
        import trafilatura

        doc: Any = trafilatura.bare_extraction(
            html,
            url=url,
            include_comments=False,
            include_tables=True,
            with_metadata=True,
        )
        if doc is not None:
            text = (getattr(doc, "text", None) or "").strip()
            title = getattr(doc, "title", None)
            sitename = getattr(doc, "sitename", None)
            date = getattr(doc, "date", None)
    except Exception:  # trafilatura on hostile markup: fall back to rendering
        log.debug("trafilatura failed", exc_info=True)
    if date is None:
        date = find_html_date(html, url)
    if text:
        return HtmlExtract(text=text, title=title, sitename=sitename, date=date, rendered=False)
    return HtmlExtract(text=render_text(html), title=title, sitename=sitename, date=date, rendered=True)


def find_html_date(html: str, url: str | None) -> str | None:
    try:
        from htmldate import find_date

        found: str | None = find_date(html, url=url, original_date=True, extensive_search=False)
        return found
    except Exception:
        log.debug("htmldate failed", exc_info=True)
        return None


def render_text(html: str) -> str:
    """The page dump of an HTML page: inscriptis, one block per line, blank lines dropped."""
    try:
        from inscriptis import get_text

        raw = get_text(html)
    except Exception:
        log.debug("inscriptis failed", exc_info=True)
        return ""
    return "\n".join(line.strip() for line in raw.splitlines() if line.strip())


def meta_dates(html: str) -> list[tuple[str, int, int]]:
    """Publication dates the markup declares: (value, start, end) with offsets into ``html``."""
    out: list[tuple[str, int, int]] = []
    for m in _META_DATE_RE.finditer(html[:400_000]):
        for g in ("v1", "v2", "v3", "v4"):
            if m.group(g):
                out.append((m.group(g), m.start(g), m.end(g)))
                break
        if len(out) >= 5:
            break
    return out
