"""Indicator tables captured one cell per line, ``|`` closing each cell.

A captured table looks like::

    “十四五”时期河源市知识产权发展主要指标 |
    ||||||
    序号 |
    类别 |
    …
    2020年 |
    2025年 |
    |||||
    1 |
    高质量创造 |
    每万人发明专利拥有量 |
    件 |
    1.85 |
    3.05 |
    预期性 |
    2 |
    每万人口高价值发明专利拥有量 |      <- category cell merged with the row above
    …
    注:1.… |

Rows are cut at the attribute cell (预期性 / 约束性): seven cells carry their
own category, six inherit the one above. The base and target years come from
the header's year cells (the first is the base value's, the second the
target's). Lines holding only ``|`` are cell-merge debris and carry nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from policykg.loaders.targets import map_indicator, normalise_quantity

_ATTRIBUTE = re.compile(r"^(预期性|约束性)$")
_VALUE = re.compile(r"^([≥≧>＞≤≦<＜])?\s*(\d+(?:\.\d+)?)\s*(%|％)?$")
_EMPTY = {"-", "—", "－", "/", "", "——"}


@dataclass(frozen=True)
class TableRow:
    """One indicator row, values normalised (万/亿 multiplied out)."""

    number: int
    category: str | None
    metric: str
    unit: str
    baseline: float | None
    value: float
    comparator: str
    attribute: str | None
    text: str
    indicator: str | None


@dataclass(frozen=True)
class Table:
    """A table recovered from ``|``-broken lines."""

    title: str
    first_line: int
    lines: list[int]
    baseline_year: int | None
    year: int | None
    rows: list[TableRow] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _is_table_start(lines: list[tuple[int, str]], k: int) -> bool:
    text = lines[k][1]
    if not text.endswith("|") or text.startswith("专栏"):
        return False
    nxt = lines[k + 1][1] if k + 1 < len(lines) else ""
    return bool(re.fullmatch(r"\|+", nxt)) or "指标" in text


def _value(cell: str) -> tuple[float | None, str]:
    cell = cell.strip()
    if cell in _EMPTY:
        return None, "eq"
    m = _VALUE.match(cell)
    if not m:
        raise ValueError(cell)
    sym = m.group(1)
    comparator = {
        "≥": "gte",
        "≧": "gte",
        ">": "gt",
        "＞": "gt",
        "≤": "lte",
        "≦": "lte",
        "<": "lt",
        "＜": "lt",
    }.get(sym or "", "eq")
    return float(m.group(2)), comparator


def _parse(title: str, cells: list[str], notes: list[str], idx: list[int]) -> Table:
    header: list[str] = []
    i = 0
    while i < len(cells) and not re.fullmatch(r"\d{1,3}", cells[i]):
        header.append(cells[i])
        i += 1
    years = [int(y) for c in header for y in re.findall(r"((?:19|20)\d{2})年", c)]
    baseline_year = years[0] if len(years) >= 2 else None
    year = years[-1] if years else None
    rows: list[TableRow] = []
    warnings: list[str] = []
    current: list[str] = []
    category: str | None = None
    for cell in cells[i:]:
        current.append(cell)
        if not _ATTRIBUTE.match(cell):
            continue
        try:
            if len(current) == 7:
                no, category, metric, unit, base, target, attr = current
            elif len(current) == 6:
                no, metric, unit, base, target, attr = current
            else:
                raise ValueError(f"{len(current)} cells")
            b, _ = _value(base.rstrip("%％"))
            v, comparator = _value(target.rstrip("%％") if unit in ("%", "％") else target)
            if v is None:
                raise ValueError("no target value")
            value, norm_unit = normalise_quantity(v, None, unit)
            baseline = normalise_quantity(b, None, unit)[0] if b is not None else None
            rows.append(
                TableRow(
                    int(no),
                    category,
                    metric,
                    norm_unit,
                    baseline,
                    value,
                    comparator,
                    attr,
                    " ".join(current),
                    map_indicator(metric, norm_unit),
                )
            )
        except ValueError as e:
            warnings.append(f"table {title!r}: row {' '.join(current)!r} not understood ({e})")
        current = []
    if current:
        warnings.append(f"table {title!r}: trailing cells {' '.join(current)!r} not understood")
    return Table(title, idx[0], idx, baseline_year, year, rows, notes, warnings)


def extract_tables(lines: list[tuple[int, str]]) -> tuple[list[Table], list[tuple[int, str]]]:
    """Find ``|``-broken tables among the body lines.

    Args:
        lines: ``(line index, normalised text)`` of the body, chrome removed.

    Returns:
        The tables, and the lines with each table replaced by its title and
        notes (so the section text still says a table was there).
    """
    tables: list[Table] = []
    out: list[tuple[int, str]] = []
    k = 0
    while k < len(lines):
        if not _is_table_start(lines, k):
            out.append(lines[k])
            k += 1
            continue
        title = lines[k][1].rstrip(" |").strip()
        idx = [lines[k][0]]
        cells: list[str] = []
        notes: list[str] = []
        k += 1
        while k < len(lines) and lines[k][1].endswith("|"):
            idx.append(lines[k][0])
            text = lines[k][1]
            if not re.fullmatch(r"\|+", text):
                cell = text[:-1].strip()
                (notes if cell.startswith("注") else cells).append(cell)
            k += 1
        tables.append(_parse(title, cells, notes, idx))
        out.append((idx[0], title))
        out.extend((idx[-1], n) for n in notes)
    return tables, out
