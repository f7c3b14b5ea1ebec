"""A plan source of any format -> :class:`Document`: the one entry for source bytes.

Plans arrive as text captures, web pages, PDF and Word files, from disk, an
upload or a URL. :func:`load_source` tells the format from the bytes
(:mod:`policykg.loaders.formats`), reads the plan's text out of it, and runs
the loader chain (:func:`~policykg.loaders.pipeline.load_document`) on that
text. What the page or file says outside its text (a 信息公开 box's 文号,
发布日期, 成文日期, 发文机关; ``<meta name="ArticleTitle">``; a Word file's title)
fills only the manifest fields the user left empty: the text first, then the
manifest, then that evidence, null when none says. Nothing is guessed.

The document then carries its provenance: the source's format, its URL (None
for a file), the SHA-256 of the *original* bytes (not of the extracted text,
so the same file always gives the same document id) and, for text and web
pages, the encoding the bytes were in. Extractor warnings go first among the
document's warnings.
"""

from __future__ import annotations

import hashlib
import re
from datetime import date
from typing import Any

from policykg.errors import InvalidInput, PayloadTooLarge
from policykg.loaders.decode import DEFAULT_MAX_BYTES
from policykg.loaders.formats import Evidence, detect_format, extract
from policykg.loaders.pipeline import load_document
from policykg.model import Document, ManifestEntry

_ISSUER_SPLIT = re.compile(r"[\s、，,；;]+")


def fill_from_evidence(entry: ManifestEntry, evidence: dict[str, Evidence]) -> ManifestEntry:
    """``entry`` with its empty metadata fields taken from the file's evidence.

    Args:
        entry: what the user or the manifest gave.
        evidence: what the page or file says outside its text, by field.

    Returns:
        A copy; a field the entry already has is never replaced.
    """
    update: dict[str, Any] = {}

    def value(name: str) -> str | None:
        found = evidence.get(name)
        return found.value if found else None

    if not entry.title and value("title"):
        update["title"] = value("title")
    if not entry.doc_number and value("doc_number"):
        update["doc_number"] = value("doc_number")
    issuer = value("issuer")
    if not entry.issuers and issuer:
        update["issuers"] = [p for p in _ISSUER_SPLIT.split(issuer) if p]
    for name in ("issued_on", "published_on"):
        raw = value(name)
        if getattr(entry, name) is None and raw:
            try:
                update[name] = date.fromisoformat(raw)
            except ValueError:  # evidence dates are ISO already; a bad one is no evidence
                continue
    return entry.model_copy(update=update) if update else entry


def load_source(
    raw: bytes,
    entry: ManifestEntry,
    *,
    source_url: str | None = None,
    charset: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Document:
    """Parse one plan from its source bytes, whatever their format.

    Args:
        raw: the source's bytes as read, uploaded or downloaded.
        entry: its manifest entry (jurisdiction, metadata fallbacks).
        source_url: where the bytes were fetched from (None for a file or upload).
        charset: the charset an HTTP ``Content-Type`` declared (web pages only).
        max_bytes: the largest source accepted.

    Returns:
        The document with its provenance set.

    Raises:
        PayloadTooLarge: ``raw`` is over ``max_bytes``.
        InvalidInput: a format that is not read, unreadable bytes, a plan
            without text, or bytes that do not match ``entry.sha256``.
    """
    name = entry.source
    if len(raw) > max_bytes:
        raise PayloadTooLarge(
            f"{name} is {len(raw)} bytes, over the {max_bytes}-byte limit",
            detail={"size": len(raw), "max_bytes": max_bytes},
        )
    digest = hashlib.sha256(raw).hexdigest()
    if entry.sha256 is not None and entry.sha256 != digest:
        raise InvalidInput(
            f"{name} has SHA-256 {digest}, not the {entry.sha256} its manifest entry gives",
            detail={"sha256": digest, "expected": entry.sha256},
        )
    entry = entry.model_copy(update={"sha256": digest})
    try:
        kind = detect_format(raw)
    except InvalidInput as e:
        raise InvalidInput(f"{name} {e.message}") from e
    if kind == "text":
        # The loader decodes the original bytes itself: its encoding detection
        # and warnings (mixed encodings, truncation) are about the file as given.
        doc = load_document(raw, entry, max_bytes=max_bytes)
        extra_warnings: list[str] = []
    else:
        extracted = extract(raw, source=name, charset=charset)
        entry = fill_from_evidence(entry, extracted.metadata)
        doc = load_document(extracted.plan_bytes, entry, max_bytes=max_bytes)
        doc.encoding = extracted.encoding
        extra_warnings = list(extracted.warnings)
    doc.source_format = kind
    doc.source_url = source_url
    doc.sha256 = digest
    doc.replaces = entry.replaces
    doc.warnings = [*extra_warnings, *doc.warnings]
    return doc
