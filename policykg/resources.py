"""Paths to the data shipped inside the package (corpus, reference, labels, contract)."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from policykg.errors import InvalidInput


def data_dir() -> Path:
    """The installed ``policykg.data`` folder (``data/`` in a checkout)."""
    return Path(str(resources.files("policykg.data")))


def corpus_dir() -> Path:
    return data_dir() / "corpus"


def reference_dir() -> Path:
    return data_dir() / "reference"


def export_schema_path() -> Path:
    return data_dir() / "contract" / "export.schema.json"


def labels_dir() -> Path:
    """The hand labels ``policykg eval`` scores against (``data/labels/``)."""
    return data_dir() / "labels"


def labels_path(name: str) -> Path:
    """A bundled label file by name (``adoption_labels.yaml``, ``clause_labels.yaml``).

    Raises:
        InvalidInput: no bundled label file has this name.
    """
    path = labels_dir() / name
    if not path.is_file():
        raise InvalidInput(f"no bundled labels {name!r} in {labels_dir()}; pass --labels")
    return path
