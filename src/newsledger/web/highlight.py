"""Untrusted text with highlighted spans, as safe HTML.

``mark_up(text, marks)`` escapes every character of ``text`` and wraps each ``Mark`` (half-open offsets
into ``text``) in an element. Spans may overlap arbitrarily: crossing spans are split (closed and
reopened) so the HTML always nests; only the first piece of a split mark carries its ``id``, every piece
carries ``data-span`` so a stylesheet or script can highlight all of them. Attribute values are escaped
too, so a hostile surface in a ``title`` stays text.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from markupsafe import Markup, escape


@dataclass(frozen=True, slots=True)
class Mark:
    """One span to wrap: ``tag`` with ``attrs``; ``order`` breaks ties (lower = outer) for equal spans.

    ``link`` is an href used only when no other link is open (HTML forbids nested ``<a>``); otherwise
    the mark renders as a plain ``<span>`` with the same attributes.
    """

    start: int
    end: int
    tag: str
    attrs: Mapping[str, str] = field(default_factory=dict)
    order: int = 0
    link: str | None = None


def _open(mark: Mark, first: bool, link_open: bool) -> tuple[str, str]:
    tag = mark.tag
    attrs = dict(mark.attrs)
    if mark.link is not None:
        if link_open:
            tag = "span"
        else:
            tag = "a"
            attrs["href"] = mark.link
    if not first:
        attrs.pop("id", None)
    attrs.setdefault("data-span", f"{mark.start}-{mark.end}")
    rendered = "".join(f' {k}="{escape(v)}"' for k, v in attrs.items())
    return f"<{tag}{rendered}>", tag


def mark_up(text: str, marks: Iterable[Mark]) -> Markup:
    """``text`` escaped, with every valid mark (``0 <= start < end <= len(text)``) wrapped."""
    n = len(text)
    valid = sorted((m for m in marks if 0 <= m.start < m.end <= n), key=lambda m: (m.start, -m.end, m.order))
    opens: dict[int, list[Mark]] = defaultdict(list)
    bounds = {0, n}
    for m in valid:
        opens[m.start].append(m)
        bounds.add(m.start)
        bounds.add(m.end)
    out: list[str] = []
    stack: list[tuple[Mark, str]] = []  # open marks with the tag each was opened as
    pos = 0
    for b in sorted(bounds):
        if b > pos:
            out.append(str(escape(text[pos:b])))
            pos = b
        ending = [i for i, (m, _) in enumerate(stack) if m.end == b]
        if ending:
            cut = ending[0]
            tail = stack[cut:]
            for _, tag in reversed(tail):
                out.append(f"</{tag}>")
            del stack[cut:]
            for m, _ in tail:
                if m.end != b:  # crossing mark: reopen its continuation inside
                    html, tag = _open(m, False, any(t == "a" for _, t in stack))
                    out.append(html)
                    stack.append((m, tag))
        for m in opens.get(b, ()):
            html, tag = _open(m, True, any(t == "a" for _, t in stack))
            out.append(html)
            stack.append((m, tag))
    for _, tag in reversed(stack):
        out.append(f"</{tag}>")
    return Markup("".join(out))
