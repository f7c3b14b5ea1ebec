"""Limit/offset pagination of an already ordered list."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeVar

T = TypeVar("T")

DEFAULT_LIMIT = 50
MAX_LIMIT = 500


def page(items: Sequence[T], limit: int = DEFAULT_LIMIT, offset: int = 0) -> dict[str, Any]:
    """``{data, count, limit, offset}``: one page of ``items`` and the total count.

    The lists this project pages (jurisdictions, plans, measures, clauses, search
    hits) are bounded by the corpus, and the total has to be counted anyway,
    so the page is cut here rather than with SKIP/LIMIT in a second query.
    """
    return {
        "data": list(items[offset : offset + limit]),
        "count": len(items),
        "limit": limit,
        "offset": offset,
    }
