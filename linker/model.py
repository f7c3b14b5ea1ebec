"""The calibrated scoring model: logistic regression over clause features.

Why a score means what it says: every (unit, clause) pair of the hand-labelled
units in ``data/labels/clause_labels.yaml`` (141 units, 24 clauses each) is a
training example, positive when the labeller judged the clause correct for the
unit. A logistic regression over the features of
:mod:`policykg.linker.features` is fitted on these pairs, so its output
estimates P(a reader accepts this clause for this unit | the signals). Checked
out of sample (each plan scored by weights fitted on the other four), links
scored 0.3-0.5 were correct 40% of the time, 0.5-0.7 64%, 0.7-0.9 67% and
0.9-1.0 99%; below 0.1, 1%.

The default threshold of 0.3 therefore stores a link when there is roughly one
chance in three or better that a reader would accept it, and drops the long
tail of clauses that merely share words with the unit. At most three links are
stored per unit; a unit whose best clause scores below 0.3 stays unlinked
rather than being forced onto the least-bad clause. With these settings 99% of
labelled units keep at least one link and 79% of stored links are correct (a
lower bound: a second link to a plausible clause the labeller did not list
counts as wrong). Raise the threshold to 0.5 or 0.9 for fewer, surer links.

The probabilities are only as good as the labels: five plans, one labeller.
Reported accuracy comes from leave-one-plan-out refits
(:mod:`policykg.linker.evaluation`), not from the bundled fit, which has seen
every label.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import yaml
from pydantic import BaseModel, ConfigDict, Field
from sklearn.linear_model import LogisticRegression

from policykg.errors import OntologyError
from policykg.linker.features import FEATURES
from policykg.yamlfile import load_yaml

WEIGHTS_PATH = Path(__file__).with_name("weights.yaml")
#: Links scoring below this are not stored (see the module docstring).
DEFAULT_THRESHOLD = 0.3
#: At most this many clauses per unit are stored.
MAX_LINKS = 3
#: Inverse regularisation strength; modest, as a few hundred positives cannot
#: support sharp weights on eleven correlated features.
REGULARISATION_C = 1.0


@dataclass
class Weights:
    """Fitted logistic-regression coefficients, one per feature."""

    coef: dict[str, float]
    intercept: float
    meta: dict[str, Any] = field(default_factory=dict)

    def vector(self) -> np.ndarray:
        return np.array([self.coef.get(name, 0.0) for name in FEATURES])

    def predict(self, x: np.ndarray) -> np.ndarray:
        """Probability per row of a (pairs x FEATURES) matrix."""
        z = x @ self.vector() + self.intercept
        return np.asarray(1.0 / (1.0 + np.exp(-z)))

    def to_yaml(self) -> str:
        body = {
            "features": {k: round(float(v), 6) for k, v in self.coef.items()},
            "intercept": round(float(self.intercept), 6),
            "meta": self.meta,
        }
        header = (
            "# Logistic-regression weights of the clause linker, written by\n"
            "# policykg.linker.evaluation.refit_weights from data/labels/clause_labels.yaml.\n"
            "# Do not edit by hand: refit after changing features or labels.\n"
        )
        return header + yaml.safe_dump(body, allow_unicode=True, sort_keys=False)


def fit(x: np.ndarray, y: np.ndarray, meta: dict[str, Any] | None = None) -> Weights:
    """Fit weights on (pairs x FEATURES) features and 0/1 labels."""
    if y.min() == y.max():
        raise ValueError("need both correct and incorrect pairs to fit")
    lr = LogisticRegression(C=REGULARISATION_C, max_iter=2000)
    lr.fit(x, y)
    coef = {name: float(w) for name, w in zip(FEATURES, lr.coef_[0], strict=True)}
    return Weights(coef=coef, intercept=float(lr.intercept_[0]), meta=meta or {})


class _WeightsFile(BaseModel):
    """What :meth:`Weights.to_yaml` writes."""

    model_config = ConfigDict(extra="forbid")

    features: dict[str, float]
    intercept: float
    meta: dict[str, Any] = Field(default_factory=dict)


def load_weights(path: Path | None = None) -> Weights:
    """Read weights written by :meth:`Weights.to_yaml` (the bundled file by default).

    Raises:
        OntologyError: the file is missing, malformed, or names unknown features.
    """
    path = path or WEIGHTS_PATH
    raw = load_yaml(path, _WeightsFile, error=OntologyError)
    unknown = set(raw.features) - set(FEATURES)
    if unknown:
        raise OntologyError(f"linker weights {path} name unknown features {sorted(unknown)}")
    return Weights(coef=raw.features, intercept=raw.intercept, meta=raw.meta)
