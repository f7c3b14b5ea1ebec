"""policykg.linker: link plan units to the national outline clauses they implement.

Public entry points:

* :class:`Linker` (``link_document``, ``rank``, ``link_text``): calibrated
  ranking of the 24 outline clauses for each unit; see
  :mod:`policykg.linker.model` for what a score means.
* :func:`bundled_indicator_clauses`: which clauses each canonical indicator
  quantifies.
* :func:`evaluate_clauses` / :class:`ClauseReport`: top-1 and top-3 accuracy
  on the hand labels, cross-validated by plan.
"""

from policykg.linker.evaluation import ClauseReport, evaluate_clauses, refit_weights
from policykg.linker.indicator_clauses import bundled_indicator_clauses
from policykg.linker.linker import Linker, default_measure_clauses
from policykg.linker.model import DEFAULT_THRESHOLD, MAX_LINKS, Weights, load_weights

__all__ = [
    "DEFAULT_THRESHOLD",
    "MAX_LINKS",
    "ClauseReport",
    "Linker",
    "Weights",
    "bundled_indicator_clauses",
    "default_measure_clauses",
    "evaluate_clauses",
    "load_weights",
    "refit_weights",
]
