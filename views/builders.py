"""The five graph views as pure functions: subgraph data in, a :class:`View` out.

A :class:`View` holds a ``networkx.DiGraph`` whose node and edge attributes are
vis-network options (label, title, shape, color, ...), plus the page title,
legend and filters. :func:`policykg.views.render.render_html` turns it into a
self-contained page. Node ids are stable and readable: ``jurisdiction:hohhot``,
``measure:pledge_financing``, ``unit:<unit id>``, ``clause:C10``,
``document:<id>``, ``target:<id>``.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from policykg.services.records import (
    ClauseInfo,
    DocumentInfo,
    Implementation,
    JurisdictionInfo,
    MeasureInfo,
    Mention,
    TargetInfo,
    UnitRef,
)
from policykg.services.subgraphs import (
    ClauseData,
    ComparisonData,
    JurisdictionData,
    MeasureData,
    OverviewData,
)
from policykg.views import style
from policykg.views.style import Filter, LegendItem, tooltip

VIEW_KINDS: tuple[str, ...] = ("overview", "measure", "jurisdiction", "clause", "compare")


@dataclass
class View:
    """A graph ready to render: nodes and edges carry vis-network options."""

    kind: str
    title: str
    subtitle: str
    graph: nx.DiGraph
    legend: list[LegendItem] = field(default_factory=list)
    filters: list[Filter] = field(default_factory=list)
    #: False when every node has a fixed position (the comparison view)
    physics: bool = True


# --- node ids -------------------------------------------------------------------------------
def node_id(kind: str, ident: str) -> str:
    """The stable node id of a graph entity, e.g. ``node_id("clause", "C10")``."""
    return f"{kind}:{ident}"


# --- node helpers ---------------------------------------------------------------------------
def _doc_label(doc_id: str, title: str | None) -> str:
    return title or doc_id


def _unit_place(unit: UnitRef) -> str:
    return style.join(unit.path) or unit.heading


def _add_jurisdiction(
    g: nx.DiGraph,
    j: JurisdictionInfo,
    *,
    extra: Sequence[tuple[str, str | None]] = (),
    **attrs: Any,
) -> str:
    nid = node_id("jurisdiction", j.id)
    docs = "; ".join(_doc_label(d.id, d.title) for d in j.documents)
    g.add_node(
        nid,
        label=j.name,
        title=tooltip(
            j.name,
            ("id", j.id),
            ("level", style.level_name(j.level)),
            ("province", j.province),
            ("documents", docs),
            *extra,
        ),
        shape=style.level_shape(j.level),
        color=style.JURISDICTION_COLOUR,
        size=28,
        font={"size": 20, "bold": True},
        level=j.level,
        kind="jurisdiction",
        **attrs,
    )
    return nid


def _add_measure(
    g: nx.DiGraph,
    m: MeasureInfo,
    *,
    size: float = 14,
    extra: Sequence[tuple[str, str | None]] = (),
    **attrs: Any,
) -> str:
    nid = node_id("measure", m.id)
    g.add_node(
        nid,
        label=m.label_zh,
        title=tooltip(
            m.label_zh,
            ("id", m.id),
            ("English", m.label_en),
            ("category", m.category_zh or m.category_id),
            ("definition", m.definition),
            ("serves clauses", ", ".join(f"{c.id} {c.title}" for c in m.clauses)),
            *extra,
        ),
        shape="dot",
        color=style.category_colour(m.category_id),
        size=size,
        category=m.category_id or "",
        kind="measure",
        **attrs,
    )
    return nid


def _add_unit(g: nx.DiGraph, u: UnitRef, **attrs: Any) -> str:
    nid = node_id("unit", u.id)
    if nid not in g:
        g.add_node(
            nid,
            label=style.shorten(u.heading or (u.path[-1] if u.path else u.id), 18),
            title=tooltip(
                u.heading or u.id,
                ("unit", u.id),
                ("path", style.join(u.path)),
                ("kind", u.kind),
                ("document", _doc_label(u.document_id, u.document_title)),
            ),
            shape="box",
            color={"background": style.UNIT_COLOUR, "border": "#9a9a9a"},
            font={"size": 12},
            kind="unit",
            **attrs,
        )
    return nid


def _add_clause(g: nx.DiGraph, c: ClauseInfo, *, covered: bool = True, **attrs: Any) -> str:
    nid = node_id("clause", c.id)
    node: dict[str, Any] = {
        "label": f"{c.id} {style.shorten(c.title, 14)}",
        "title": tooltip(
            f"{c.id} {c.title}",
            ("chapter", c.chapter),
            ("digest", c.digest),
            None if covered else ("coverage", "not covered by any unit of this jurisdiction"),
        ),
        "shape": "hexagon",
        "size": 16,
        "kind": "clause",
    }
    if covered:
        node["color"] = style.CLAUSE_COLOUR
    else:
        node["color"] = {"background": style.CLAUSE_ABSENT_COLOUR, "border": "#9a9a9a"}
        node["shapeProperties"] = {"borderDashes": [5, 5]}
        node["font"] = {"color": "#8a8a8a"}
    node.update(attrs)
    g.add_node(nid, **node)
    return nid


def _add_document(g: nx.DiGraph, d: DocumentInfo, jurisdiction: JurisdictionInfo) -> str:
    nid = node_id("document", d.id)
    g.add_node(
        nid,
        label=style.shorten(_doc_label(d.id, d.title), 20),
        title=tooltip(
            _doc_label(d.id, d.title),
            ("document", d.id),
            ("issued by", jurisdiction.name),
            ("number", d.doc_number),
            ("issued on", d.issued_on),
            ("status", d.status),
        ),
        shape="box",
        color={"background": style.DOCUMENT_COLOUR, "border": "#b8962e"},
        kind="document",
    )
    return nid


def _add_target(g: nx.DiGraph, t: TargetInfo, **attrs: Any) -> str:
    nid = node_id("target", t.id)
    year = f"（{t.year}）" if t.year else ""
    g.add_node(
        nid,
        label=style.shorten(f"{t.metric} {t.value:g}{t.unit}{year}", 22),
        title=tooltip(
            t.metric,
            ("value", f"{t.value:g} {t.unit}"),
            ("year", None if t.year is None else str(t.year)),
            ("indicator", t.indicator_label or t.indicator),
            ("sentence", t.text),
            ("unit", t.unit_heading),
        ),
        shape="triangle",
        color=style.TARGET_COLOUR,
        size=12,
        kind="target",
        **attrs,
    )
    return nid


def _mention_rows(mentions: Sequence[Mention], limit: int = 3) -> list[tuple[str, str | None]]:
    """Tooltip rows citing the first ``limit`` mentions: heading, sentence, document."""
    rows: list[tuple[str, str | None]] = []
    for m in mentions[:limit]:
        rows.append(("unit", _unit_place(m.unit)))
        rows.append(("sentence", m.sentence or m.evidence))
        rows.append(("document", _doc_label(m.unit.document_id, m.unit.document_title)))
    if len(mentions) > limit:
        rows.append(("more", f"{len(mentions) - limit} more units"))
    return rows


def _by(items: Iterable[Any], *keys: str) -> dict[Any, list[Any]]:
    out: dict[Any, list[Any]] = defaultdict(list)
    for item in items:
        key = tuple(getattr(item, k) for k in keys)
        out[key[0] if len(key) == 1 else key].append(item)
    return out


def _category_filter(measures: Iterable[MeasureInfo]) -> Filter:
    seen: dict[str, str] = {}
    for m in measures:
        if m.category_id:
            seen.setdefault(m.category_id, m.category_zh or m.category_id)
    return Filter("category", "category", tuple(sorted(seen.items())))


def _level_filter(jurisdictions: Iterable[JurisdictionInfo]) -> Filter:
    levels = sorted({j.level for j in jurisdictions})
    return Filter("level", "level", tuple((lv, style.level_name(lv)) for lv in levels))


def _category_legend(measures: Iterable[MeasureInfo]) -> list[LegendItem]:
    seen: dict[str, str] = {}
    for m in measures:
        seen.setdefault(m.category_id or "", m.category_zh or m.category_id or "other")
    return style.category_legend(sorted(seen.items()))


def _edge_width(n: int) -> float:
    return 1.0 + min(n, 8) * 0.5


# --- overview -------------------------------------------------------------------------------
def build_overview(data: OverviewData) -> View:
    """Jurisdictions and the measures they adopt, one edge per adoption.

    Measures are coloured by category and sized by the number of adopting
    jurisdictions; jurisdictions are shaped by level.
    """
    g = nx.DiGraph()
    names = {j.id: j.name for j in data.jurisdictions}
    per_pair = _by(data.mentions, "jurisdiction_id", "measure_id")
    adopters: dict[str, list[str]] = defaultdict(list)
    for j_id, m_id in per_pair:
        adopters[m_id].append(j_id)

    for j in data.jurisdictions:
        count = sum(1 for (jj, _) in per_pair if jj == j.id)
        _add_jurisdiction(g, j, extra=[("measures adopted", str(count))])
    for m in data.measures:
        if m.id not in adopters:
            continue
        who = sorted(adopters[m.id])
        _add_measure(
            g,
            m,
            size=10 + 6 * len(who),
            extra=[("adopted by", f"{len(who)}: " + ", ".join(names.get(w, w) for w in who))],
            adopters=len(who),
        )
    for (j_id, m_id), mentions in sorted(per_pair.items()):
        src, dst = node_id("jurisdiction", j_id), node_id("measure", m_id)
        if src not in g or dst not in g:
            continue
        g.add_edge(
            src,
            dst,
            title=tooltip(
                f"{names.get(j_id, j_id)} adopts {g.nodes[dst]['label']}",
                ("units", str(len(mentions))),
                *_mention_rows(mentions),
            ),
            width=_edge_width(len(mentions)),
            color=style.EDGE_COLOUR,
            units=len(mentions),
        )
    legend = [
        *style.level_legend(sorted({j.level for j in data.jurisdictions})),
        *_category_legend(m for m in data.measures if m.id in adopters),
        LegendItem("adopts (width: number of units)", style.EDGE_COLOUR, "line"),
        LegendItem("measure size: number of adopting jurisdictions", "#ffffff", "note"),
    ]
    return View(
        kind="overview",
        title="PolicyKG overview: who adopts which measure",
        subtitle=(
            f"{len(data.jurisdictions)} jurisdictions, {len(adopters)} adopted measures, "
            f"{len(per_pair)} adoptions"
        ),
        graph=g,
        legend=legend,
        filters=[_category_filter(data.measures), _level_filter(data.jurisdictions)],
    )


# --- one measure ----------------------------------------------------------------------------
def build_measure_view(data: MeasureData) -> View:
    """One measure: the clauses it serves, the units that carry it, their jurisdictions.

    Mentions that do not commit the jurisdiction (background, abolition) are
    drawn dashed and grey; a jurisdiction with only such mentions is grey.
    """
    g = nx.DiGraph()
    m = data.measure
    centre = _add_measure(g, m, size=34, font={"size": 20, "bold": True})
    for c in m.clauses:
        cid = _add_clause(g, c, group="clause")
        g.add_edge(
            centre,
            cid,
            title=tooltip(f"{m.label_zh} serves {c.id} {c.title}", ("chapter", c.chapter)),
            color=style.CLAUSE_COLOUR,
            dashes=[2, 4],
        )
    levels = {j.id: j.level for j in data.jurisdictions}
    by_j = _by(data.mentions, "jurisdiction_id")
    for j in data.jurisdictions:
        mentions = by_j.get(j.id, [])
        adopting = [x for x in mentions if x.adoption]
        jid = _add_jurisdiction(
            g,
            j,
            extra=[
                ("adopts", "yes" if adopting else "no (mentioned only)"),
                ("units", str(len(mentions))),
            ],
            adopts=bool(adopting),
        )
        if not adopting:
            g.nodes[jid]["color"] = style.EDGE_WEAK_COLOUR
    for mention in data.mentions:
        jid = node_id("jurisdiction", mention.jurisdiction_id)
        uid = _add_unit(g, mention.unit, level=levels.get(mention.jurisdiction_id, ""))
        g.add_edge(
            jid,
            uid,
            title=tooltip(
                "plan unit",
                ("document", _doc_label(mention.unit.document_id, mention.unit.document_title)),
                ("path", style.join(mention.unit.path)),
            ),
            color=style.EDGE_WEAK_COLOUR,
        )
        g.add_edge(
            uid,
            centre,
            title=tooltip(
                f"{mention.unit.heading} → {m.label_zh}",
                ("adoption", "yes" if mention.adoption else f"no ({mention.reason})"),
                ("evidence", mention.evidence),
                ("sentence", mention.sentence),
                ("document", _doc_label(mention.unit.document_id, mention.unit.document_title)),
            ),
            color=style.category_colour(m.category_id) if mention.adoption else "#b0b0b0",
            dashes=not mention.adoption,
            width=2 if mention.adoption else 1,
            adoption=mention.adoption,
        )
    adopters = sorted(j for j, ms in by_j.items() if any(x.adoption for x in ms))
    mention_only = len(by_j) > len(adopters)
    legend = [
        *_category_legend([m]),
        *style.level_legend(sorted(set(levels.values()))),
        *(
            [LegendItem("jurisdiction that only mentions it", style.EDGE_WEAK_COLOUR, "square")]
            if mention_only
            else []
        ),
        LegendItem("plan unit", style.UNIT_COLOUR, "box"),
        LegendItem("outline clause the measure serves", style.CLAUSE_COLOUR, "hexagon"),
        LegendItem("unit adopts the measure", style.category_colour(m.category_id), "line"),
        LegendItem("unit mentions it without adopting", "#b0b0b0", "line", dashed=True),
    ]
    return View(
        kind="measure",
        title=f"Measure: {m.label_zh}（{m.label_en}）" if m.label_en else f"Measure: {m.label_zh}",
        subtitle=(
            f"adopted by {len(adopters)} jurisdictions; {len(data.mentions)} units mention it; "
            f"serves {len(m.clauses)} outline clauses"
        ),
        graph=g,
        legend=legend,
        filters=[_level_filter(data.jurisdictions)] if data.jurisdictions else [],
    )


# --- one jurisdiction ------------------------------------------------------------------------
def build_jurisdiction_view(data: JurisdictionData) -> View:
    """One jurisdiction: its documents, adopted measures, clauses covered and not, targets.

    Clauses no unit of the jurisdiction implements are drawn grey and dashed,
    tied to the jurisdiction by a dashed grey edge.
    """
    g = nx.DiGraph()
    j = data.jurisdiction
    jid = _add_jurisdiction(g, j)
    docs = {d.id: d for d in j.documents}
    for d in j.documents:
        did = _add_document(g, d, j)
        g.add_edge(
            jid,
            did,
            title=tooltip(f"{j.name} issued", ("document", d.title or d.id)),
            color=style.EDGE_COLOUR,
            width=3,
        )

    def doc_node(doc_id: str, title: str | None) -> str:
        # a document the jurisdiction list missed still gets a node (never a dangling edge)
        if doc_id not in docs:
            docs[doc_id] = DocumentInfo(id=doc_id, title=title)
            _add_document(g, docs[doc_id], j)
            g.add_edge(jid, node_id("document", doc_id), color=style.EDGE_COLOUR, width=3)
        return node_id("document", doc_id)

    measures = {m.id: m for m in data.measures}
    per_doc_measure: dict[tuple[str, str], list[Mention]] = defaultdict(list)
    for mention in data.mentions:
        per_doc_measure[(mention.unit.document_id, mention.measure_id)].append(mention)
    for (doc_id, m_id), mentions in sorted(per_doc_measure.items()):
        m = measures.get(m_id) or MeasureInfo(id=m_id, label_zh=m_id)
        mid = node_id("measure", m_id)
        if mid not in g:
            _add_measure(g, m, size=12 + 2 * min(len(mentions), 8), group="measure")
        g.add_edge(
            doc_node(doc_id, mentions[0].unit.document_title),
            mid,
            title=tooltip(
                f"adopts {m.label_zh}", ("units", str(len(mentions))), *_mention_rows(mentions)
            ),
            color=style.category_colour(m.category_id),
            width=_edge_width(len(mentions)),
        )

    per_doc_clause: dict[tuple[str, str], list[Implementation]] = defaultdict(list)
    for imp in data.implementations:
        per_doc_clause[(imp.unit.document_id, imp.clause_id)].append(imp)
    covered = {clause_id for (_, clause_id) in per_doc_clause}
    clauses = {c.id: c for c in data.clauses}
    for c in data.clauses:
        if c.id not in covered:
            cid = _add_clause(g, c, covered=False, group="clause_absent")
            g.add_edge(
                jid,
                cid,
                title=tooltip(f"{c.id} not covered", ("clause", c.title)),
                color=style.EDGE_WEAK_COLOUR,
                dashes=True,
                covered=False,
            )
    for (doc_id, clause_id), imps in sorted(per_doc_clause.items()):
        c = clauses.get(clause_id) or ClauseInfo(id=clause_id, title="")
        cid = node_id("clause", clause_id)
        if cid not in g:
            _add_clause(g, c, group="clause_covered")
        best = max(imps, key=lambda i: i.score)
        g.add_edge(
            doc_node(doc_id, imps[0].unit.document_title),
            cid,
            title=tooltip(
                f"implements {c.id} {c.title}",
                ("units", str(len(imps))),
                ("best score", f"{best.score:.2f} (rank {best.rank})"),
                ("best unit", _unit_place(best.unit)),
                ("evidence", best.evidence),
            ),
            color=style.CLAUSE_COLOUR,
            width=_edge_width(len(imps)),
            covered=True,
        )

    for t in data.targets:
        tid = _add_target(g, t, group="target")
        g.add_edge(
            doc_node(t.document_id, None),
            tid,
            title=tooltip("sets target", ("metric", t.metric), ("sentence", t.text)),
            color=style.TARGET_COLOUR,
        )

    legend = [
        *style.level_legend([j.level]),
        LegendItem("document", style.DOCUMENT_COLOUR, "box"),
        *_category_legend(data.measures),
        LegendItem("outline clause covered", style.CLAUSE_COLOUR, "hexagon"),
        LegendItem("outline clause not covered", style.CLAUSE_ABSENT_COLOUR, "hexagon", True),
        LegendItem("quantitative target", style.TARGET_COLOUR, "triangle"),
    ]
    show = Filter(
        "group",
        "show",
        (
            ("measure", "measures"),
            ("clause_covered", "clauses covered"),
            ("clause_absent", "clauses not covered"),
            ("target", "targets"),
        ),
    )
    adopted = {x.measure_id for x in data.mentions}
    return View(
        kind="jurisdiction",
        title=f"Jurisdiction: {j.name}",
        subtitle=(
            f"{len(j.documents)} documents, {len(adopted)} measures adopted, "
            f"{len(covered)} of {len(data.clauses)} outline clauses covered, "
            f"{len(data.targets)} targets"
        ),
        graph=g,
        legend=legend,
        filters=[show, _category_filter(data.measures)],
    )


# --- one clause ---------------------------------------------------------------------------------
def build_clause_view(data: ClauseData) -> View:
    """One outline clause, the units that implement it and their jurisdictions.

    The measures that serve the clause are drawn small around it, for context.
    """
    g = nx.DiGraph()
    c = data.clause
    centre = _add_clause(g, c, size=32, font={"size": 20, "bold": True})
    levels = {j.id: j.level for j in data.jurisdictions}
    by_j = _by(data.implementations, "jurisdiction_id")
    for j in data.jurisdictions:
        imps = by_j.get(j.id, [])
        _add_jurisdiction(g, j, extra=[("implementing units", str(len(imps)))])
    for imp in data.implementations:
        uid = _add_unit(g, imp.unit, level=levels.get(imp.jurisdiction_id, ""), group="unit")
        g.add_edge(
            node_id("jurisdiction", imp.jurisdiction_id),
            uid,
            title=tooltip(
                "plan unit",
                ("document", _doc_label(imp.unit.document_id, imp.unit.document_title)),
            ),
            color=style.EDGE_WEAK_COLOUR,
        )
        g.add_edge(
            uid,
            centre,
            title=tooltip(
                f"{imp.unit.heading} implements {c.id}",
                ("score", f"{imp.score:.2f}"),
                ("rank", str(imp.rank)),
                ("evidence", imp.evidence),
                ("path", style.join(imp.unit.path)),
                ("document", _doc_label(imp.unit.document_id, imp.unit.document_title)),
            ),
            color=style.CLAUSE_COLOUR,
            width=1 + 4 * imp.score,
            score=imp.score,
            rank=imp.rank,
        )
    for m in data.measures:
        mid = _add_measure(g, m, size=9, group="measure")
        g.add_edge(
            mid,
            centre,
            title=tooltip(f"{m.label_zh} serves {c.id}"),
            color=style.category_colour(m.category_id),
            dashes=[2, 4],
        )
    legend = [
        LegendItem("the outline clause", style.CLAUSE_COLOUR, "hexagon"),
        *style.level_legend(sorted(set(levels.values()))),
        LegendItem("plan unit linked to the clause (width: score)", style.UNIT_COLOUR, "box"),
        *_category_legend(data.measures),
        LegendItem("measure serves the clause", style.EDGE_COLOUR, "line", dashed=True),
    ]
    filters = [Filter("group", "show", (("unit", "units"), ("measure", "measures")))]
    if data.jurisdictions:
        filters.append(_level_filter(data.jurisdictions))
    return View(
        kind="clause",
        title=f"Outline clause {c.id}: {c.title}",
        subtitle=(
            f"{len(data.jurisdictions)} jurisdictions, {len(data.implementations)} units "
            f"implement it; {len(data.measures)} measures serve it"
        ),
        graph=g,
        legend=legend,
        filters=filters,
    )


# --- comparison -----------------------------------------------------------------------------------
#: layout grid: at most this many measures per column, cells this far apart
_ROWS = 12
_DX = 170.0
_DY = 46.0


def _grid(ids: Sequence[str], cx: float, cy: float) -> dict[str, tuple[float, float]]:
    """Place ``ids`` column by column in a grid centred on (cx, cy)."""
    if not ids:
        return {}
    cols = math.ceil(len(ids) / _ROWS)
    rows = min(len(ids), _ROWS)
    out = {}
    for i, ident in enumerate(ids):
        col, row = divmod(i, _ROWS)
        out[ident] = (cx + (col - (cols - 1) / 2) * _DX, cy + (row - (rows - 1) / 2) * _DY)
    return out


def _half_width(n: int) -> float:
    return math.ceil(n / _ROWS) * _DX / 2 if n else 0.0


def _spread(angles: list[float], gap: float) -> list[float]:
    """Angles (sorted) nudged apart until neighbours on the circle are ``gap`` apart.

    Each pass pushes too-close neighbours apart symmetrically, so items keep
    their order and stay near the angle they asked for.
    """
    out = list(angles)
    n = len(out)
    if n < 2:
        return out
    gap = min(gap, 2 * math.pi / n)
    for _ in range(200):
        moved = False
        for i in range(n):
            j = (i + 1) % n
            diff = (out[j] - out[i]) % (2 * math.pi)
            if diff < gap - 1e-9:
                push = (gap - diff) / 2
                out[i] -= push
                out[j] += push
                moved = True
        if not moved:
            break
    return out


def comparison_layout(
    jurisdiction_ids: Sequence[str], groups: dict[frozenset[str], list[str]]
) -> dict[str, tuple[float, float]]:
    """Fixed positions for the comparison view.

    Jurisdictions sit on the sides (two) or the corners of a regular polygon
    (more). Measures adopted by every compared jurisdiction are centred in a
    grid; a measure adopted by one jurisdiction sits in a grid between it and
    the centre. With three or more, a measure shared by some (not all) sits on
    a ring around the centre, towards the mean direction of its adopters; the
    more adopters, the closer to the centre.

    Args:
        jurisdiction_ids: the compared jurisdictions, in display order.
        groups: the set of adopting jurisdiction ids -> measure node ids.

    Returns:
        node id -> (x, y), for jurisdiction nodes and every measure in ``groups``.
    """
    n = len(jurisdiction_ids)
    everyone = frozenset(jurisdiction_ids)
    offset = math.pi if n == 2 else math.pi + math.pi / n
    directions = {
        j: (math.cos(offset + 2 * math.pi * i / n), math.sin(offset + 2 * math.pi * i / n))
        for i, j in enumerate(jurisdiction_ids)
    }
    centre = groups.get(everyone, [])
    centre_half = _half_width(len(centre))
    # how far the centre grid reaches in any direction (corners included)
    centre_reach = math.hypot(centre_half, min(len(centre), _ROWS) * _DY / 2) if centre else 0.0
    unique_half = max(
        (_half_width(len(groups.get(frozenset([j]), []))) for j in jurisdiction_ids), default=0.0
    )

    pos: dict[str, tuple[float, float]] = {}
    pos.update(_grid(centre, 0.0, 0.0))
    reach = centre_half if n == 2 else centre_reach
    # partial groups (3+ jurisdictions): one ring per number of adopters
    for k in range(n - 1, 1, -1):
        ring = [
            (
                math.atan2(
                    sum(directions[j][1] for j in members), sum(directions[j][0] for j in members)
                ),
                ident,
            )
            for members, ids in groups.items()
            if len(members) == k
            for ident in ids
        ]
        if not ring:
            continue
        ring.sort()
        spacing = 0.45 * _DX
        radius = max(reach + 1.2 * _DY, len(ring) * spacing / (2 * math.pi))
        angles = _spread([a for a, _ in ring], spacing / radius)
        for angle, (_, ident) in zip(angles, ring, strict=True):
            pos[ident] = (radius * math.cos(angle), radius * math.sin(angle))
        reach = radius + 0.6 * _DY
    inner = reach + unique_half + _DX  # centre of a unique group
    outer = inner + unique_half + 1.2 * _DX  # the jurisdiction itself
    for j, (dx, dy) in directions.items():
        pos[node_id("jurisdiction", j)] = (dx * outer, dy * outer)
        pos.update(_grid(groups.get(frozenset([j]), []), dx * inner, dy * inner))
    return pos


def build_comparison(data: ComparisonData) -> View:
    """Two or more jurisdictions side by side: shared measures in the middle.

    Positions are fixed (see :func:`comparison_layout`), so physics is off.
    """
    g = nx.DiGraph()
    order = [j.id for j in data.jurisdictions]
    names = {j.id: j.name for j in data.jurisdictions}
    measures = {m.id: m for m in data.measures}
    per_pair = _by(data.mentions, "jurisdiction_id", "measure_id")
    members: dict[str, set[str]] = defaultdict(set)
    for j_id, m_id in per_pair:
        members[m_id].add(j_id)
    groups: dict[frozenset[str], list[str]] = defaultdict(list)
    for m_id in sorted(
        members, key=lambda k: (measures[k].category_id or "", k) if k in measures else ("", k)
    ):
        groups[frozenset(members[m_id])].append(node_id("measure", m_id))
    pos = comparison_layout(order, groups)

    for j in data.jurisdictions:
        count = sum(1 for (jj, _) in per_pair if jj == j.id)
        jid = _add_jurisdiction(g, j, extra=[("measures adopted", str(count))])
        x, y = pos[jid]
        g.nodes[jid].update(x=x, y=y, fixed=True)
    everyone = frozenset(order)
    for m_id, who in members.items():
        m = measures.get(m_id) or MeasureInfo(id=m_id, label_zh=m_id)
        share = (
            "shared by all"
            if frozenset(who) == everyone
            else "only " + names[next(iter(who))]
            if len(who) == 1
            else "shared by " + ", ".join(names[w] for w in order if w in who)
        )
        mid = _add_measure(
            g, m, size=10 + 4 * len(who), extra=[("in this comparison", share)], shared=len(who)
        )
        x, y = pos[mid]
        g.nodes[mid].update(x=x, y=y, fixed=True)
    for (j_id, m_id), mentions in sorted(per_pair.items()):
        g.add_edge(
            node_id("jurisdiction", j_id),
            node_id("measure", m_id),
            title=tooltip(
                f"{names[j_id]} adopts {g.nodes[node_id('measure', m_id)]['label']}",
                ("units", str(len(mentions))),
                *_mention_rows(mentions),
            ),
            color={"color": style.EDGE_COLOUR, "opacity": 0.45},
            width=_edge_width(len(mentions)) * 0.6,
        )
    shared_all = len(groups.get(everyone, []))
    legend = [
        *style.level_legend(sorted({j.level for j in data.jurisdictions})),
        *_category_legend(data.measures),
        LegendItem("adopts", style.EDGE_COLOUR, "line"),
        LegendItem("centre: measures every compared jurisdiction adopts", "#ffffff", "note"),
        LegendItem("beside a jurisdiction: measures only it adopts", "#ffffff", "note"),
    ]
    return View(
        kind="compare",
        title="Comparison: " + " · ".join(names[j] for j in order),
        subtitle=(
            f"{shared_all} measures adopted by all; "
            + "; ".join(f"{len(groups.get(frozenset([j]), []))} only by {names[j]}" for j in order)
        ),
        graph=g,
        legend=legend,
        filters=[_category_filter(data.measures)],
        physics=False,
    )
