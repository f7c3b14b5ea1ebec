"""Amendment instructions: the numbered changes of a 修改决定 or an amending 通知.

A government amends a 办法 or 规定 by listing its changes, one numbered item
each, in the fixed formulas of Chinese legislative drafting (the 修改决定 style
the 立法技术规范 sets out):

* ``将第二条修改为：“…”`` (also ``将第五条第（一）项修改为：``,
  ``将第三条第二款修改为：``);
* ``将第七条改为第六条，修改为：“…”`` (renumbered and rewritten), ``将第八条改为第九条。``;
* ``增加一条，作为第七条：“…”``, ``在第四条中增加一款，作为第二款：“…”``,
  ``第十条增加一项，作为第（三）项：“…”``;
* ``删去第六条。`` (``删除第六条。``), ``删去第九条第二款。``;
* ``将第十条中的“一次性奖励”修改为“分档奖励”。`` (a phrase replaced in place).

Read here: the **instruction** (the heading of the change: the words up to the
``：`` that opens the quoted new wording, or up to its ``。``) and the **new
wording** the change writes (the quoted text without its quotation marks). A
change is judged as the article it writes (its kind, the bodies its first
sentence names), since that wording is what the amended 办法 will say; a
deletion writes nothing and is judged by the section it sits in.
"""

from __future__ import annotations

import re

_NUM = r"[一二三四五六七八九十百零〇\d]+"
#: Where an instruction names the provision it changes: 第五条, 第三条第二款, 第（一）项.
_PROVISION = re.compile(rf"第{_NUM}条|第（?{_NUM}）?[款项目]|一[条款项目]")
_VERB = re.compile(r"修改为|改为|删去|删除|增加|增设|调整为|替换为")
#: The instruction ends at the colon before the quoted wording, or at its full stop.
_END = re.compile(r"[：:](?=\s*[“\"「])|。")


def instruction(text: str) -> str | None:
    """The instruction of an amendment item (``将第二条修改为``), or None.

    Args:
        text: the item's line without its marker (``将第二条修改为：“…”``).

    Returns:
        The words up to the ``：`` before the quotation or the closing ``。``,
        when they name a provision and a change; None for any other line.
    """
    s = text.strip()
    m = _END.search(s)
    head = s[: m.start()] if m else s
    if len(head) > 40 or not _PROVISION.search(head) or not _VERB.search(head):
        return None
    # 将第十条中的“一次性奖励”修改为“分档奖励”: the whole change is its heading
    if not head.startswith(("将", "在", "删去", "删除", "增加", "增设", "第")):
        return None
    return head.rstrip("，,：: ")


def new_wording(text: str) -> str:
    """The wording an amendment item writes: the quoted text, marks removed.

    ``将第三条修改为：“市市场监管局会同市财政局负责…。”`` -> ``市市场监管局会同市财政局
    负责…。``; empty for a deletion or a renumbering, which write nothing.
    """
    s = text.strip()
    m = re.search(r"[：:]\s*[“\"「]", s)
    if m is None:
        return ""
    quoted = s[m.end() :]
    return re.sub(r"[”\"」]\s*$", "", quoted.strip()).strip()
