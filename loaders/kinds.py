"""Give each heading node a unit kind, from its own heading and its sections'.

Rules, checked on the node itself and then on each enclosing section (chapter
or ``（一）`` level; an item's own title is not a section name: ``深化知识产权
人才保障机制改革`` is a task, not a guarantee), the first match winning:

* ``column``: a ``专栏`` box.
* ``other``: the notice that issues the plan and the preamble.
* ``background``: reviews and situation analyses (发展基础, 基础与形势, 发展形势,
  面临形势, 回顾, 主要成就, 取得成效): what was achieved is not a commitment.
* ``guarantee``: 保障措施, 组织保障, 组织实施, 实施保障 sections and everything in them.
* ``goal``: a unit whose own heading names goals (发展目标, 主要目标, 总体目标,
  目标任务, 目标) and units inside a goal section, except that the sections of a
  combined ``目标任务`` chapter are tasks.
* ``other``: 指导思想, 基本原则, 工作原则, 总体思路, 总体要求 sections, except a
  总体要求 chapter with no sub-sections whose text states goals (``到2025年``,
  ``力争``, ``基本建成``…), which is a goal.
* ``task``: everything else in the body: numbered commitments and the sections
  that group them (``主要任务``, ``加强知识产权保护体系建设``).
"""

from __future__ import annotations

import re

from policykg.loaders.segment import Node

_BACKGROUND = re.compile(
    r"发展基础|基础与形势|发展形势|面临形势|形势分析|回顾|主要成就|取得成效|现状"
)
_GUARANTEE = re.compile(r"保障措施|组织保障|组织实施|实施保障|保障机制$|^保障")
_GOAL_SELF = re.compile(r"发展目标|主要目标|总体目标|目标任务|^目标|工作目标|预期目标")
_COMBINED = re.compile(r"目标任务|目标和任务|目标与任务")
_OTHER = re.compile(r"指导思想|基本原则|工作原则|总体思路|总体要求|指导原则")
_GOAL_TEXT = re.compile(r"(?:到|至)(?:19|20)\d{2}年|力争|基本建成|初步建成|全面建成")


def _section_kind(node: Node, *, own: bool) -> str | None:
    h = node.heading
    if _BACKGROUND.search(h):
        return "background"
    if _GUARANTEE.search(h):
        return "guarantee"
    if _GOAL_SELF.search(h):
        return "goal" if own or not _COMBINED.search(h) else "task"
    if _OTHER.search(h):
        if (
            own
            and not node.children
            and "总体要求" in h
            and _GOAL_TEXT.search("".join(node.text_lines))
        ):
            return "goal"
        return "other"
    return None


def classify(node: Node) -> str:
    """The unit kind of one node (see the module docstring for the rules)."""
    if node.kind_hint == "column":
        return "column"
    if node.kind_hint in ("preamble", "notice"):
        return "other"
    # An item (level 3 and below) is judged by its own heading only for goals;
    # every section (levels 1-2) on the way up is judged by all rules.
    cur: Node | None = node
    own = True
    while cur is not None:
        if cur.level <= 2 or own:
            kind = _section_kind(cur, own=own)
            if kind is not None and (cur.level <= 2 or kind == "goal"):
                return kind
        cur = cur.parent
        own = False
    return "task"
