"""Build a plan's heading tree from its body lines.

Headings are recognised by :mod:`policykg.loaders.markers` (第X章, 第X节, 一、,
第X条, （一）, 1., （1）, 1）, ①, 专栏N, 附件N). A heading attaches to the
nearest open heading of a lower rank, so numbering that continues across
chapters (``（八）`` … ``（二十四）``), items directly under a chapter (``19.``
under ``三、``) and levels skipped (``一、`` then ``1.``) need no special case;
``depth`` is the distance from the root, not the rank.

Conventions read here:

* **Run-in titles.** A numbered line whose first sentence is followed by more
  text (``1.强化知识产权政策法规引领。认真抓好…``, ``第五条　支持…。对…``,
  ``①…。``) is an item with its own title: the heading is that first sentence
  without its ``。``. Otherwise the whole line is the heading (a long untitled
  item gets its first sentence or a prefix). The text is the heading line
  (marker removed) followed by the lines under it, so inline enumerations
  (``一是…；二是…``) and unnumbered lead phrases stay inside their unit.
* **Boxes.** A ``专栏`` box (also ``专栏 3`` and a box laid out as table rows
  ``|专栏3 …|``) belongs to the enclosing section, not to the item before it;
  when its rows are captured as ``… |`` it ends at its first row ending with
  ``|`` and the text after it returns to the section. A box lists its own
  projects as items (``专栏2　高价值专利培育工程`` / ``1.培育中心。…`` / ``2.…``):
  items after a box are the box's, numbered from 1, unless their number
  continues the items the section had before the box (``5.`` / ``专栏1`` / ``6.``:
  the box closed and the section goes on) or the box's rows already closed.
* **Decimal outlines.** A plan numbered ``1.`` / ``1.1`` / ``1.1.1`` (a word
  processor's outline) uses ``1.`` for its chapters: a ``N.`` heading followed
  by ``N.1`` (and every ``N.`` counting on from or up to it) ranks above the
  decimals, so ``2.重点任务`` is not read as an item under ``1.2``. Elsewhere ``1.``
  is an item, below ``2.3``.
* **Articles and their items.** In the 章节条 style of a 办法 or 规定 (the
  drafting convention of normative documents: 条, 款, 项, 目), an article that
  introduces a list (``…应当同时符合下列条件：``) is followed by its items (项, 目:
  ``（一）在本市依法登记注册…；`` ``（二）…；``, also ``1.`` and ``（1）``),
  conditions, duties or situations that are part of its text, not headings;
  so is any item ending in ``；`` under an article. An item with a title of its
  own (``第一条　支持培育。`` / ``（一）认定条件。``) is still a heading. An untitled article
  (``第十九条　贷款逾期满90天…的，合作银行可以…提出补偿申请。申请时…``) is cited by
  its first sentence, so its heading is that whole sentence (up to twice the
  usual length) without the ``。`` or the ``：`` that introduces its items.
* **Amendments.** A numbered change of an amendment notice (``一、将第二条修改为：
  “…”``, ``五、删去第六条。``) is headed by its instruction, the words up to the
  ``：`` that opens the quoted new wording (:mod:`policykg.loaders.amendments`);
  the wording stays in the text.
* **Attachments.** ``附件`` / ``附件N`` opens a new root, closing every open
  section: an attachment is not part of the plan's last task. Its title is the
  rest of the line or, when the line is only ``附件N``, the next short line.
* **Numbering.** A sibling whose number does not follow the one before it (and
  does not continue the document-wide count of its marker either) is kept and
  reported in a warning: a gap usually means a heading the loader missed.

A unit's ``path`` lists the headings (without markers; the marker is in
``marker``) from the root down to the unit itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from policykg.loaders.amendments import instruction
from policykg.loaders.markers import (
    RANK_ARTICLE,
    RANK_ATTACHMENT,
    RANK_DECIMAL1,
    RANK_L3,
    HeadingMatch,
    match_heading,
)
from policykg.text import SENTENCE_END, sentences

__all__ = [
    "BodyLine",
    "HeadingMatch",
    "Node",
    "Tree",
    "build_tree",
    "heading_of",
    "match_heading",
    "short_heading",
    "walk",
]

_PREAMBLE_HEADING = re.compile(r"^(导言|前言|序言|引言)$")

MAX_HEADING = 40
#: How an article introduces the list of its items (…应当符合下列条件：).
_LIST_OPENER = ("：", ":")


@dataclass
class BodyLine:
    """One paragraph of the body: its source line indices and normalised text.

    ``spaced`` is the same text with its inner whitespace kept (table cells are
    separated by it); ``plain`` lines (table cells) are never read as headings.
    """

    lines: list[int]
    text: str
    plain: bool = False
    spaced: str = ""


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

    def add(self, line: BodyLine, text: str | None = None) -> None:
        self.lines.extend(line.lines)
        self.text_lines.append(line.text if text is None else text)


@dataclass
class Tree:
    """The root nodes in document order, and what the segmenter was unsure of."""

    roots: list[Node]
    warnings: list[str] = field(default_factory=list)


def short_heading(text: str) -> str:
    """A heading from text: its first sentence if short, else a prefix with an ellipsis."""
    text = text.strip()
    first = sentences(text)[0].rstrip(SENTENCE_END).strip("，、： ") if text else ""
    if first and len(first) <= MAX_HEADING:
        return first
    return text[: MAX_HEADING - 10].rstrip("，、：；。 ") + "…"


def heading_of(rest: str, *, article: bool = False) -> str:
    """The heading of a heading line's text after its marker (see Run-in titles).

    ``article``: the line opens an article (第X条), whose first sentence is its
    heading up to twice the usual length (see Articles and their items).
    """
    rest = rest.strip()
    change = instruction(rest)
    if change is not None:
        return change  # an amendment item (see Amendments)
    body = rest.rstrip("。")
    if "。" not in body and len(body) <= MAX_HEADING * 2:
        return body.rstrip("：:") if article else body
    if article and rest:
        first = sentences(rest)[0].rstrip(SENTENCE_END).strip("，、：: ")
        if first and len(first) <= MAX_HEADING * 2:
            return first
    return short_heading(rest)


def _attachment_title(lines: list[BodyLine], k: int) -> str | None:
    """The title on the line after a bare ``附件N``, if that line is one."""
    if k + 1 >= len(lines):
        return None
    nxt = lines[k + 1]
    text = nxt.text.strip()
    if nxt.plain or not text or len(text) > MAX_HEADING * 2 or "。" in text:
        return None
    h = match_heading(text)
    # the title of an explanation (起草说明) is the attachment's title, not another one
    return text if h is None or (h.kind == "attachment" and not h.marker) else None


_CELL_GAP = re.compile(r"\t+|\s{2,}|\u3000+|\s*\|\s*")


def _box_row(line: BodyLine) -> str:
    """A box row: cells laid out as a table row are joined with ``，``."""
    cells = [c for c in _CELL_GAP.split((line.spaced or line.text).strip(" |")) if c.strip()]
    if len(cells) >= 2:
        return "，".join(c.strip() for c in cells)
    return line.text.rstrip(" |").strip()


def _decimal_chapters(lines: list[BodyLine]) -> set[int]:
    """Indices of the ``N.`` lines that head a decimal outline (see Decimal outlines).

    The chain starts at an ``N.`` whose next heading is ``N.1`` (or ``N.M``); the
    ``N.`` lines counting down to 1 before it and on from it after it belong to
    it, so a chapter with no sections of its own (``3.保障措施`` with text only)
    is a chapter too, while an item ``1.`` restarting inside a section is not.
    """
    found: list[tuple[int, HeadingMatch]] = []
    for k, line in enumerate(lines):
        h = None if line.plain else match_heading(line.text)
        if h is not None and h.kind is None:
            found.append((k, h))
    tops = [
        j
        for j, (_, h) in enumerate(found)
        if h.level == RANK_L3
        and j + 1 < len(found)
        and found[j + 1][1].slug.startswith(f"d{h.number}_")
    ]
    if not tops:
        return set()
    chapters: set[int] = set()
    first = tops[0]
    want = found[first][1].number
    for j in range(first, -1, -1):  # back to 1.
        k, h = found[j]
        if h.level == RANK_L3 and h.number == want:
            chapters.add(k)
            want -= 1
    want = found[first][1].number + 1
    for k, h in found[first + 1 :]:  # on from it
        if h.level == RANK_L3 and h.number == want:
            chapters.add(k)
            want += 1
    return chapters


class _Numbering:
    """Checks that siblings of one marker count on (see Numbering)."""

    def __init__(self) -> None:
        self.last_child: dict[tuple[int, int], int] = {}
        self.last_any: dict[int, int] = {}
        self.warnings: list[str] = []

    def check(self, node: Node, h: HeadingMatch) -> None:
        if h.kind is not None:
            return
        key = (id(node.parent), h.level)
        local = self.last_child.get(key)
        wide = self.last_any.get(h.level)
        expected = {local + 1} if local is not None else {1}
        if wide is not None:
            expected.add(wide + 1)
        if h.number not in expected:
            where = f" under {node.parent.heading!r}" if node.parent else ""
            self.warnings.append(
                f"numbering: {h.marker}{node.heading!r}{where} does not follow "
                f"{'the previous sibling' if local is not None else 'from 1'}; "
                "a heading may have been missed"
            )
        self.last_child[key] = h.number
        self.last_any[h.level] = h.number


def build_tree(lines: list[BodyLine], *, preamble: list[BodyLine] | None = None) -> Tree:
    """Turn the body lines into a forest of heading nodes, in document order.

    Args:
        lines: the plan body, chrome and layout removed, starting at the first
            heading.
        preamble: paragraphs before the first heading, if any (become one node).

    Returns:
        The root nodes (children reachable via ``children``) and warnings.
    """
    roots: list[Node] = []
    stack: list[Node] = []
    current: Node | None = None
    column_open = False
    box: Node | None = None  # the box whose items may follow
    box_closed = False  # its rows were laid out as a table and the last one closed it
    numbering = _Numbering()

    def closes_box(h: HeadingMatch) -> bool:
        """Whether an item heading after a box belongs to the section, not the box."""
        assert box is not None
        if box.parent is None or h.level < RANK_L3:
            return True
        if box_closed:
            return True
        before = [c for c in box.parent.children if c is not box and c.level == h.level]
        return bool(before) and before[-1].number is not None and h.number == before[-1].number + 1

    def attach(node: Node) -> None:
        while stack and stack[-1].level >= node.level:
            stack.pop()
        node.parent = stack[-1] if stack else None
        (node.parent.children if node.parent else roots).append(node)
        stack.append(node)

    if preamble:
        pre = Node(0, None, None, "", kind_hint="preamble", slug="preamble")
        for line in preamble:
            if not pre.heading and not pre.text_lines and _PREAMBLE_HEADING.match(line.text):
                pre.heading = line.text
                pre.lines.extend(line.lines)
                continue
            pre.add(line)
        if not pre.heading:
            pre.heading = short_heading(" ".join(pre.text_lines)) if pre.text_lines else "前言"
        roots.append(pre)

    skip: set[int] = set()
    chapters = _decimal_chapters(lines)
    listing = False  # the open article introduced a list of items (…下列条件：)
    for k, line in enumerate(lines):
        if k in skip:
            continue
        h = None if line.plain else match_heading(line.text)
        if (
            h is not None
            and h.kind is None
            and h.level > RANK_ARTICLE
            and _in_article(stack)
            and (listing or line.text.rstrip().endswith(("；", ";")))
        ):
            h = None  # an item of an article (see Articles and their items)
        if h is not None:
            listing = False
            rest = h.rest.rstrip(" |").strip()
            title_line = None
            if h.kind == "attachment" and not rest:
                title = _attachment_title(lines, k)
                if title is not None:
                    rest, title_line = title, lines[k + 1]
                    skip.add(k + 1)
            heading = heading_of(rest, article=h.level == RANK_ARTICLE and h.kind is None)
            node = Node(h.level, h.marker or None, h.number, heading or h.marker, slug=h.slug)
            if h.kind == "column":
                node.kind_hint = "column"
                # A box illustrates its section, not the item it happens to follow.
                while stack and stack[-1].level >= RANK_L3:
                    stack.pop()
                column_open = True
                # one rank above the items, so that the box's own items go under it
                node.level = RANK_L3 - 1
                box, box_closed = node, False
            else:
                if box is not None and (h.kind is not None or closes_box(h)):
                    while box in stack:
                        stack.pop()
                    box = None
                column_open = False
            if k in chapters:
                node.level = RANK_DECIMAL1
            if h.kind == "attachment":
                node.kind_hint = "attachment"
                stack.clear()
                node.level = RANK_ATTACHMENT
            attach(node)
            numbering.check(node, h)
            node.lines.extend(line.lines)
            if rest:
                node.text_lines.append(rest)
            if title_line is not None:
                node.lines.extend(title_line.lines)
            current = node
            listing = node.level == RANK_ARTICLE and rest.endswith(_LIST_OPENER)
            continue
        if current is None:
            continue
        if current.level == RANK_ARTICLE and line.text.rstrip().endswith(_LIST_OPENER):
            listing = True
        target = current
        if current.kind_hint == "column" and not column_open and current.parent is not None:
            target = current.parent  # text after a closed box returns to its section
        target.add(line, _box_row(line) if column_open else None)
        if column_open and line.text.rstrip().endswith("|"):
            column_open = False
            box_closed = True
    return Tree(roots, numbering.warnings)


def _in_article(stack: list[Node]) -> bool:
    """Whether the innermost open section is an article (a box or attachment is not)."""
    return bool(stack) and stack[-1].level == RANK_ARTICLE and stack[-1].kind_hint is None


def walk(nodes: list[Node]) -> list[Node]:
    """All nodes in document (pre-)order."""
    out: list[Node] = []
    for n in nodes:
        out.append(n)
        out.extend(walk(n.children))
    return out
