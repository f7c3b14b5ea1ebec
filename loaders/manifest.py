"""The corpus manifest: what the curator knows about each plan file.

The manifest supplies the jurisdiction (which the text never states as an id)
and fallbacks for metadata the captured text lacks. Text first, manifest
second, null when neither says.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from policykg.errors import InvalidInput
from policykg.model import ManifestEntry


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
        InvalidInput: the file is missing, not YAML, or does not match the schema,
            or names one file or jurisdiction twice.
    """
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError as e:
        raise InvalidInput(f"manifest not found: {path}") from e
    except yaml.YAMLError as e:
        raise InvalidInput(f"manifest {path} is not valid YAML: {e}") from e
    try:
        entries = Manifest.model_validate(raw).documents
    except ValidationError as e:
        raise InvalidInput(f"manifest {path} does not match its schema: {e}") from e
    seen: set[str] = set()
    for entry in entries:
        if entry.file in seen:
            raise InvalidInput(f"manifest {path} lists {entry.file} twice")
        seen.add(entry.file)
    return entries
