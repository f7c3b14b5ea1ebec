"""Comparative analytics over the plans in the graph.

Start from a snapshot, then ask::

    data = AnalyticsData.from_store(store)
    similarity(data)          # which plans resemble each other (measures, clauses)
    diffusion(data)           # who adopted each measure first, who followed
    centrality(data)          # central measures of the jurisdiction–measure network
    communities(data)         # measures that travel together
    gaps(data, "heyuan")      # clauses and peer-adopted core measures a plan leaves out
"""

from policykg.analytics.data import AnalyticsData
from policykg.analytics.diffusion import diffusion, measure_diffusion
from policykg.analytics.gaps import gaps
from policykg.analytics.network import (
    bipartite_graph,
    centrality,
    co_adoption_graph,
    communities,
)
from policykg.analytics.similarity import score_matrix, similarity

__all__ = [
    "AnalyticsData",
    "bipartite_graph",
    "centrality",
    "co_adoption_graph",
    "communities",
    "diffusion",
    "gaps",
    "measure_diffusion",
    "score_matrix",
    "similarity",
]
