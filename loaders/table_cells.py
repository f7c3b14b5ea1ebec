"""Table cells: the column vocabulary, a table as rows of cells, and value cells.

A header row is recognised from ``table_columns.yaml``: every cell must be a
known column heading or a year column (``2025年``, ``2025年目标值``, ``2023年基数``,
``目标值（2026年）``, and the role in brackets after the year: ``2024年（基期）``,
``2023年(基数)``, ``2027年（目标）``). An
*indicator table* has an indicator column and year (or target-value) columns;
a *division table* (重点任务分工表) has a task column and a lead or partner
column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from pydantic import RootModel

from policykg.errors import OntologyError
from policykg.yamlfile import load_yaml

_VALUE = re.compile(r"^([≥≧>＞≤≦<＜])?\s*(\d+(?:\.\d+)?)\s*(%|％)?$")
_EMPTY = {"-", "—", "－", "/", "", "——", "─", "…", "无"}
_ROLES = r"目标值|基期值|基础值|基期|目标|预期值|预期|规划值|基数|基准值|现状值|现值|实际值|完成值"
YEAR_CELL = re.compile(
    rf"^((?:19|20)\d{{2}})\s*年(?:底|末)?\s*(?:({_ROLES})|[（(]({_ROLES})[)）])?$"
)
# The same column with the year in brackets after its role: 目标值（2026年）.
_ROLE_THEN_YEAR = re.compile(rf"^({_ROLES})[（(]((?:19|20)\d{{2}})\s*年?(?:底|末)?[)）]$")


def year_cell(cell: str) -> re.Match[str] | None:
    """A year column heading (``2025年``, ``2023年基数``, ``目标值（2026年）``).

    Group 1 of the match is the year; group 2 or 3 its role, if the cell names one.
    """
    cell = re.sub(r"\s+", "", cell)
    m = _ROLE_THEN_YEAR.match(cell)
    return YEAR_CELL.match(f"{m.group(2)}年{m.group(1)}" if m else cell)


_COMPARATORS = {"≥": "gte", "≧": "gte", ">": "gt", "＞": "gt", "≤": "lte", "≦": "lte"}
_COMPARATORS |= {"<": "lt", "＜": "lt"}


class _Columns(RootModel[dict[str, list[str]]]):
    """``table_columns.yaml``: column role -> header cell texts."""


@lru_cache(maxsize=1)
def _column_words() -> dict[str, str]:
    roles = load_yaml(Path(__file__).with_name("table_columns.yaml"), _Columns, error=OntologyError)
    return {word: role for role, words in roles.root.items() for word in words}


def column_role(cell: str) -> str | None:
    """The role of a header cell (``year`` for ``2025年``), or None."""
    cell = re.sub(r"\s+", "", cell)
    if year_cell(cell):
        return "year"
    return _column_words().get(cell)


def header_kind(cells: list[str]) -> str | None:
    """``indicator`` or ``division`` for a header row, None if it is not one."""
    roles = [column_role(c) for c in cells]
    if len(cells) < 3 or None in roles:
        return None
    if "indicator" in roles and ("year" in roles or "target" in roles):
        return "indicator"
    if "task" in roles and ("lead" in roles or "partner" in roles):
        return "division"
    return None


@dataclass(frozen=True)
class RawTable:
    """A table as cells: its header and its rows (a category row has one cell).

    ``in_body``: the table stands in the plan's body, not in an attachment.
    """

    kind: str
    title: str
    lines: list[int]
    header: list[str]
    rows: list[list[str]]
    warnings: list[str] = field(default_factory=list)
    in_body: bool = False


def parse_value(cell: str) -> tuple[float | None, str]:
    """A table value (``6.8``, ``≥95``, ``95%``, ``—``) and its comparator.

    Raises:
        ValueError: the cell is not a value.
    """
    cell = cell.strip()
    if cell in _EMPTY:
        return None, "eq"
    m = _VALUE.match(cell)
    if not m:
        raise ValueError(cell)
    return float(m.group(2)), _COMPARATORS.get(m.group(1) or "", "eq")
