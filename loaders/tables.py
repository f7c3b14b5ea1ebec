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
  row). A one-cell line between rows is a category row. Tab-separated rows
  keep their empty cells where that gives the header's width: a merged
  (row-spanning) cell of an HTML table is printed on its first row and left
  empty below (``2		推动…	市教育局	持续推进``), and reads as the cell above.
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
from dataclasses import dataclass, field, replace

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


def _row_cells(line: BodyLine, width: int) -> list[str]:
    """A row's cells; with tabs, empty cells kept when that makes the header's width."""
    cells = _cells(line)
    source = (line.spaced or line.text).strip(" \n")
    if len(cells) != width and "\t" in source:
        tabbed = [c.strip() for c in source.split("\t")]
        if len(tabbed) == width:
            return tabbed
    return cells


def _tab_row(line: BodyLine) -> list[str] | None:
    """The cells of a tab-separated row (two or more, empty ones kept), else None."""
    source = (line.spaced or line.text).strip(" \n")
    if "\t" not in source:
        return None
    cells = [c.strip() for c in source.split("\t")]
    return cells if len([c for c in cells if c]) >= 2 else None


def _unread_table(lines: list[BodyLine], k: int) -> int:
    """The end of a run of tab-separated rows at ``k`` whose header is not recognised.

    A table the loader cannot read (a 修改前后对照表, a 完成情况 table of a
    review) is still a table: two or more consecutive rows of the same number
    of tab-separated cells, the first of them no heading. Its rows are text,
    never headings (a row whose first cell is ``第二条　…`` quotes an article).
    Returns ``k`` when there is no such run.
    """
    first = _tab_row(lines[k])
    if first is None or match_heading(lines[k].text) is not None:
        return k
    j = k + 1
    while j < len(lines) and (row := _tab_row(lines[j])) is not None and len(row) == len(first):
        j += 1
    return j if j - k >= 2 else k


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
            rows.append(_row_cells(lines[j], len(header)))
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
    attached = False  # past an attachment heading (附件): the rest is attachments
    while k < len(lines):
        h = None if lines[k].plain else match_heading(lines[k].text)
        attached = attached or (h is not None and h.kind == "attachment")
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
            end = _unread_table(lines, k)
            if end > k:
                out.lines.extend(
                    BodyLine(
                        line.lines,
                        " ".join(c for c in _tab_row(line) or [] if c),
                        plain=True,
                        spaced=line.spaced,
                    )
                    for line in lines[k:end]
                )
                k = end
                continue
            out.lines.append(lines[k])
            k += 1
            continue
        raw, k = found
        raw = replace(raw, in_body=not attached)
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
            out.lines.extend(BodyLine([], text, plain=True) for text in division_text(raw) if text)
    return out


#: Columns of a division table whose cells are no text of a section holding it:
#: the units are its agencies, the row number and the deadline are no words of
#: the task (and a deadline's year is not the year of a figure beside it).
_NOT_TEXT = {"number", "lead", "partner", "deadline"}


def division_text(raw: RawTable) -> list[str]:
    """The text a division table's rows leave in the unit that holds them.

    In an attachment (a 分工表 after the plan) each row stays whole. In the body
    (a plan whose section *is* its task table: 序号 | 重点任务 | 具体措施 | 责任单位 |
    完成时限) only the task and measure cells stay: the responsible units are
    read out of the text into the section's agencies, as a ``（责任单位：…）``
    is, so a 保护中心 in charge of a row is not a 保护中心 the plan builds.
    """
    if not raw.in_body:
        return [" ".join(r) for r in raw.rows]
    roles = [column_role(c) for c in raw.header]
    return [
        " ".join(c for c, role in zip(r, roles, strict=False) if c and role not in _NOT_TEXT)
        if len(r) > 1
        else r[0]
        for r in raw.rows
    ]
