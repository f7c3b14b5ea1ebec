"""Questions the graph answers, shared by the API and the CLI.

Each function takes a :class:`~policykg.graph.store.GraphStore`, runs named read
queries and shapes their rows into plain dicts (the API validates them against
its response models; the CLI prints them). Nothing here knows about HTTP.
"""

from policykg.services.catalog import (
    document,
    documents,
    indicator,
    indicators,
    jurisdiction,
    jurisdictions,
)
from policykg.services.clauses import clauses, coverage
from policykg.services.compare import compare, jaccard, matrix, matrix_csv
from policykg.services.measures import adopters, measure, measures_tree
from policykg.services.paging import page
from policykg.services.search import search, sentences_with

__all__ = [
    "adopters",
    "clauses",
    "compare",
    "coverage",
    "document",
    "documents",
    "indicator",
    "indicators",
    "jaccard",
    "jurisdiction",
    "jurisdictions",
    "matrix",
    "matrix_csv",
    "measure",
    "measures_tree",
    "page",
    "search",
    "sentences_with",
]
