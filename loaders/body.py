"""From the body lines of a plan to its units and targets.

The steps after the header (see :mod:`policykg.loaders.pipeline`):

1. paragraphs: hard-wrapped lines joined (:func:`policykg.loaders.layout.continuations`);
2. tables found (indicator tables become targets, division tables enrich tasks);
3. the heading tree (:mod:`policykg.loaders.segment`), kinds, agencies;
4. targets, each with the year its sentence, passage, goal section or the
   document states (see :func:`default_year`).

Years a plan states once for many figures:

* an **annual document** (工作要点, 工作计划, 年度计划 … with one year in its
  title: ``2025年白石县知识产权工作要点``): every target is for that year; so is
  every target of an **annual part** of a longer document (``二、2026年工作思路``,
  ``三、2026年重点工作`` of a year review, ``二、2025年工作安排`` of a 政府工作报告);
* a **goal section** (``（二）主要目标：到2025年，…``): its goal items inherit the
  year its opening states; failing that, a goal is for the end of the plan's
  period (``（2025—2027年）`` in the title -> 2027, ``“十四五”`` -> 2025).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from policykg.loaders.agencies import AgencySplit, article_agencies, split_agencies
from policykg.loaders.amendments import instruction, new_wording
from policykg.loaders.division import Assignment, read_division, same_task
from policykg.loaders.indicator_table import Table
from policykg.loaders.kinds import classify, explains
from policykg.loaders.markers import RANK_ARTICLE
from policykg.loaders.segment import BodyLine, Node, walk
from policykg.loaders.table_cells import RawTable
from policykg.loaders.targets import FoundTarget, find_targets, year_of
from policykg.model import Target, Unit
from policykg.text import sentences

_ANNUAL = re.compile(r"工作要点|工作计划|年度计划|工作安排|推进计划|年度工作")
_YEAR = re.compile(r"(?:19|20)\d{2}(?=\s*年)")
_PERIOD = re.compile(r"(?:19|20)\d{2}\s*[-—–~～至]\s*((?:19|20)\d{2})\s*年")
_FIVE_YEAR_TITLE = {"十三五": 2020, "十四五": 2025, "十五五": 2030}
#: Units that are not plan text of their own: no targets are read in them (a
#: preamble's forward goals aside, see :func:`build_targets`).
NO_TARGET_SLUGS = ("preamble", "notice")


def paragraphs(
    indices: list[int], norm: list[str], spaced: list[str], joins: dict[int, list[int]]
) -> list[BodyLine]:
    """Body lines as paragraphs: a hard-wrapped paragraph's lines joined into one."""
    out: list[BodyLine] = []
    continued = {j for js in joins.values() for j in js}
    for i in indices:
        if i in continued:
            continue
        rest = joins.get(i, [])
        out.append(
            BodyLine(
                [i, *rest],
                "".join(norm[j] for j in (i, *rest)),
                spaced="".join(spaced[j] for j in (i, *rest)),
            )
        )
    return out


def annual_year(title: str | None) -> int | None:
    """The year of an annual document (工作要点 …) from its title, else None."""
    if not title or not _ANNUAL.search(title):
        return None
    years = set(_YEAR.findall(title))
    return int(years.pop()) if len(years) == 1 else None


def period_start(title: str | None) -> int | None:
    """The first year of the plan's period from its title (``（2025—2027年）`` -> 2025)."""
    if not title:
        return None
    m = _PERIOD.search(title)
    return int(m.group(0)[:4]) if m else None


def current_year(title: str | None, issued: int | None) -> int | None:
    """The plan's own first year: its annual year, its period's start, else its issue year.

    Figures of a sentence opening with an earlier year are a look back (see
    :func:`policykg.loaders.targets.looks_back`).
    """
    return annual_year(title) or period_start(title) or issued


def period_end(title: str | None) -> int | None:
    """The last year of the plan's period from its title (``（2025—2027年）``, ``十四五``)."""
    if not title:
        return None
    m = _PERIOD.search(title)
    if m:
        return int(m.group(1))
    return next((y for k, y in _FIVE_YEAR_TITLE.items() if k in title), None)


