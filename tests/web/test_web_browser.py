"""The UI in a real browser: Playwright driving Debian's Chromium against uvicorn on 127.0.0.1.

Skipped (with the reason) only when /usr/bin/chromium is absent; ``make test`` installs it first.
The story-page test writes docs/screenshots/story.png, the screenshot README shows.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = "/usr/bin/chromium"
XSS_DOC_ID = "005_netwatch_strike"  # the fixture document carrying hostile markup as text
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
SCREENSHOT = Path(__file__).resolve().parents[2] / "docs" / "screenshots" / "story.png"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not os.access(CHROMIUM, os.X_OK),
        reason=f"{CHROMIUM} not installed (`make test` apt-installs chromium): browser tests skipped",
    ),
]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    ctx = browser.new_context(viewport={"width": 1100, "height": 900})
    pg = ctx.new_page()
    dialogs: list[str] = []
    errors: list[str] = []
    pg.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    pg.on("pageerror", lambda e: errors.append(str(e)))
    # CSP violations and failed asset loads show up as console errors
    pg.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    pg.dialogs = dialogs
    pg.errors = errors
    yield pg
    ctx.close()


def story_id(ledger: dict[str, Any], word: str) -> str:
    return str(next(s["id"] for s in ledger["stories"] if word in s["title"]))


def test_home_search_story_timeline_citation(page: Any, live_server: Any, ledger: dict[str, Any]) -> None:
    page.goto(live_server.url + "/")
    rows = page.locator("tr.story-row")
    assert rows.count() == 2
    assert "Antwerp" in rows.nth(0).inner_text()  # newest first

    page.fill("header input[name=q]", "Batangas")
    page.press("header input[name=q]", "Enter")
    page.wait_for_url("**/?q=Batangas")
    hits = page.locator("#results li.hit")
    assert hits.count() == 1
    assert "Swedish envoy eyes Batangas" in hits.first.inner_text()

    page.goto(live_server.url + "/")
    page.click("text=Swedish trade envoy tours Hanoi and Manila")
    sid = story_id(ledger, "Hanoi")
    page.wait_for_url(f"**/stories/{sid}")
    chart = page.locator("svg.timeline")
    assert chart.is_visible()
    story = next(s for s in ledger["stories"] if s["id"] == sid)
    assert page.locator("svg.timeline g.tl-event").count() == len(story["event_ids"]) == 3
    assert page.locator("svg.timeline g.tl-event.contradicted").count() == 1
    box = chart.bounding_box()
    assert box and box["width"] > 500 and box["height"] > 60
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOT), full_page=True)

    first = story["summary"][1]["citations"][0]
    page.locator("a.citation").nth(2).click()
    anchor = f"span-{first['start']}-{first['end']}"
    page.wait_for_url(f"**/documents/{first['doc']}#{anchor}")
    target = page.locator(f"[id='{anchor}']")
    assert target.inner_text() == first["quote"]
    assert "hl" in (target.get_attribute("class") or "")
    assert target.evaluate("e => getComputedStyle(e).backgroundColor") not in (
        "rgba(0, 0, 0, 0)",
        "transparent",
    )
    assert target.is_visible()
    top = target.evaluate("e => e.getBoundingClientRect().top")
    assert 0 <= top < 900  # scrolled into view
    assert page.dialogs == [] and page.errors == []


def test_hostile_document_shows_text_and_runs_nothing(page: Any, live_server: Any) -> None:
    page.goto(f"{live_server.url}/documents/{XSS_DOC_ID}")
    body = page.locator("#body").inner_text()
    assert "<script>alert(1)</script>" in body
    assert "<img src=x onerror=alert(1)>" in body
    assert "javascript:alert(document.cookie)" in body
    assert page.locator("#body script, #body img").count() == 0
    assert "<script>alert('title')</script>" in page.locator("h1").inner_text()
    page.locator("details.raw summary").click()
    page.locator("details.boilerplate summary").click()
    assert "javascript:alert(2)" in page.locator("details.raw").inner_text()
    assert page.locator("a[href^='javascript' i]").count() == 0
    # hovering the entity spans does nothing more than show their title
    page.locator("#body .ent").first.hover()
    page.wait_for_timeout(300)
    assert page.dialogs == [] and page.errors == []


def test_entity_page_and_document_hover_titles(page: Any, live_server: Any, ledger: dict[str, Any]) -> None:
    page.goto(f"{live_server.url}/documents/001_nordicwire_hanoi")
    tx = page.locator("#body .tx").first
    assert tx.get_attribute("title") == "DATE: 2024-03-12"
    page.locator("#body a.ent", has_text="Marta Lindqvist").first.click()
    ent = next(e for e in ledger["entities"] if e["name"] == "Marta Lindqvist")
    page.wait_for_url(f"**/entities/{ent['id']}")
    assert "Marta Lindqvist" in page.locator("h1").inner_text()
    assert page.locator("#itinerary li").count() == 2
    assert page.dialogs == [] and page.errors == []
