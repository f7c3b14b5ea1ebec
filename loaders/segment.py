"""Build a plan's heading tree from its normalised lines.

Recognised headings, outermost first (the levels of GB/T 9704 official documents):

====== ============================= =========================================
level  marker as written               canonical ``Unit.marker``
====== ============================= =========================================
1      ``一、``                        ``一、``
2      ``（一）`` ``(一)``               ``（一）``
3      ``1.`` ``1．`` ``1 .`` ``1﹒`` ``1、`` ``1.``
3      ``专栏3`` ``专栏9:`` (boxes)      ``专栏3``
4      ``（1）`` ``(1)``                 ``（1）``
====== ============================= =========================================

A heading attaches to the nearest open heading of a lower level, so numbering
that continues across chapters (``（八）`` … ``（二十四）``) or items directly
under a chapter (``19.`` under ``三、``) need no special case; ``depth`` is the
distance from the root, not the level. A ``专栏`` box (its rows captured as
``… |``) belongs to the enclosing section, not to the item before it, and
ends at its first row ending with ``|``.

Headings and their text: a heading line whose first sentence is followed by
more text (``1.强化知识产权政策法规引领。认真抓好…``) is an item with its own
title: the heading is that first sentence. Otherwise the whole line is the
heading and the text is the heading followed by the lines under it. A unit's
``path`` lists the headings (without markers; the marker is in ``marker``) from
the root down to the unit itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from policykg.loaders.numerals import CHINESE_NUMERAL_CHARS, chinese_to_int
from policykg.text import SENTENCE_END, sentences

_CN = f"[{CHINESE_NUMERAL_CHARS}]+"
_L1 = re.compile(rf"^({_CN})\s*、\s*(.+)$")
_L2 = re.compile(rf"^（\s*({_CN})\s*）\s*(.+)$")
# Items are numbered on across chapters, so a long plan passes 99; four digits
# would be a year (2025、…), so three is the limit.
_L3 = re.compile(r"^(\d{1,3})\s*(?:\.|、)\s*(?!\d)(.+)$")
_L4 = re.compile(r"^（\s*(\d{1,3})\s*）\s*(.+)$")
_COLUMN = re.compile(r"^专栏\s*(\d{1,2})\s*[:：]?\s*(.*?)\s*\|?\s*$")
_PREAMBLE_HEADING = re.compile(r"^(导言|前言|序言|引言)$")

MAX_HEADING = 40


@dataclass
class Node:
    """A heading (or preamble/notice block) and the lines under it."""

    level: int
    marker: str | None
    number: int | None
    heading: str
    lines: list[int] = field(default_factory=list)
    text_lines: list[str] = field(default_factory=list)
    kind_hint: str | None = None
    parent: Node | None = None
    children: list[Node] = field(default_factory=list)
    slug: str = ""

    @property
    def path(self) -> list[str]:
        out: list[str] = []
        node: Node | None = self
        while node is not None:
            out.append(node.heading)
            node = node.parent
        return out[::-1]


@dataclass(frozen=True)
class HeadingMatch:
    """A heading line split into its parts."""

    level: int
    marker: str
    number: int
    rest: str
    slug: str


def match_heading(line: str) -> HeadingMatch | None:
    """Recognise a heading line and normalise its marker."""
    m = _COLUMN.match(line)
    if m:
        n = int(m.group(1))
        return HeadingMatch(3, f"专栏{n}", n, m.group(2), f"c{n}")
    m = _L1.match(line)
    if m and (n := chinese_to_int(m.group(1))):
        return HeadingMatch(1, f"{m.group(1)}、", n, m.group(2), str(n))
    m = _L2.match(line)
    if m and (n := chinese_to_int(m.group(1))):
        return HeadingMatch(2, f"（{m.group(1)}）", n, m.group(2), str(n))
    m = _L3.match(line)
    if m:
        n = int(m.group(1))
        return HeadingMatch(3, f"{n}.", n, m.group(2), str(n))
    m = _L4.match(line)
    if m:
        n = int(m.group(1))
        return HeadingMatch(4, f"（{n}）", n, m.group(2), f"p{n}")
    return None


def short_heading(text: str) -> str:
    """A heading from text: its first sentence if short, else a prefix with an ellipsis."""
    text = text.strip()
    first = sentences(text)[0].rstrip(SENTENCE_END).strip("，、： ") if text else ""
    if first and len(first) <= MAX_HEADING:
        return first
    return text[: MAX_HEADING - 10].rstrip("，、：；。 ") + "…"


def heading_of(rest: str) -> str:
    """The heading of a heading line's text after its marker."""
    rest = rest.strip()
    body = rest.rstrip("。")
    if "。" not in body and len(body) <= MAX_HEADING * 2:
        return body
    return short_heading(rest)


def build_tree(
    lines: list[tuple[int, str]], *, preamble: list[tuple[int, str]] | None = None
) -> list[Node]:
    """Turn the body lines into a forest of heading nodes, in document order.

    Args:
        lines: ``(line index, normalised text)`` of the plan body, chrome removed,
            starting at the first heading or preamble line.
        preamble: lines before the first heading, if any (become one node).

    Returns:
        The root nodes in document order (children reachable via ``children``).
    """
    roots: list[Node] = []
    stack: list[Node] = []
    current: Node | None = None
    column_open = False

    def attach(node: Node) -> None:
        while stack and stack[-1].level >= node.level:
            stack.pop()
        node.parent = stack[-1] if stack else None
        (node.parent.children if node.parent else roots).append(node)
        stack.append(node)

    if preamble:
        pre = Node(0, None, None, "", kind_hint="preamble", slug="preamble")
        for idx, text in preamble:
            if not pre.heading and not pre.text_lines and _PREAMBLE_HEADING.match(text):
                pre.heading = text
                pre.lines.append(idx)
                continue
            pre.lines.append(idx)
            pre.text_lines.append(text)
        if not pre.heading:
            pre.heading = short_heading(" ".join(pre.text_lines)) if pre.text_lines else "前言"
        roots.append(pre)

    for idx, text in lines:
        h = match_heading(text)
        if h is not None:
            node = Node(h.level, h.marker, h.number, heading_of(h.rest) or h.marker, slug=h.slug)
            if h.marker.startswith("专栏"):
                node.kind_hint = "column"
                # A box illustrates its section, not the item it happens to follow.
                while stack and stack[-1].level >= 3:
                    stack.pop()
                column_open = True
            else:
                column_open = False
            attach(node)
            node.lines.append(idx)
            if h.rest.rstrip(" |").strip():
                node.text_lines.append(h.rest.rstrip(" |").strip())
            current = node
            continue
        if current is None:
            continue
        target = current
        if current.kind_hint == "column" and not column_open and current.parent is not None:
            target = current.parent  # text after a closed box returns to its section
        target.lines.append(idx)
        target.text_lines.append(text.rstrip(" |").strip() if column_open else text)
        if column_open and text.rstrip().endswith("|"):
            column_open = False
    return roots


def walk(nodes: list[Node]) -> list[Node]:
    """All nodes in document (pre-)order."""
    out: list[Node] = []
    for n in nodes:
        out.append(n)
        out.extend(walk(n.children))
    return out