_ANNUAL_PART = re.compile(
    r"^((?:19|20)\d{2})\s*年度?(?:的)?(?:全年)?"
    r"(?:工作思路|工作安排|工作计划|工作打算|工作要点|工作重点|重点工作|主要工作|重点任务|主要任务|"
    r"目标任务|主要目标|工作目标)"
)


def part_year(node: Node) -> int | None:
    """The year of the annual part a unit sits in (``2026年工作思路``, ``2025年工作安排``).

    A year review with next year's plan, a 政府工作报告 and a 工作总结 state next
    year's work in a part headed by that year; its figures are for that year,
    as a 工作要点's are for its title's.
    """
    cur: Node | None = node
    while cur is not None:
        m = _ANNUAL_PART.match(cur.heading)
        if m:
            return int(m.group(1))
        cur = cur.parent
    return None


def default_year(node: Node, kind: str, kinds: Mapping[int, str], title: str | None) -> int | None:
    """The year of a unit's undated figures (see the module docstring)."""
    annual = annual_year(title) or part_year(node)
    if annual is not None:
        return annual
    if kind != "goal":
        return None
    cur = node.parent
    while cur is not None and kinds.get(id(cur)) == "goal":
        for sentence in cur.text_lines:
            if (year := year_of(sentence)) is not None:
                return year
        cur = cur.parent
    return period_end(title)


def _group_notes(nodes: list[Node], splits: dict[int, AgencySplit]) -> dict[int, list[str]]:
    """Agencies that close a group: node id -> the units it gets from its last item.

    A plan may name the units of a whole group once, on a line of its own after
    the group's last item (``（一）…行动`` / ``1.…`` ``2.…`` / ``（责任单位：…）``).
    Read so when that line follows the last of two or more items, none of the
    other items names units of its own (in its text or from its own items) and
    the group heading names none either: where every item has its own line (a
    工作要点 with ``责任单位：`` under each item, or groups each closed by their
    line), the last one keeps its line. A 专栏 box is no item of its section:
    the ``牵头单位：…`` closing a box's list is the box's own.
    """
    moved: dict[int, list[str]] = {}

    def has(node: Node) -> bool:
        return bool(moved.get(id(node), splits[id(node)].agencies))

    for node in reversed(nodes):  # items before their groups
        items = node.children
        if len(items) < 2 or splits[id(node)].agencies or items[-1].kind_hint == "column":
            continue
        last = splits[id(items[-1])]
        if not last.closing or id(items[-1]) in moved or any(has(c) for c in items[:-1]):
            continue
        moved[id(node)] = last.agencies
        moved[id(items[-1])] = []
    # A group of one item follows its siblings' layout: where the groups beside
    # it close with their units, so does it (its note is not its item's).
    for node in nodes:
        items = node.children
        if len(items) != 1 or id(node) in moved or splits[id(node)].agencies:
            continue
        last = splits[id(items[0])]
        siblings = node.parent.children if node.parent else []
        if last.closing and not items[0].children and any(id(s) in moved for s in siblings):
            moved[id(node)] = last.agencies
            moved[id(items[0])] = []
    return moved


def build_units(doc_id: str, roots: list[Node], original: list[str]) -> list[Unit]:
    """One unit per node, ids from the markers, agencies moved out of the text."""
    units: list[Unit] = []
    node_unit: dict[int, Unit] = {}
    seen_ids: set[str] = set()
    nodes = walk(roots)
    splits = {id(n): split_agencies("\n".join(n.text_lines)) for n in nodes}
    group = _group_notes(nodes, splits)
    for node in nodes:
        if splits[id(node)].agencies or node.kind_hint is not None or not node.text_lines:
            continue
        if node.level == RANK_ARTICLE:
            # an article names who carries its duty in its first sentence
            group.setdefault(id(node), article_agencies(sentences(node.text_lines[0])[0]))
        elif instruction(node.text_lines[0]) is not None:
            # so does the article an amendment item writes
            wording = new_wording(node.text_lines[0])
            if wording:
                group.setdefault(id(node), article_agencies(sentences(wording)[0]))
    for order, node in enumerate(nodes):
        parent = node_unit.get(id(node.parent)) if node.parent else None
        base = f"{parent.id}/{node.slug}" if parent else f"{doc_id}/{node.slug}"
        uid, k = base, 2
        while uid in seen_ids:
            uid, k = f"{base}-{k}", k + 1
        seen_ids.add(uid)
        split = splits[id(node)]
        unit = Unit(
            id=uid,
            document_id=doc_id,
            parent_id=parent.id if parent else None,
            order=order,
            depth=parent.depth + 1 if parent else 0,
            marker=node.marker,
            number=node.number,
            kind=classify(node),
            path=node.path,
            heading=node.heading,
            text=split.text,
            text_original="\n".join(original[i] for i in node.lines),
            agencies=group.get(id(node), split.agencies),
        )
        units.append(unit)
        node_unit[id(node)] = unit
    return units


