"""What every format extractor returns: the plan as text lines, plus evidence.

The text is what :func:`policykg.loaders.load_document` reads as if it were a
``.txt`` capture: one paragraph or heading per line, table rows one per line
with their cells separated by a tab. Metadata is *evidence* only (each value
with where it was read); the loader chain decides what to believe, text first.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Format = Literal["text", "html", "pdf", "docx"]

#: The fields an extractor may find outside the text (page metadata, file properties).
METADATA_FIELDS = (
    "title",
    "doc_number",
    "index_no",
    "issuer",
    "issued_on",
    "published_on",
    "source",
    "topic",
)


@dataclass(frozen=True)
class Evidence:
    """One metadata value and where it was read.

    Attributes:
        value: as shown, trimmed; dates as ISO ``YYYY-MM-DD``.
        source: where it came from, e.g. ``meta[name=PubDate]``,
            ``metadata table: 发布日期``, ``docx core properties: title``.
    """

    value: str
    source: str


@dataclass(frozen=True)
class Extracted:
    """A plan read out of one file format.

    Attributes:
        format: the detected format.
        text: the plan, one paragraph/heading/table row per line, LF line ends.
        encoding: the codec of a text or HTML file; None for PDF and DOCX.
        metadata: evidence by field (:data:`METADATA_FIELDS`), strongest source kept.
        warnings: what a reader should know (a declared charset that lied,
            lines dropped as running headers, automatic numbering not rendered...).
    """

    format: Format
    text: str
    encoding: str | None
    metadata: dict[str, Evidence] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    @property
    def plan_bytes(self) -> bytes:
        """The text as UTF-8 bytes: what :func:`~policykg.loaders.load_document` takes."""
        return self.text.encode("utf-8")
