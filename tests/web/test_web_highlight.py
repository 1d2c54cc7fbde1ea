"""mark_up: escaped text with spans wrapped, always well nested, whatever the spans and the text."""

from __future__ import annotations

import html as htmllib
import re
from html.parser import HTMLParser

from hypothesis import given, settings
from hypothesis import strategies as st

from newsledger.web.highlight import Mark, mark_up

TAG = re.compile(r"<(/?)([a-z]+)([^>]*)>")


class Nesting(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.ok = True
        self.text: list[str] = []
        self.max_a_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack.append(tag)
        self.max_a_depth = max(self.max_a_depth, self.stack.count("a"))

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack.pop() != tag:
            self.ok = False

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def check(text: str, marks: list[Mark]) -> str:
    out = str(mark_up(text, marks))
    p = Nesting()
    p.feed(out)
    p.close()
    assert p.ok and not p.stack, out
    assert "".join(p.text) == text
    assert p.max_a_depth <= 1
    return out


def test_crossing_spans_are_split_and_keep_one_id() -> None:
    text = "Marta Lindqvist met Tran Van Hoa"
    out = check(
        text,
        [
            Mark(0, 19, "mark", {"id": "span-0-19", "class": "cite"}),
            Mark(6, 23, "span", {"class": "ev"}, order=1),
        ],
    )
    assert out.count('id="span-0-19"') == 1
    assert out.count('data-span="6-23"') == 2  # the crossing span is closed and reopened


def test_nested_links_are_demoted_to_spans() -> None:
    out = check("New York City", [Mark(0, 13, "span", {}, link="/a"), Mark(0, 8, "span", {}, 1, link="/b")])
    assert out.count("<a ") == 1 and 'href="/a"' in out


def test_hostile_text_and_attributes_are_escaped() -> None:
    text = '<script>alert(1)</script> "x" & <img src=x onerror=alert(1)>'
    out = check(text, [Mark(0, 8, "span", {"title": '"><script>alert(2)</script>'})])
    assert "<script" not in out and "<img" not in out
    assert htmllib.unescape(re.sub(r"<[^>]+>", "", out)) == text


def test_spans_outside_the_text_are_ignored() -> None:
    assert str(mark_up("abc", [Mark(2, 9, "span"), Mark(-1, 2, "span"), Mark(2, 2, "span")])) == "abc"


spans = st.lists(
    st.tuples(st.integers(0, 40), st.integers(0, 40), st.integers(0, 3), st.booleans()), max_size=12
)


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=40), raw=spans)
def test_any_spans_nest_and_keep_the_text(text: str, raw: list[tuple[int, int, int, bool]]) -> None:
    marks = [
        Mark(
            s,
            e,
            "mark" if order == 0 else "span",
            {"id": f"x-{s}-{e}-{order}"},
            order,
            "/e" if link else None,
        )
        for s, e, order, link in raw
    ]
    out = check(text, marks)
    for m in marks:
        if 0 <= m.start < m.end <= len(text):
            assert out.count(f'id="x-{m.start}-{m.end}-{m.order}"') >= 1
