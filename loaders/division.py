"""A 重点任务分工表 (task division table): its rows give the matching tasks their agencies.

Plans often move the responsible units out of the body into an attachment, one
row per task: ``序号 | 重点任务 | 牵头单位 | 配合单位 | 完成时限``. Decided here:

* the table **enriches the tasks it lists**: a row whose task cell repeats a
  unit's heading gives that unit its agencies, lead unit(s) first, then the
  partners (``各县（市、区）人民政府`` is one unit). The attachment itself stays
  one unit of kind ``other`` holding the table text: its rows are the plan's
  tasks restated, so turning them into units would count every task twice.
* a unit that already names its units in its own text keeps them; a table that
  disagrees is reported in a warning.
* a row that matches no heading is reported, not guessed onto a unit.
* a table with two unit columns names the lead first: ``牵头单位 | 责任单位`` (or
  ``责任单位 | 配合单位``) is lead, then partners. 责任单位 alone is the lead
  column, but beside a 牵头单位 column it lists the units that share the work,
  so every unit column after the first lead column reads as partners.
* ``完成时限`` stays in the attachment's text and is not carried as a field:
  its values are free text (``2025年底``, ``持续推进``) and the export contract
  has no deadline.
* a **merged task cell** (one 重点任务 spanning several 具体措施 rows, printed on
  the first and left empty below) is the task of every row it spans.
* a table that stands **in the body** as a section's content (``二、重点任务`` /
  ``序号 | 重点任务 | 具体措施 | 责任单位 | 完成时限``) restates no heading: the
  section that holds it takes the units of its rows, in order of first
  appearance (see :func:`policykg.loaders.body.assign_divisions`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from policykg.loaders.agencies import names_of
from policykg.loaders.table_cells import RawTable, column_role

_MIN_PREFIX = 4


@dataclass(frozen=True)
class Assignment:
    """One row of a division table."""

    task: str
    agencies: list[str]
    deadline: str | None
    text: str
    table: int = 0


def _key(text: str) -> str:
    return re.sub(r"\s+", "", text).strip("。；，、：:;,. ")


def same_task(cell: str, heading: str) -> bool:
    """A table cell names a heading: equal, or one a long prefix of the other."""
    a, b = _key(cell), _key(heading)
    if not a or not b:
        return False
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    return len(short) >= max(_MIN_PREFIX, int(0.6 * len(long_))) and long_.startswith(short)


def _unit_roles(roles: list[str | None]) -> list[str | None]:
    """Column roles with every unit column after the first lead column as partners.

    ``牵头单位 | 责任单位``: the second column is not a second lead but the units
    that carry the task with it (the 分工表 convention: lead, then the rest).
    """
    out: list[str | None] = []
    seen_lead = False
    for role in roles:
        if role == "lead" and seen_lead:
            role = "partner"
        seen_lead = seen_lead or role == "lead"
        out.append(role)
    return out


def read_division(raw: RawTable, table: int = 0) -> tuple[list[Assignment], list[str]]:
    """The rows of a division table, and warnings for rows it cannot read.

    ``table`` numbers the table among the document's division tables.
    """
    roles = _unit_roles([column_role(c) for c in raw.header])
    out: list[Assignment] = []
    warnings: list[str] = []
    above = ""  # the task cell of the row above: a merged cell spans the empty ones
    for cells in raw.rows:
        if len(cells) == 1:
            continue  # a group row (一、…) spanning the table
        by_role: dict[str, str] = {}
        for role, cell in zip(roles, cells, strict=False):
            if role is not None and role not in by_role:
                by_role[role] = cell
        task = by_role.get("task", "") or above
        above = task
        lead = names_of(by_role.get("lead", ""))
        partners = names_of(by_role.get("partner", ""))
        if not task or not (lead or partners):
            warnings.append(f"division table: row {' '.join(cells)!r} names no task or no unit")
            continue
        agencies = list(dict.fromkeys(lead + partners))
        out.append(
            Assignment(
                task, agencies, by_role.get("deadline"), " ".join(c for c in cells if c), table
            )
        )
    return out, warnings
