"""policykg.linker: link plan units to the national outline clauses they implement.

Public entry points:

* :class:`Linker` (``link_document``, ``rank``, ``link_text``): calibrated
  ranking of the 24 outline clauses for each unit; see
  :mod:`policykg.linker.model` for what a score means.
* :func:`coverage`: per jurisdiction, which clauses are quantified, restated
  or absent.
* :func:`evaluate_clauses` / :class:`ClauseReport`: top-1 and top-3 accuracy
  on the hand labels, cross-validated by plan.
"""

from policykg.linker.coverage import ClauseCoverage, Coverage, bundled_indicator_clauses, coverage
from policykg.linker.evaluation import ClauseReport, evaluate_clauses, refit_weights
from policykg.linker.linker import Linker, default_measure_clauses
from policykg.linker.model import DEFAULT_THRESHOLD, MAX_LINKS, Weights, load_weights

__all__ = [
    "DEFAULT_THRESHOLD",
    "MAX_LINKS",
    "ClauseCoverage",
    "ClauseReport",
    "Coverage",
    "Linker",
    "Weights",
    "bundled_indicator_clauses",
    "coverage",
    "default_measure_clauses",
    "evaluate_clauses",
    "load_weights",
    "refit_weights",
]
