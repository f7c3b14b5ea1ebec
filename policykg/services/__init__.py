"""The read layer: the only code that turns graph rows into answers.

Each function takes a :class:`~policykg.graph.store.GraphStore`, runs named read
queries and returns typed results: the answer models of
:mod:`policykg.services.models` (the JSON API returns them as they are, the
pages and the command line read them) and the entity records of
:mod:`policykg.services.records` (the graph views and the analytics build on
them). Nothing else reads the graph, and nothing here knows about HTTP.
"""

from policykg.services.catalog import (
    document,
    documents,
    indicator,
    indicators,
    jurisdiction,
    jurisdiction_names,
    jurisdiction_targets,
    jurisdictions,
)
from policykg.services.clauses import clauses, coverage, serving_measures
from policykg.services.compare import adoption_evidence, check_compare_ids, compare, distinct_ids
from policykg.services.lookup import resolve_measure
from policykg.services.matrix import matrix, matrix_csv, measure_matrix
from policykg.services.measures import (
    adopters,
    matching_measures,
    measure,
    measure_index,
    measures_tree,
)
from policykg.services.paging import page
from policykg.services.search import search, sentences_with
from policykg.services.similarity import jaccard, similar_jurisdictions

__all__ = [
    "adopters",
    "adoption_evidence",
    "check_compare_ids",
    "clauses",
    "compare",
    "coverage",
    "distinct_ids",
    "document",
    "documents",
    "indicator",
    "indicators",
    "jaccard",
    "jurisdiction",
    "jurisdiction_names",
    "jurisdiction_targets",
    "jurisdictions",
    "matching_measures",
    "matrix",
    "matrix_csv",
    "measure",
    "measure_index",
    "measure_matrix",
    "measures_tree",
    "page",
    "resolve_measure",
    "search",
    "sentences_with",
    "serving_measures",
    "similar_jurisdictions",
]
