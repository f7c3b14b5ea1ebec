"""One archive record: what was ingested, when, how, and with which manifest fields.

A record is written for every ingest that adds something (a new source, or
the same source with other manifest fields), one JSON file each, never
edited. Together with the source bytes it names (by SHA-256) it is enough to
derive the document again with whatever code is current.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from policykg.model import (
    DOCUMENT_ID_PATTERN,
    SHA256_PATTERN,
    ManifestEntry,
    Route,
    SourceFormat,
)

RECORD_FORMAT: Literal["policykg-archive-record/1"] = "policykg-archive-record/1"


def entry_fields(entry: ManifestEntry) -> dict[str, Any]:
    """The manifest fields of ``entry`` as given: JSON values, empty ones left out.

    A URL source keeps its ``url`` and not the file name derived from it, so
    the fields read back into the same entry.
    """
    data = entry.model_dump(mode="json", exclude_none=True, exclude={"sha256"})
    if entry.url is not None:
        data.pop("file", None)
    if not data.get("issuers"):
        data.pop("issuers", None)
    return data


class ArchiveRecord(BaseModel):
    """One ingest of one source (``records/<when>-<sha>-<random>.json``)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    format: Literal["policykg-archive-record/1"] = RECORD_FORMAT
    sha256: str = Field(pattern=SHA256_PATTERN, description="SHA-256 of the source bytes")
    size: int = Field(ge=1, description="bytes")
    document_id: str = Field(pattern=DOCUMENT_ID_PATTERN)
    source_format: SourceFormat
    route: Route = Field(description="corpus | file | url | upload")
    ingested_at: datetime
    entry: dict[str, Any] = Field(description="the manifest fields given (file or url, ...)")
    final_url: str | None = Field(default=None, description="for a download, after redirects")
    charset: str | None = Field(default=None, description="for a download, the declared charset")
    bundled: bool = Field(default=False, description="from the package's own corpus")
    policykg_version: str

    @model_validator(mode="after")
    def _consistent(self) -> ArchiveRecord:
        entry = self.manifest_entry()
        expected = f"{entry.jurisdiction.id}-{self.sha256[:12]}"
        if self.document_id != expected:
            raise ValueError(f"document_id {self.document_id!r} is not {expected!r}")
        if self.ingested_at.tzinfo is None:
            raise ValueError("ingested_at needs a time zone")
        return self

    def manifest_entry(self) -> ManifestEntry:
        """The manifest entry this ingest was given, pinned to the archived bytes."""
        return ManifestEntry.model_validate({**self.entry, "sha256": self.sha256})

    @property
    def jurisdiction_id(self) -> str:
        return self.document_id.rsplit("-", 1)[0]

    def same_ingest(self, other: ArchiveRecord) -> bool:
        """True when ``other`` adds nothing: the same source with the same manifest fields."""
        return (self.document_id, self.sha256, self.entry) == (
            other.document_id,
            other.sha256,
            other.entry,
        )


def now() -> datetime:
    """The current time in UTC, to the microsecond (record times and names)."""
    return datetime.now(UTC)
