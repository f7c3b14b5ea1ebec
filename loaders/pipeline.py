"""The loader chain: raw bytes + manifest entry -> :class:`Document`.

decode -> repair -> normalise -> strip chrome and print layout -> header
metadata (and the signature and 版记 after the body) -> paragraphs -> tables ->
heading tree -> kinds, agencies -> targets, citations (the body steps:
:mod:`policykg.loaders.body`). Units come out with
empty ``measures`` and ``clauses``: the tagger and the linker fill those.

Identifiers are stable across rebuilds of the same source:

* ``Document.id`` = ``{jurisdiction id}-{first 12 hex of the source bytes' SHA-256}``
  (``entry.sha256`` when the caller read the source in another format, else of
  ``raw``): two different sources never share an id, a rebuild keeps it;
* ``Unit.id`` = document id + the unit's place in the heading tree, from its
  markers (``hohhot-1a2b3c4d/3/2/8``; ``…/notice``, ``…/preamble``, ``…/3/2/c1``
  for 专栏1; a repeated marker under one parent gets ``-2``);
* ``Target.id`` = unit id + ``/t{n}``, n counting the unit's targets in order.

Text with no recognisable heading is loaded as ONE unit of kind ``other``
holding the whole text, with a warning: refusing it would lose a plan a reader
can still search, and inventing structure would be guessing.
"""

from __future__ import annotations

import hashlib
import re

from policykg.errors import InvalidInput, PayloadTooLarge
from policykg.loaders.body import (
    assign_divisions,
    build_targets,
    build_units,
    division_assignments,
    division_holders,
    paragraphs,
)
from policykg.loaders.chrome import strip_chrome
from policykg.loaders.citations import find_citations
from policykg.loaders.decode import DEFAULT_MAX_BYTES, decode_bytes
from policykg.loaders.layout import continuations, strip_layout
from policykg.loaders.metadata import merge, read_header
from policykg.loaders.normalise import (
    normalise_punctuation,
    simplify_document,
    strip_markup,
    strip_pinyin,
    strip_placeholders,
)
from policykg.loaders.repair import repair_gbk_shift
from policykg.loaders.segment import BodyLine, Node, build_tree, match_heading, short_heading, walk
from policykg.loaders.signature import read_closing
from policykg.loaders.tables import extract_tables
from policykg.model import Document, ManifestEntry

_PREAMBLE_HEADING = re.compile(r"^(导言|前言|序言|引言)$")

#: The most units (headed sections) one plan may have.
MAX_UNITS = 1000


def document_id(jurisdiction_id: str, source_sha256: str) -> str:
    """The stable document id (see the module docstring)."""
    return f"{jurisdiction_id}-{source_sha256[:12]}"


def _is_body_start(line: str) -> bool:
    h = match_heading(line)
    return bool(_PREAMBLE_HEADING.match(line) or (h is not None and h.opens_body))