# A paragraph led by a bullet and a run-in phrase (●推进地方立法。…): a task the
# 工作要点 states without a heading of its own.
_BULLET_LEAD = re.compile(r"^[●■◆▲★•·▪◇□○◎]\s*([^。；，\n]{2,30})[。；]", re.MULTILINE)


def _bullet_owner(task: str, candidates: list[Unit]) -> Unit | None:
    """The unit whose text has a bullet paragraph led by the task's phrase."""
    for u in candidates:
        if any(same_task(task, lead) for lead in _BULLET_LEAD.findall(u.text)):
            return u
    return None


def division_holders(
    roots: list[Node], units: list[Unit], raw_tables: list[RawTable]
) -> dict[int, Unit]:
    """Division table number -> the unit whose section holds it in the plan's body."""
    holders: dict[int, Unit] = {}
    for n, raw in enumerate(raw_tables):
        if not raw.in_body or not raw.lines:
            continue
        for node, unit in zip(walk(roots), units, strict=True):
            if raw.lines[0] in node.lines and not in_attachment(node):
                holders[n] = unit
    return holders


def assign_divisions(
    units: list[Unit], tables: list[Assignment], holders: Mapping[int, Unit] | None = None
) -> list[str]:
    """Give each task a division table names its agencies (see :mod:`.division`).

    A row that repeats no heading may repeat the run-in phrase of a bulleted
    paragraph (``●推进地方立法。…``): the units go to the section holding it,
    added to those it names already (a section's agencies are the union over
    its bullets). A row of a table that stands in the body as a section's
    content (``holders``: table number -> that section) gives its units to the
    section, the same union.
    """
    warnings: list[str] = []
    holders = holders or {}
    candidates = [u for u in units if u.kind not in ("other", "background", "column")]
    for row in tables:
        hit = next((u for u in candidates if same_task(row.task, u.heading)), None)
        if hit is None:
            owner = _bullet_owner(row.task, candidates) or holders.get(row.table)
            if owner is not None:
                owner.agencies = list(dict.fromkeys([*owner.agencies, *row.agencies]))
                continue
            warnings.append(f"division table: task {row.task!r} matches no heading; not attached")
        elif not hit.agencies:
            hit.agencies = list(row.agencies)
        elif set(hit.agencies) != set(row.agencies):
            warnings.append(
                f"division table: {row.task!r} lists {row.agencies}, the text {hit.agencies}; "
                "the text's kept"
            )
    return warnings


def _target(target_id: str, unit_id: str, t: FoundTarget) -> Target:
    return Target(
        id=target_id,
        unit_id=unit_id,
        metric=t.metric,
        indicator=t.indicator,
        value=t.value,
        unit=t.unit,
        year=t.year,
        comparator=t.comparator,
        baseline=t.baseline,
        baseline_year=t.baseline_year,
        text=t.text,
    )


def in_attachment(node: Node) -> bool:
    """Whether the node is an attachment (附件) or inside one."""
    cur: Node | None = node
    while cur is not None:
        if cur.kind_hint == "attachment":
            return True
        cur = cur.parent
    return False


