"""The corpus manifest: what the curator knows about each plan file.

The manifest supplies the jurisdiction (which the text never states as an id)
and fallbacks for metadata the captured text lacks. Text first, manifest
second, null when neither says.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict

from policykg.errors import InvalidInput
from policykg.model import ManifestEntry
from policykg.yamlfile import load_yaml


class Manifest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    documents: list[ManifestEntry]


def load_manifest(path: Path) -> list[ManifestEntry]:
    """Read and validate a manifest file.

    Args:
        path: the ``manifest.yaml`` beside the plan files.

    Returns:
        The entries, in file order.

    Raises:
        InvalidInput: the file is missing, not YAML, or does not match the schema
            (each entry names a ``file`` or a ``url``, not both), or names one
            source twice.
    """
    entries = load_yaml(path, Manifest).documents
    seen: set[str] = set()
    for entry in entries:
        if entry.source in seen:
            raise InvalidInput(f"manifest {path} lists {entry.source} twice")
        seen.add(entry.source)
    return entries
