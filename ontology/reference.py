"""The core measure and indicator list (``data/reference/core_measures.yaml``).

The ontology must contain every core measure under exactly its id, category and
labels; tests compare the two. The canonical indicators listed here are the
ones quantitative targets map to (:mod:`policykg.loaders.targets`).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from policykg.errors import OntologyError
from policykg.resources import reference_dir
from policykg.yamlfile import load_yaml


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class CoreMeasure(_Frozen):
    id: str
    zh: str
    en: str
    category: str
    hints: list[str]


class CoreIndicator(_Frozen):
    id: str
    zh: str
    unit: str


class CoreReference(_Frozen):
    measures: list[CoreMeasure]
    indicators: list[CoreIndicator]


def load_core_reference(path: Path | None = None) -> CoreReference:
    """Load the core measures and canonical indicators.

    Args:
        path: a file in the shape of ``core_measures.yaml``; bundled when None.

    Raises:
        OntologyError: the file is missing, is not YAML, or does not match the schema.
    """
    return load_yaml(
        path or reference_dir() / "core_measures.yaml", CoreReference, error=OntologyError
    )


@lru_cache(maxsize=1)
def bundled_core_reference() -> CoreReference:
    """The bundled core reference, read once per process."""
    return load_core_reference()