def load_document(
    raw: bytes, entry: ManifestEntry, *, max_bytes: int = DEFAULT_MAX_BYTES
) -> Document:
    """Parse one plan.

    Args:
        raw: the plan file's bytes (any supported encoding).
        entry: its manifest entry (jurisdiction, metadata fallbacks).
        max_bytes: the largest input accepted.

    Returns:
        The document with its units, targets, citations and warnings.

    Raises:
        PayloadTooLarge: ``raw`` is over ``max_bytes``.
        InvalidInput: empty, binary or undecodable input.
    """
    if len(raw) > max_bytes:
        raise PayloadTooLarge(
            f"{entry.file} is {len(raw)} bytes, over the {max_bytes}-byte limit",
            detail={"size": len(raw), "max_bytes": max_bytes},
        )
    decoded = decode_bytes(raw, source=entry.file)
    repaired = repair_gbk_shift(decoded.text)
    warnings = [*decoded.warnings, *repaired.warnings]
    warnings += [
        f"line {r.line}: repaired a GBK byte-shift run {r.garbled!r} -> {r.repaired!r} "
        f"({'; '.join(r.notes)})"
        for r in repaired.repairs
        if not any("□" in n for n in r.notes)
    ]
    original = [strip_markup(line).strip() for line in repaired.text.split("\n")]
    simplified = simplify_document(strip_pinyin(strip_placeholders(repaired.text))).split("\n")
    norm = [normalise_punctuation(line).strip() for line in simplified]
    spaced = [normalise_punctuation(line, collapse_spaces=False).strip() for line in simplified]

    chrome = strip_chrome(norm, spaced)
    kept = strip_layout(chrome.kept, norm, chrome.removed, repaired.text.split("\n")).kept
    start = next((pos for pos, i in enumerate(kept) if _is_body_start(norm[i])), None)
    if start is None:
        start = next((pos for pos, i in enumerate(kept) if match_heading(norm[i])), None)
    # The signature and 版记 after the body are metadata, not the last unit's text.
    body_lines = kept[start:] if start is not None else []
    attachment = next(
        (i for i in body_lines if (h := match_heading(norm[i])) and h.kind == "attachment"), None
    )
    closing = read_closing(body_lines, norm, spaced, attachment=attachment)
    kept = [i for i in kept if i not in closing.lines]
    header = read_header(
        kept[: start if start is not None else 0],
        norm,
        spaced,
        original,
        page=chrome.page,
        closing=closing.signature,
    )
    meta = merge(header, chrome.published_on, entry)
    warnings += meta.warnings
    doc_id = document_id(entry.jurisdiction.id, entry.sha256 or hashlib.sha256(raw).hexdigest())

    roots: list[Node] = []
    if header.notice_lines:
        text = [norm[i] for i in header.notice_lines]
        notice = Node(
            0,
            None,
            None,
            header.notice_title or short_heading(" ".join(text)),
            lines=list(header.notice_lines),
            text_lines=text,
            kind_hint="notice",
            slug="notice",
        )
        roots.append(notice)
    tables = []
    divisions = []
    if start is None:
        body = [(i, norm[i]) for i in kept if i not in header.title_lines]
        warnings.append(
            f"{entry.file}: no recognisable heading structure; loaded as one unit of kind 'other'"
        )
        node = Node(
            0,
            None,
            None,
            short_heading(" ".join(t for _, t in body)) if body else "",
            lines=[i for i, _ in body],
            text_lines=[t for _, t in body],
            kind_hint="preamble",
            slug="text",
        )
        roots = [node]
    else:
        body_idx = kept[start:]
        joins = continuations(repaired.text.split("\n"), body_idx, norm)
        found = extract_tables(paragraphs(body_idx, norm, spaced, joins))
        tables, divisions = found.indicator, found.division
        warnings.extend(found.warnings)
        lines = found.lines
        lead = 0
        while lead < len(lines) and not (
            not lines[lead].plain
            and match_heading(lines[lead].text) is not None
            and not _PREAMBLE_HEADING.match(lines[lead].text)
        ):
            lead += 1
        preamble = [BodyLine([i], norm[i]) for i in header.preamble_lines] + lines[:lead]
        tree = build_tree(lines[lead:], preamble=preamble)
        roots.extend(tree.roots)
        warnings.extend(tree.warnings)

    nodes = sum(1 for _ in walk(roots))
    if nodes > MAX_UNITS:
        # Tagging and linking cost grows with the units; a text this long is not
        # one plan (the five plans have 31-62 units), and it would tie up a worker.
        raise InvalidInput(
            f"{entry.file} has {nodes} headed sections, more than the {MAX_UNITS} "
            "one plan may have; split it into its plans",
            detail={"units": nodes, "max_units": MAX_UNITS},
        )
    units = build_units(doc_id, roots, original)
    rows, row_warnings = division_assignments(divisions)
    holders = division_holders(roots, units, divisions)
    warnings += row_warnings + assign_divisions(units, rows, holders)
    targets = build_targets(
        roots,
        units,
        tables,
        meta.title,
        meta.issued_on.year if meta.issued_on else None,
        notes=warnings,
    )

    citations = find_citations(
        [u.text for u in units], own_title=meta.title, own_number=meta.doc_number
    )
    doc = Document(
        id=doc_id,
        jurisdiction=entry.jurisdiction,
        title=meta.title,
        title_original=meta.title_original,
        issuers=meta.issuers,
        doc_number=meta.doc_number,
        issued_on=meta.issued_on,
        published_on=meta.published_on,
        status=meta.status,
        source_file=entry.file,
        sha256=hashlib.sha256(raw).hexdigest(),
        encoding=decoded.encoding,
        citations=citations,
        units=units,
        targets=targets,
        warnings=warnings,
    )
    return doc
