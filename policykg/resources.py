"""Paths to the data shipped inside the package (corpus, reference, contract)."""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def data_dir() -> Path:
    """The installed ``policykg.data`` folder (``data/`` in a checkout)."""
    return Path(str(resources.files("policykg.data")))


def corpus_dir() -> Path:
    return data_dir() / "corpus"


def reference_dir() -> Path:
    return data_dir() / "reference"


def export_schema_path() -> Path:
    return data_dir() / "contract" / "export.schema.json"
