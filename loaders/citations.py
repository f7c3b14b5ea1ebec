"""Documents a plan cites: ``《…》`` titles and 文号, deduplicated.

Titles are read with a bracket counter, so ``《广西落实〈知识产权强国建设纲要
（2021—2035年）〉实施方案》`` is one title (inner ``〈〉`` kept, and an inner
``《》`` -- a typesetting slip some pages make -- is folded to ``〈〉``). A 文号 in
brackets right after a title belongs to it: ``《关于印发…的通知》（内党发〔2022〕36号）``.
A 文号 standing alone is a citation with no title. The plan's own title and
number are not citations of itself. One record per (title, number); a title
seen once with and once without its number keeps the number.
"""

from __future__ import annotations

import re

from policykg.loaders.metadata import DOC_NUMBER
from policykg.loaders.normalise import normalise_doc_number
from policykg.model import Citation
from policykg.text import sentence_around

_AFTER_TITLE_NUMBER = re.compile(r"^\s*（\s*(" + DOC_NUMBER.pattern + r")\s*）")
_MAX_CONTEXT = 200


def _titles(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, title)`` of each outermost 《…》."""
    out: list[tuple[int, int, str]] = []
    depth, start = 0, -1
    for i, ch in enumerate(text):
        if ch == "《":
            if depth == 0:
                start = i
            depth += 1
        elif ch == "》" and depth:
            depth -= 1
            if depth == 0:
                inner = text[start + 1 : i]
                inner = (
                    inner.replace("《", "〈")
                    .replace("》", "〉")
                    .replace("<", "〈")
                    .replace(">", "〉")
                )
                out.append((start, i + 1, inner.strip()))
    return out


def _sentence(text: str, start: int, end: int) -> str:
    left, right = sentence_around(text, start, end)
    s = text[left:right].strip()
    return s if len(s) <= _MAX_CONTEXT else s[:_MAX_CONTEXT] + "…"


def find_citations(
    texts: list[str], *, own_title: str | None = None, own_number: str | None = None
) -> list[Citation]:
    """Citations in the given texts, in first-seen order.

    Args:
        texts: normalised unit texts (and the notice, preamble).
        own_title: the plan's title, never a citation of itself.
        own_number: the plan's 文号, likewise.

    Returns:
        One :class:`Citation` per cited document.
    """
    if own_title:
        # "…实施意见（征求意见稿）" cites itself as "…实施意见".
        own_title = re.sub(r"（(?:征求意见稿|试行|讨论稿|送审稿|草案|修订稿)）$", "", own_title)
    found: dict[str, Citation] = {}
    order: list[str] = []

    def add(title: str | None, number: str | None, context: str) -> None:
        if title and own_title and title == own_title.replace("《", "〈").replace("》", "〉"):
            return
        if title and own_title and title == own_title:
            return
        if number and number == own_number:
            return
        key = title or f"#{number}"
        if key in found:
            if number and not found[key].doc_number:
                found[key].doc_number = number
            return
        found[key] = Citation(title=title, doc_number=number, context=context)
        order.append(key)

    for text in texts:
        used: list[tuple[int, int]] = []
        for start, end, title in _titles(text):
            m = _AFTER_TITLE_NUMBER.match(text[end:])
            number = normalise_doc_number(m.group(1)) if m else None
            if m:
                used.append((end, end + m.end()))
            add(title, number, _sentence(text, start, end))
            used.append((start, end))
        for m in DOC_NUMBER.finditer(text):
            if any(a <= m.start() < b for a, b in used):
                continue
            add(None, normalise_doc_number(m.group(0)), _sentence(text, m.start(), m.end()))
    return [found[k] for k in order]
