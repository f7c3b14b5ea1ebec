"""Heading markers of Chinese official documents: which line opens a section, and at what rank.

The numbering hierarchy of GB/T 9704 and of the 章节条 style of normative
documents, outermost first. ``rank`` orders them; a heading attaches to the
nearest open heading of a lower rank, so numbering that skips a level
(``一、`` then ``1.`` then ``（1）``) and items numbered on across chapters need
no special case.

====== ================================ ======================== ============
rank   marker as written                 canonical ``Unit.marker`` id slug
====== ================================ ======================== ============
5      ``第一部分`` ``第一篇`` ``第一编``     as written               ``pt1``
10     ``第一章``                         ``第一章``               ``ch1``
20     ``第一节``                         ``第一节``               ``s1``
30     ``一、`` ``一.`` ``一．``            ``一、``                 ``1``
35     ``第一条`` (an article)             ``第一条``               ``a1``
40     ``（一）`` ``(一)``                ``（一）``                 ``1``
44     ``1.`` heading a decimal outline    ``1.``                   ``1``
45     ``1.1`` (decimal, two parts)       ``1.1``                  ``d1_1``
50     ``1.`` ``1．`` ``1、`` ``⒈``          ``1.``                   ``1``
55     ``1.1.1`` (decimal, three parts)   ``1.1.1``                ``d1_1_1``
60     ``（1）`` ``(1)`` ``⑴``              ``（1）``                ``p1``
65     ``1）`` ``1)``                      ``1）``                  ``q1``
70     ``①``                             ``①``                    ``r1``
====== ================================ ======================== ============

Two markers are not ranks of the hierarchy:

* ``专栏3`` / ``专栏 3`` / ``专栏三`` (a box; ``专栏3:``, ``|专栏3 …|`` as a table
  row) belongs to the enclosing section, not to the item before it;
* ``附件`` / ``附件2`` / ``附件：标题`` opens an attachment: a new root after the
  plan, never part of its last task. ``附件下载：…`` and file links are page
  chrome, not attachments.

* an unmarked line titling an explanation of the plan printed after it on
  the same page (``政策解读``, ``《某某实施意见》政策解读``, ``关于《…》的起草说明``,
  ``编制说明``) opens an attachment too: a 政策解读 or 起草说明 restates and
  explains the plan, it is no part of its last section. It has no marker.

Articles (``第五条　支持…。``) sit between ``一、`` and ``（一）``: a 若干措施
groups its articles under ``一、``, and an article's own items are ``（一）``.

Decimal numbering (``2.3　强化保护``, ``2.3.1 建设中心。…``), the outline style
of plans drafted in a word processor, nests under the section it numbers
within; a figure at the start of a line (``1.5万件``, ``2.5亿元``, ``3.6%``) is no
marker.

Stray spaces inside markers (``（ 一 ）``, ``1 .``) and emphasis around a
heading (``**一、总体要求**``, ``<b>…</b>``, a leading ``#``) are read through.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from policykg.loaders.numerals import CHINESE_NUMERAL_CHARS, chinese_to_int

RANK_PART = 5
RANK_CHAPTER = 10
RANK_SECTION = 20
RANK_L1 = 30
RANK_ARTICLE = 35
RANK_L2 = 40
#: ``1.`` heading a decimal outline (``1.`` / ``1.1`` / ``1.1.1``): a chapter
#: above its ``1.1`` sections (see :func:`policykg.loaders.segment.build_tree`).
RANK_DECIMAL1 = 44
RANK_DECIMAL2 = 45
RANK_L3 = 50
RANK_DECIMAL3 = 55
RANK_L4 = 60
RANK_L4_HALF = 65
RANK_CIRCLED = 70
#: An attachment is a root: it closes every open section.
RANK_ATTACHMENT = 0
#: A box takes the rank of an item, but attaches to the enclosing section.
RANK_COLUMN = RANK_L3

_CN = f"[{CHINESE_NUMERAL_CHARS}]+"
_EMPHASIS = re.compile(r"</?(?:b|strong|h\d)>|\*\*|__")
_LEADING_HASH = re.compile(r"^#{1,6}\s*")
_PIPES = re.compile(r"^\|+\s*|\s*\|+$")

_PART = re.compile(rf"^第\s*({_CN}|\d{{1,2}})\s*(部分|篇|编)\s*[:：]?\s*(.*)$")
_CHAPTER = re.compile(rf"^第\s*({_CN}|\d{{1,2}})\s*章\s*[:：]?\s*(.*)$")
_SECTION = re.compile(rf"^第\s*({_CN}|\d{{1,2}})\s*节\s*[:：]?\s*(.*)$")
_ARTICLE = re.compile(rf"^第\s*({_CN}|\d{{1,3}})\s*条\s*[:：]?\s*(.+)$")
_L1 = re.compile(rf"^({_CN})\s*[、.．]\s*(.+)$")
_L2 = re.compile(rf"^（\s*({_CN})\s*）\s*[、.．]?\s*(.+)$")
# Items are numbered on across chapters, so a long plan passes 99; four digits
# would be a year (2025、…), so three is the limit. A digit after the stop is a
# decimal (1.5万件), not an item.
_L3 = re.compile(r"^(\d{1,3})\s*(?:\.|、)\s*(?!\d)(.+)$")
_L4 = re.compile(r"^（\s*(\d{1,3})\s*）\s*[、.．]?\s*(.+)$")
# 2.3 / 2.3.1, not a figure: no digit, unit or multiplier right after the number.
_DECIMAL = re.compile(
    r"^(\d{1,2})[.．](\d{1,2})(?:[.．](\d{1,2}))?[.．、]?\s*"
    r"(?![万亿千百倍件个家元项人次亩吨分秒年月日天时版])([\u4e00-\u9fff《“（(【].*)$"
)
_L4_HALF = re.compile(r"^(\d{1,2})\s*）\s*(.+)$")
_CIRCLED_CHARS = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_CIRCLED = re.compile(rf"^([{_CIRCLED_CHARS}])\s*(.+)$")
_PAREN_DIGIT = re.compile(r"^([⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇])\s*(.+)$")
_DIGIT_STOP = re.compile(r"^([⒈⒉⒊⒋⒌⒍⒎⒏⒐⒑⒒⒓⒔⒕⒖⒗⒘⒙⒚⒛])\s*(.+)$")
_COLUMN = re.compile(rf"^专栏\s*(\d{{1,2}}|{_CN})\s*[:：]?\s*(.*?)\s*$")
_ATTACHMENT = re.compile(r"^附\s*件\s*(?:(\d{1,2})\s*[:：.、]?\s*(.*)|[:：]\s*(.+)|)$")
# The title of an explanation appended to a plan: nothing, a 《title》 or a title
# ending in a document type before it, then 政策解读 / 解读 / 起草说明 / 编制说明.
_EXPLANATION = re.compile(
    r"^(?:关于)?(?:《[^》]{2,80}》|[^，。；：:\s《》]{2,60}?"
    r"(?:规划|方案|意见|措施|办法|计划|要点|纲要|细则|通知))?"
    r"\s*的?\s*(?:政策解读|解读|起草说明|编制说明)(?:材料)?$"
)


@dataclass(frozen=True)
class HeadingMatch:
    """A heading line split into its parts."""

    level: int
    marker: str
    number: int
    rest: str
    slug: str
    kind: str | None = None

    @property
    def opens_body(self) -> bool:
        """A section heading of the outer ranks (a plan's body starts at one).

        An article (``第一条``) opens a body too: a 若干措施 or 办法 in the 章节条 style
        may have no level above its articles, and a covering notice never numbers
        its own paragraphs as articles.
        """
        return self.kind is None and self.level <= RANK_ARTICLE


def clean_line(line: str) -> str:
    """A line without emphasis marks, a leading ``#`` or table pipes around it."""
    line = _EMPHASIS.sub("", line).strip()
    line = _LEADING_HASH.sub("", line)
    return _PIPES.sub("", line).strip() if line.startswith("|") else line


def _number(s: str) -> int | None:
    return int(s) if s.isascii() and s.isdigit() else chinese_to_int(s)


def match_heading(line: str) -> HeadingMatch | None:
    """Recognise a heading line and normalise its marker (see the module docstring)."""
    line = clean_line(line)
    if not line:
        return None
    m = _COLUMN.match(line)
    if m and (n := _number(m.group(1))):
        return HeadingMatch(RANK_COLUMN, f"专栏{n}", n, m.group(2).rstrip(" |"), f"c{n}", "column")
    m = _ATTACHMENT.match(line)
    if m:
        n = int(m.group(1)) if m.group(1) else 0
        rest = (m.group(2) or m.group(3) or "").strip()
        marker = f"附件{n}" if n else "附件"
        return HeadingMatch(RANK_ATTACHMENT, marker, n, rest, f"att{n or ''}", "attachment")
    if _EXPLANATION.match(line):
        return HeadingMatch(RANK_ATTACHMENT, "", 0, line, "expl", "attachment")
    for rx, rank, fmt, slug in (
        (_PART, RANK_PART, None, "pt"),
        (_CHAPTER, RANK_CHAPTER, "第{}章", "ch"),
        (_SECTION, RANK_SECTION, "第{}节", "s"),
        (_ARTICLE, RANK_ARTICLE, "第{}条", "a"),
    ):
        m = rx.match(line)
        if m and (n := _number(m.group(1))):
            marker = f"第{m.group(1)}{m.group(2)}" if fmt is None else fmt.format(m.group(1))
            rest = m.group(3) if fmt is None else m.group(2)
            return HeadingMatch(rank, marker, n, rest.strip(), f"{slug}{n}")
    m = _L1.match(line)
    if m and (n := chinese_to_int(m.group(1))):
        return HeadingMatch(RANK_L1, f"{m.group(1)}、", n, m.group(2), str(n))
    m = _L2.match(line)
    if m and (n := chinese_to_int(m.group(1))):
        return HeadingMatch(RANK_L2, f"（{m.group(1)}）", n, m.group(2), str(n))
    m = _DECIMAL.match(line)
    if m:
        parts = [p for p in m.groups()[:3] if p is not None]
        rank = RANK_DECIMAL3 if len(parts) == 3 else RANK_DECIMAL2
        return HeadingMatch(
            rank, ".".join(parts), int(parts[-1]), m.group(4), "d" + "_".join(parts)
        )
    m = _L3.match(line) or _DIGIT_STOP.match(line)
    if m:
        n = int(m.group(1)) if m.group(1).isascii() else ord(m.group(1)) - ord("⒈") + 1
        return HeadingMatch(RANK_L3, f"{n}.", n, m.group(2), str(n))
    m = _L4.match(line) or _PAREN_DIGIT.match(line)
    if m:
        n = int(m.group(1)) if m.group(1).isascii() else ord(m.group(1)) - ord("⑴") + 1
        return HeadingMatch(RANK_L4, f"（{n}）", n, m.group(2), f"p{n}")
    m = _L4_HALF.match(line)
    if m:
        n = int(m.group(1))
        return HeadingMatch(RANK_L4_HALF, f"{n}）", n, m.group(2), f"q{n}")
    m = _CIRCLED.match(line)
    if m:
        n = _CIRCLED_CHARS.index(m.group(1)) + 1
        return HeadingMatch(RANK_CIRCLED, m.group(1), n, m.group(2), f"r{n}")
    return None
