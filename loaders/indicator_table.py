"""Indicator tables (指标名称 2020年 2025年 属性): each row a target with its baseline.

Columns come from the header (:mod:`policykg.loaders.table_cells`): the year
column that says so is the baseline's (``2023年基数``, ``2020年基期值``,
``2024年（基期）``), else the
first year column (``2020年``); each other one a target for its year
(``2025年``, ``2035年``, ``2026年目标``); ``基期值`` / ``目标值`` columns take the years the header
does not state. A row's unit is its unit column or, as printed in most plans,
the bracket closing its name (``有效注册商标量（万件）``, ``满意度（分）``,
``比重（%）``); 万/亿 are multiplied out. ``—`` is a missing value, ``≥95`` a
floor. A one-cell row is a category for the rows under it. A row the loader
cannot read is reported in a warning and left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from policykg.loaders.table_cells import RawTable, column_role, parse_value, year_cell
from policykg.loaders.targets import map_indicator, normalise_quantity

_UNIT_IN_NAME = re.compile(r"^(.+?)（([^（）]{1,6})）$")
_ATTRIBUTE = re.compile(r"^(预期性|约束性)$")
_BASE_ROLE = re.compile(r"^(?:基期值|基础值|基期|基数|基准值|现状值|现值|实际值|完成值)$")


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
    year: int | None = None


@dataclass(frozen=True)
class Table:
    """An indicator table: its rows are targets."""

    title: str
    first_line: int
    lines: list[int]
    baseline_year: int | None
    year: int | None
    rows: list[TableRow] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _metric_and_unit(name: str, unit_cell: str | None) -> tuple[str, str]:
    if unit_cell:
        return name, unit_cell
    m = _UNIT_IN_NAME.match(name)
    return (m.group(1), m.group(2)) if m else (name, "")


def read_indicator_table(raw: RawTable) -> Table:
    """The targets of an indicator table given as cells."""
    roles = [column_role(c) for c in raw.header]
    years = [int(m.group(1)) if (m := year_cell(c)) else None for c in raw.header]
    year_cols = [i for i, r in enumerate(roles) if r == "year"]
    base_col = next((i for i, r in enumerate(roles) if r == "baseline"), None)
    # a year column that says it is the base (2023年基数, 2020年基期值)
    based = [
        i
        for i in year_cols
        if (m := year_cell(raw.header[i])) and _BASE_ROLE.match(m.group(2) or m.group(3) or "")
    ]
    if base_col is None and based:
        base_col = based[0]
        year_cols = [i for i in year_cols if i != base_col]
        target_cols = [i for i, r in enumerate(roles) if r == "target"] + year_cols
    else:
        target_cols = [i for i, r in enumerate(roles) if r == "target"]
    if base_col is None and len(year_cols) >= 2:
        base_col, target_cols = year_cols[0], year_cols[1:] + target_cols
    elif not target_cols:
        target_cols = year_cols
    baseline_year = years[base_col] if base_col is not None else None
    target_years = [years[i] for i in target_cols]
    col = {r: i for i, r in reversed(list(enumerate(roles))) if r}
    rows: list[TableRow] = []
    warnings: list[str] = []
    category: str | None = None
    for n, cells in enumerate(raw.rows, start=1):
        text = " ".join(cells)
        if len(cells) == 1:
            category = cells[0]
            continue
        if len(cells) != len(roles):
            warnings.append(
                f"indicator table: row {text!r} has {len(cells)} cells, not {len(roles)}"
            )
            continue
        try:
            name, unit = _metric_and_unit(
                cells[col["indicator"]], cells[col["unit"]] if "unit" in col else None
            )
            unit = unit.replace("％", "%")
            b = parse_value(cells[base_col])[0] if base_col is not None else None
            baseline = normalise_quantity(b, None, unit)[0] if b is not None else None
            number = int(cells[col["number"]]) if "number" in col else n
            attr = cells[col["attribute"]] if "attribute" in col else None
            cat = cells[col["category"]] if "category" in col else category
            for i, year in zip(target_cols, target_years, strict=True):
                v, comparator = parse_value(cells[i])
                if v is None:
                    continue
                value, norm_unit = normalise_quantity(v, None, unit)
                rows.append(
                    TableRow(
                        number,
                        cat,
                        name,
                        norm_unit,
                        baseline,
                        value,
                        comparator,
                        attr if attr and _ATTRIBUTE.match(attr) else None,
                        text,
                        map_indicator(name, norm_unit),
                        year,
                    )
                )
        except (ValueError, KeyError) as e:
            warnings.append(f"indicator table: row {text!r} not understood ({e})")
    year = max((y for y in target_years if y is not None), default=None)
    return Table(raw.title, raw.lines[0], raw.lines, baseline_year, year, rows, [], warnings)
