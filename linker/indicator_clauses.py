"""Which outline clauses each canonical indicator quantifies (``indicator_clauses.yaml``).

The build writes it into the graph as ``(:Indicator)-[:QUANTIFIES]->(:Clause)``;
a plan *quantifies* a clause when a unit linked to the clause sets a target on
such an indicator (see :func:`policykg.services.coverage`).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

from policykg.errors import OntologyError


@lru_cache(maxsize=1)
def bundled_indicator_clauses() -> dict[str, tuple[str, ...]]:
    """indicator id -> clause ids, from ``linker/indicator_clauses.yaml``."""
    path = Path(__file__).with_name("indicator_clauses.yaml")
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        return {str(k): tuple(v) for k, v in raw["indicators"].items()}
    except (OSError, yaml.YAMLError, KeyError, TypeError) as e:
        raise OntologyError(f"cannot read indicator clauses from {path}: {e}") from e
