"""Detect plans that mirror the outline item by item, and map their items.

Some plans (guangxi's 21 items, for one) restate the outline clause by clause
under one continuous numbering. When a plan does, an item's number says which
clause it implements better than its wording can. Detection is generic: take
the longest run of units whose markers share a style and count 1, 2, 3...
without restarting; rank each item's clauses by wording alone; if one constant
offset (clause number = item number + k) agrees with the lexical best clause
for most items, the run mirrors the outline with offset k.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence

import numpy as np

from policykg.model import LINKABLE_KINDS, Document, Unit

#: A run shorter than this is an ordinary list, not a mirror of a 24-clause outline.
MIN_RUN = 8
#: Share of the run's items whose lexical best clause must agree with the offset.
MIN_AGREEMENT = 0.6

_STYLES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("paren", re.compile(r"^[（(][一二三四五六七八九十百]+[)）]")),
    ("cn", re.compile(r"^[一二三四五六七八九十百]+\s*[、.．]")),
    ("arabic", re.compile(r"^[0-9]+\s*[、.．﹒]?")),
)


def marker_style(marker: str | None) -> str | None:
    """'paren' for （一）, 'cn' for 一、, 'arabic' for 1. ; None otherwise."""
    if not marker:
        return None
    m = marker.strip()
    for name, pattern in _STYLES:
        if pattern.match(m):
            return name
    return None


def continuous_run(units: Sequence[Unit]) -> list[Unit]:
    """The longest run of same-style numbered units counting up by one in order."""
    best: list[Unit] = []
    by_style: dict[str, list[Unit]] = {}
    for u in sorted(units, key=lambda u: u.order):
        style = marker_style(u.marker)
        if style and u.number is not None and u.kind in LINKABLE_KINDS:
            by_style.setdefault(style, []).append(u)
    for seq in by_style.values():
        run: list[Unit] = []
        for u in seq:
            if run and u.number == (run[-1].number or 0) + 1:
                run.append(u)
            else:
                if len(run) > len(best):
                    best = run
                run = [u] if u.number == 1 else []
        if len(run) > len(best):
            best = run
    return best


def mirror_offset(
    run: Sequence[Unit], lexical: Callable[[Unit], np.ndarray], n_clauses: int
) -> int | None:
    """The offset k with clause = item + k if the run mirrors the outline, else None.

    Args:
        run: numbered units from :func:`continuous_run`.
        lexical: unit -> lexical score per clause (clause i has number i + 1).
        n_clauses: how many clauses the outline has.
    """
    if len(run) < MIN_RUN:
        return None
    offsets = Counter(int(np.argmax(lexical(u))) + 1 - (u.number or 0) for u in run)
    k, agree = offsets.most_common(1)[0]
    in_range = [u for u in run if 1 <= (u.number or 0) + k <= n_clauses]
    if agree >= MIN_AGREEMENT * len(run) and len(in_range) == len(run):
        return k
    return None


def numbered_clauses(
    doc: Document, lexical: Callable[[Unit], np.ndarray], clause_ids: Sequence[str]
) -> dict[str, str]:
    """unit id -> clause id for the items of a plan that mirrors the outline."""
    run = continuous_run(doc.units)
    k = mirror_offset(run, lexical, len(clause_ids))
    if k is None:
        return {}
    return {u.id: clause_ids[(u.number or 0) + k - 1] for u in run}
