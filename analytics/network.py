"""The jurisdiction–measure network: centrality of measures, and measures that travel together.

The bipartite graph has a node per jurisdiction and per adopted measure and an
edge per adoption. Two projections onto the measures are used:

* **co-adoption** (``weighted_projected_graph``): edge weight = number of
  jurisdictions adopting both; eigenvector centrality runs on it, so a measure
  is central when it is adopted alongside other widely adopted measures.
* **overlap** (``overlap_weighted_projected_graph`` with ``jaccard=True``):
  edge weight = Jaccard of the two adopter sets. Communities are found on it,
  because raw co-adoption counts would glue every measure to the handful that
  all five plans adopt; Jaccard groups measures whose *adopter sets* match.
"""

from __future__ import annotations

import networkx as nx
from networkx.algorithms import bipartite
from networkx.algorithms import community as nx_community

from policykg.analytics.data import AnalyticsData
from policykg.analytics.models import (
    CentralityReport,
    CommunitiesReport,
    MeasureCentrality,
    MeasureCommunity,
)
from policykg.errors import InvalidInput

#: node-name prefixes, so a measure and a jurisdiction can never collide
J, M = "j:", "m:"

#: below this, a partition is barely better than chance (a common rule of thumb is 0.3)
WEAK_MODULARITY = 0.3


def bipartite_graph(data: AnalyticsData) -> nx.Graph:
    """Jurisdictions (``bipartite=0``), adopted measures (``bipartite=1``), one edge per adoption.

    Edges carry ``units``: how many units of the jurisdiction adopt the measure.
    """
    g = nx.Graph()
    for j in data.jurisdictions.values():
        g.add_node(J + j.id, bipartite=0, kind="jurisdiction", id=j.id, label=j.name, level=j.level)
    for jid, measures in data.adoptions.items():
        for mid, evidence in measures.items():
            m = data.measure(mid)
            g.add_node(M + mid, bipartite=1, kind="measure", id=mid, label=m.label_zh, core=m.core)
            g.add_edge(J + jid, M + mid, units=len(evidence))
    return g


def _measure_nodes(g: nx.Graph) -> list[str]:
    return sorted(n for n, d in g.nodes(data=True) if d["bipartite"] == 1)


def co_adoption_graph(data: AnalyticsData, jaccard: bool = False) -> nx.Graph:
    """The measure projection: weights are shared adopters, or their Jaccard when asked."""
    g = bipartite_graph(data)
    nodes = _measure_nodes(g)
    if jaccard:
        p = bipartite.overlap_weighted_projected_graph(g, nodes, jaccard=True)
    else:
        p = bipartite.weighted_projected_graph(g, nodes)
    return _ordered(nx.relabel_nodes(p, {n: n[len(M) :] for n in p}))


def _ordered(g: nx.Graph) -> nx.Graph:
    """The same graph with nodes and edges inserted in sorted order.

    The bipartite projections build neighbourhoods from sets, whose order of
    strings changes with Python's hash seed; Louvain visits nodes and
    neighbours in insertion order, so without this the "seeded" communities
    differed from one process to the next.
    """
    out = nx.Graph()
    out.add_nodes_from(sorted(g.nodes(data=True)))
    out.add_edges_from(sorted((*sorted((u, v)), d) for u, v, d in g.edges(data=True)))
    return out


def centrality(data: AnalyticsData) -> CentralityReport:
    """Degree and betweenness in the bipartite network, eigenvector in the projection."""
    g = bipartite_graph(data)
    measures = _measure_nodes(g)
    notes: list[str] = []
    if not measures:
        return CentralityReport(
            jurisdictions=len(data.jurisdictions), measures=[], notes=["no adoptions in the graph"]
        )
    degree = bipartite.degree_centrality(g, measures)
    betweenness = bipartite.betweenness_centrality(g, measures)
    projection = co_adoption_graph(data)
    eigen: dict[str, float]
    try:
        eigen = nx.eigenvector_centrality_numpy(projection, weight="weight")
    except (nx.NetworkXException, ValueError, TypeError) as e:
        # a projection without edges (every measure adopted by one plan only)
        eigen = dict.fromkeys(projection, 0.0)
        notes.append(f"eigenvector centrality undefined on this projection: {e}")
    if nx.number_connected_components(projection) > 1:
        notes.append(
            "the co-adoption projection is disconnected; eigenvector scores concentrate "
            "in its largest component"
        )
    rows = []
    for node in measures:
        mid = node[len(M) :]
        m = data.measure(mid)
        rows.append(
            MeasureCentrality(
                measure=mid,
                label_zh=m.label_zh,
                category=m.category_id,
                adopters=g.degree(node),
                degree=round(degree[node], 4),
                betweenness=round(betweenness[node], 4),
                # the numpy solver may return the all-negative eigenvector
                eigenvector=round(abs(eigen.get(mid, 0.0)), 4),
            )
        )
    rows.sort(key=lambda r: (-r.eigenvector, -r.adopters, r.measure))
    return CentralityReport(jurisdictions=len(data.jurisdictions), measures=rows, notes=notes)


def communities(data: AnalyticsData, seed: int = 42, resolution: float = 1.0) -> CommunitiesReport:
    """Louvain communities of measures on the Jaccard co-adoption projection.

    Args:
        data: the analytics snapshot.
        seed: Louvain's random seed, fixed so the same graph gives the same groups.
        resolution: above 1 favours smaller communities, below 1 larger ones.

    Raises:
        InvalidInput: a non-positive resolution.
    """
    if resolution <= 0:
        raise InvalidInput("resolution must be positive")
    p = co_adoption_graph(data, jaccard=True)
    notes: list[str] = []
    if p.number_of_edges() == 0:
        groups: list[set[str]] = [{n} for n in p]
        modularity = None
        notes.append("no two measures share an adopter: every measure is its own community")
    else:
        groups = nx_community.louvain_communities(
            p, weight="weight", resolution=resolution, seed=seed
        )
        modularity = round(
            nx_community.modularity(p, groups, weight="weight", resolution=resolution), 4
        )
        if modularity < WEAK_MODULARITY:
            notes.append(
                f"modularity {modularity} is low: most measures are adopted by most plans, "
                "so these groups are tendencies, not clear-cut clusters"
            )
    all_js = set(data.jurisdictions)
    out = []
    for group in groups:
        members = sorted(group)
        adopters = [set(data.adopters(m)) for m in members]
        out.append(
            MeasureCommunity(
                index=0,
                size=len(members),
                measures=members,
                labels_zh=[data.measure(m).label_zh for m in members],
                adopted_by_all=sorted(set.intersection(*adopters) & all_js),
                adopted_by_any=sorted(set.union(*adopters)),
            )
        )
    out.sort(key=lambda c: (-c.size, c.measures))
    for i, c in enumerate(out, 1):
        c.index = i
    return CommunitiesReport(
        method="louvain (networkx), Jaccard co-adoption projection",
        seed=seed,
        resolution=resolution,
        modularity=modularity,
        communities=out,
        notes=notes,
    )
