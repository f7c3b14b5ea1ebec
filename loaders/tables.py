"""Tables in plan text, in the three layouts scraped or converted pages give them.

* **Pipe cells**: one cell per line, ``|`` closing each cell (heyuan's
  indicator table)::

      “十四五”时期河源市知识产权发展主要指标 |
      ||||||
      序号 |  类别 |  …  2020年 |  2025年 |
      1 |  高质量创造 |  每万人发明专利拥有量 |  件 |  1.85 |  3.05 |  预期性 |
      2 |  每万人口高价值发明专利拥有量 | …      <- category merged with the row above

  Rows are cut at the attribute cell (预期性 / 约束性): seven cells carry their
  own category, six inherit the one above. Lines holding only ``|`` are
  cell-merge debris.
* **Separated rows**: one row per line, cells separated by tabs, runs of
  spaces or ``|`` (``指标名称	2020年	2025年	属性``; a page copied as Markdown:
  ``| 序号 | 工作任务 | 责任处室 |`` over a ``| --- | --- |`` rule, which is no
  row). A one-cell line between rows is a category row.
* **One cell per line** (an HTML table saved as text): a run of header cells
  each on its own line (``序号`` ``重点任务`` ``牵头单位`` ``配合单位`` ``完成时限``),
  then the cells row by row; with a 序号 column a row starts at the next
  number, so a missing cell does not shift the rows after it.

A header is recognised from the column vocabulary ``table_columns.yaml``: an
*indicator table* has an indicator column and year (or target-value) columns;
a *division table* (重点任务分工表) has a task column and a lead or partner
column. Indicator rows become targets (:mod:`policykg.loaders.indicator_table`);
division rows give the matching tasks their agencies
(:mod:`policykg.loaders.division`). A table the loader cannot read stays text,
with a warning.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from policykg.loaders.indicator_table import Table, TableRow, read_indicator_table
from policykg.loaders.markers import match_heading
from policykg.loaders.segment import BodyLine
from policykg.loaders.table_cells import RawTable, column_role, header_kind, parse_value
from policykg.loaders.targets import map_indicator, normalise_quantity

__all__ = ["RawTable", "Table", "TableRow", "Tables", "extract_tables"]

_ATTRIBUTE = re.compile(r"^(预期性|约束性)$")
# Cells of a row on one line: tabs, two or more spaces, ideographic spaces, pipes.
_SEPARATOR = re.compile(r"\t+|\s{2,}|\u3000+|\s*\|\s*")


@dataclass
class Tables:
    """What :func:`extract_tables` found, and the body lines left."""

    indicator: list[Table]
    division: list[RawTable]
    lines: list[BodyLine]
    warnings: list[str] = field(default_factory=list)


# --- pipe cells ----------------------------------------------------------------------------


def _is_pipe_start(lines: list[BodyLine], k: int) -> bool:
    text = lines[k].text
    # a row opening with | is a Markdown row (separated rows), not a closing cell
    if not text.endswith("|") or text.startswith(("专栏", "|")):
        return False
    nxt = lines[k + 1].text if k + 1 < len(lines) else ""
    return bool(re.fullmatch(r"\|+", nxt)) or "指标" in text


def _parse_pipe(title: str, cells: list[str], notes: list[str], idx: list[int]) -> Table:
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
            b, _ = parse_value(base.rstrip("%％"))
            v, comparator = parse_value(target.rstrip("%％") if unit in ("%", "％") else target)
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


# --- separated rows and one cell per line ------------------------------------------------


def _cells(line: BodyLine) -> list[str]:
    source = line.spaced or line.text
    return [c for c in _SEPARATOR.split(source.strip(" |")) if c.strip()]


# The rule under a Markdown table's header: | --- | :---: |
_MARKDOWN_RULE = re.compile(r"^[\s|:\-—]+$")


def _separated(lines: list[BodyLine], k: int) -> tuple[RawTable, int] | None:
    header = _cells(lines[k])
    kind = header_kind(header)
    if kind is None:
        return None
    rows: list[list[str]] = []
    idx = list(lines[k].lines)
    j = k + 1
    while j < len(lines):
        cells = _cells(lines[j])
        if _MARKDOWN_RULE.fullmatch(lines[j].text) and "-" in lines[j].text:
            pass  # a Markdown table's header rule: no row
        elif len(cells) >= 2 and not match_heading(lines[j].text):
            rows.append(cells)
        elif len(cells) == 1 and j + 1 < len(lines) and len(_cells(lines[j + 1])) >= 2:
            rows.append(cells)  # a category row spanning the table
        else:
            break
        idx.extend(lines[j].lines)
        j += 1
    if not rows:
        return None
    return RawTable(kind, "", idx, header, rows), j


def _one_per_line(lines: list[BodyLine], k: int) -> tuple[RawTable, int] | None:
    header: list[str] = []
    j = k
    while j < len(lines) and column_role(lines[j].text) is not None and len(header) < 12:
        header.append(lines[j].text)
        j += 1
    kind = header_kind(header)
    if kind is None:
        return None
    width = len(header)
    numbered = column_role(header[0]) == "number"
    idx = [i for line in lines[k:j] for i in line.lines]
    rows: list[list[str]] = []
    warnings: list[str] = []
    row: list[str] = []
    expected = 1
    while j < len(lines):
        text = lines[j].text.strip()
        if numbered and text == str(expected):
            if row:
                rows.append(row)
            row, expected = [text], expected + 1
        elif row and len(row) < width and not match_heading(text) and len(text) <= 80:
            row.append(text)
        else:
            break
        idx.extend(lines[j].lines)
        j += 1
        if not numbered and len(row) == width:
            rows.append(row)
            row = []
    if row:
        rows.append(row)
    if not rows:
        return None
    for r in rows:
        if len(r) != width:
            warnings.append(
                f"table row {' '.join(r)!r} has {len(r)} cells for {width} columns; "
                "cells read in column order"
            )
    return RawTable(kind, "", idx, header, rows, warnings), j


def extract_tables(lines: list[BodyLine]) -> Tables:
    """Find tables among the body lines.

    Args:
        lines: the body, chrome and layout removed.

    Returns:
        The indicator tables, the division tables, and the lines with each
        indicator table replaced by its title and notes (so the section text
        still says a table was there) and each division table's cells kept as
        plain text lines (never headings).
    """
    out = Tables([], [], [])
    k = 0
    while k < len(lines):
        if _is_pipe_start(lines, k):
            title = lines[k].text.rstrip(" |").strip()
            idx = list(lines[k].lines)
            cells: list[str] = []
            notes: list[str] = []
            k += 1
            while k < len(lines) and lines[k].text.endswith("|"):
                idx.extend(lines[k].lines)
                text = lines[k].text
                if not re.fullmatch(r"\|+", text):
                    cell = text[:-1].strip()
                    (notes if cell.startswith("注") else cells).append(cell)
                k += 1
            table = _parse_pipe(title, cells, notes, idx)
            out.indicator.append(table)
            out.warnings.extend(table.warnings)
            out.lines.append(BodyLine([idx[0]], title))
            out.lines.extend(BodyLine([idx[-1]], n) for n in notes)
            continue
        found = _separated(lines, k) or _one_per_line(lines, k)
        if found is None:
            out.lines.append(lines[k])
            k += 1
            continue
        raw, k = found
        out.warnings.extend(raw.warnings)
        # The header line stands for the table in its section's text; a division
        # table's rows stay too (plain text, never headings): they are its content.
        out.lines.append(BodyLine(list(raw.lines), " ".join(raw.header), plain=True))
        if raw.kind == "indicator":
            table = read_indicator_table(raw)
            out.indicator.append(table)
            out.warnings.extend(table.warnings)
        else:
            out.division.append(raw)
            out.lines.extend(BodyLine([], " ".join(r), plain=True) for r in raw.rows)
    return out
