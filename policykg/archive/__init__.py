"""policykg.archive: every plan source ever ingested, kept by SHA-256, with its records.

The graph is derived data; the archive is the system of record. See
:mod:`policykg.archive.store` (layout, durability, the ingest lock),
:mod:`policykg.archive.records` (what a record holds) and
:mod:`policykg.archive.backup` (``policykg archive export|import``).
"""

from policykg.archive.backup import ImportReport, export_archive, import_archive
from policykg.archive.records import ArchiveRecord, entry_fields
from policykg.archive.store import Archive, ArchiveCorrupt

__all__ = [
    "Archive",
    "ArchiveCorrupt",
    "ArchiveRecord",
    "ImportReport",
    "entry_fields",
    "export_archive",
    "import_archive",
]
