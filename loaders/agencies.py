"""Responsible units: the bracketed list closing a task, moved to ``Unit.agencies``.

Two phrasings occur:

* ``（自治区版权局，自治区人大常委会法工委，…等按职责分工负责）`` (guangxi);
* ``（责任单位：市知识产权局、…，各区县政府；国家知识产权局条法司、…）`` (chongqing).

The list is split on ``，；、`` outside brackets. A shared prefix written once is
distributed: in ``自治区发展改革委、科技厅`` the second is ``自治区科技厅``, in
``国家知识产权局条法司、联席办`` the second is ``国家知识产权局联席办``. Bracketed
notes inside a name (``各区县（自治县，以下简称区县）政府``) are dropped. The
closing bracket is removed from the unit text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_TRAILER = re.compile(r"（((?:[^（）]|（[^（）]*）)+)）\s*$")
_RESPONSIBLE = re.compile(r"^(?:责任单位|牵头单位|责任部门|牵头部门)\s*[:：]\s*(.+)$")
_DUTY = re.compile(r"^(.+?)(?:等)?(?:按职责分工|按照职责分工|分别)?负责$")
_PREFIXES = ("国家知识产权局", "自治区", "广西", "省", "中共")
_FULL_NAME = re.compile(
    # Names that already carry their own level; "市场监管局" is not one ("市场", not "市").
    r"^(?:国家|自治区|广西|中共|中国|各|人民银行|人行|全国|[\u4e00-\u9fff]{2,3}(?:市|省)(?!场))"
)


@dataclass(frozen=True)
class AgencySplit:
    """A unit text with its responsible-unit trailer removed."""

    text: str
    agencies: list[str]


def _split_outside_brackets(s: str, seps: str) -> list[str]:
    parts: list[str] = []
    cur: list[str] = []
    depth = 0
    for ch in s:
        if ch == "（":
            depth += 1
        elif ch == "）":
            depth = max(0, depth - 1)
        if ch in seps and depth == 0:
            parts.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
    parts.append("".join(cur))
    return [p.strip() for p in parts if p.strip()]


def _names(listing: str) -> list[str]:
    out: list[str] = []
    for group in _split_outside_brackets(listing, "，；,;"):
        items = _split_outside_brackets(group, "、")
        prefix = next((p for p in _PREFIXES if items and items[0].startswith(p)), None)
        for i, item in enumerate(items):
            item = re.sub(r"（[^（）]*）", "", item).strip()
            if i and prefix and not _FULL_NAME.match(item) and not item.startswith(prefix):
                item = prefix + item
            if item and item not in out:
                out.append(item)
    return out


def split_agencies(text: str) -> AgencySplit:
    """Remove a closing responsible-unit bracket from a unit's text.

    Args:
        text: the unit text (normalised).

    Returns:
        The text without the bracket, and the names it listed (empty when none).
    """
    stripped = text.rstrip()
    m = _TRAILER.search(stripped)
    if not m:
        return AgencySplit(text, [])
    inner = m.group(1).strip()
    r = _RESPONSIBLE.match(inner)
    if r:
        listing = r.group(1)
    else:
        d = _DUTY.match(inner)
        if not d or not re.search(r"负责$", inner):
            return AgencySplit(text, [])
        listing = d.group(1)
    names = _names(listing)
    if not names:
        return AgencySplit(text, [])
    return AgencySplit(stripped[: m.start()].rstrip(), names)