def build_targets(
    roots: list[Node],
    units: list[Unit],
    tables: list[Table],
    title: str | None,
    issued: int | None = None,
    notes: list[str] | None = None,
) -> list[Target]:
    """The targets of every unit that commits, from its text and its tables.

    ``issued`` is the year of the signature date, the plan's first year when its
    title states none. ``notes`` collects a warning when figures are left out
    as not about IP (see :func:`_about_ip`).
    """
    targets: list[Target] = []
    first_year = current_year(title, issued)
    nodes = walk(roots)
    kinds = {id(n): u.kind for n, u in zip(nodes, units, strict=True)}
    # A plan without a goal section (a 若干措施) may state its goals once, in the
    # preamble's purpose sentence (为…，力争到2028年，…达到25件，…制定以下措施):
    # those sentences are its goals; the preamble's other figures look back.
    preamble_goals = "goal" not in kinds.values()
    for node, unit in zip(nodes, units, strict=True):
        if node.slug == "preamble" and preamble_goals:
            for k, t in enumerate(
                find_targets(unit.text, current_year=first_year, ahead_only=True)
            ):
                targets.append(_target(f"{unit.id}/t{k}", unit.id, t))
            continue
        if unit.kind == "background" or node.slug in NO_TARGET_SLUGS or explains(node):
            continue
        n = 0
        year = default_year(node, unit.kind, kinds, title)
        # Text that orients, defines or restates states no targets of its own:
        # an `other` unit (指导思想, 基本原则, a 办法's definitions and eligibility
        # articles: 贷款余额不超过1000万元 is a condition) and an attachment (a
        # 分工表's task cells, a row number before a cell: 19 | 人才集聚). An
        # indicator table in either is read as a table below.
        found = (
            []
            if unit.kind == "other" or in_attachment(node)
            else find_targets(unit.text, default_year=year, current_year=first_year)
        )
        for t in found:
            targets.append(_target(f"{unit.id}/t{n}", unit.id, t))
            n += 1
        for table in tables:
            if table.first_line not in node.lines:
                continue
            for row in table.rows:
                targets.append(
                    Target(
                        id=f"{unit.id}/t{n}",
                        unit_id=unit.id,
                        metric=row.metric,
                        indicator=row.indicator,
                        value=row.value,
                        unit=row.unit,
                        year=row.year or table.year,
                        comparator=row.comparator,
                        baseline=row.baseline,
                        baseline_year=table.baseline_year if row.baseline is not None else None,
                        attribute=row.attribute,
                        category=row.category,
                        text=row.text,
                    )
                )
                n += 1
    return _about_ip(targets, title, notes)


#: Words naming an IP subject.
IP_SUBJECT = re.compile(r"知识产权|专利|商标|版权|著作权|地理标志|品种权|布图设计|商业秘密")
#: Documents about all of a government's work, IP one strand among many: the
#: 政府工作报告, the 国民经济和社会发展 plan (and its 规划纲要), a government's
#: 工作要点 for the year.
GENERAL_DOCUMENT = re.compile(r"政府工作报告|国民经济和社会发展|政府(?:年度)?工作要点|^工作报告$")


def _about_ip(targets: list[Target], title: str | None, notes: list[str] | None) -> list[Target]:
    """The targets about IP, when the document is about all of a government's work.

    A 政府工作报告 or a 国民经济和社会发展 plan commits to GDP, revenue, jobs and
    R&D intensity beside its IP figures; as an IP knowledge graph states the
    IP ones, such a document (its title names its genre and no IP subject)
    keeps the figures whose metric names an IP subject or reads as a canonical
    IP indicator. Ids are numbered again per unit. Any other document keeps
    every figure: an IP plan's figures are its commitments, whatever its title.
    """
    if title is None or IP_SUBJECT.search(title) or not GENERAL_DOCUMENT.search(title):
        return targets
    kept = [t for t in targets if t.indicator is not None or IP_SUBJECT.search(t.metric)]
    if notes is not None and len(kept) < len(targets):
        notes.append(
            f"a document about all of a government's work: {len(targets) - len(kept)} figures "
            "about other subjects than IP are not read as targets"
        )
    counts: dict[str | None, int] = {}
    out = []
    for t in kept:
        n = counts.get(t.unit_id, 0)
        counts[t.unit_id] = n + 1
        out.append(t.model_copy(update={"id": f"{t.unit_id}/t{n}"}))
    return out


def division_assignments(raw_tables: list[RawTable]) -> tuple[list[Assignment], list[str]]:
    """All rows of the division tables, with the warnings of rows not read."""
    rows: list[Assignment] = []
    warnings: list[str] = []
    for n, raw in enumerate(raw_tables):
        got, warn = read_division(raw, n)
        rows.extend(got)
        warnings.extend(warn)
    return rows, warnings
