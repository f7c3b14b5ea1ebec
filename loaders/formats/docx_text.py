"""A Word ``.docx`` file -> the plan, one paragraph per line.

Read with python-docx (MIT): :meth:`docx.document.Document.iter_inner_content`
gives the body's paragraphs and tables in document order, so a table comes
out where it stands among the paragraphs; headers, footers, footnotes and
comments live in other parts of the package and are never read. docx2python
(3.7) was measured on the same test files: its ``text`` starts with the page
header and gives a table one cell per paragraph, so the rows are lost; its
``body`` keeps them, as nested table/row/cell/paragraph lists in which body
paragraphs and tables differ only by nesting. python-docx gives the blocks as
they are, in 0.03 s for the Hohhot plan (docx2python: 0.03 s too).

* A paragraph is a line; a manual line break inside it (Shift+Enter) starts a
  new line, except in a heading-styled paragraph, whose pieces are one heading.
  Runs of ASCII spaces and tabs become one space; an ideographic space
  (``第一章　发展基础``) is text and stays, as in a text capture.
* A table gives one line per row, cells separated by a tab; a cell's
  paragraphs are joined by a space; a merged cell counts once per row.
* Automatic numbering (Word's list numbers) is not part of the text that
  python-docx reads: paragraphs that use it are counted in a warning, since
  their ``一、``/``（一）`` markers, if that is what the numbering draws, are
  missing from the text.
* The title property is evidence only when it reads as a document's title
  (Word puts "文档1" or the first line there).
"""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any

import docx
from docx.opc.exceptions import PackageNotFoundError
from docx.table import Table
from docx.text.paragraph import Paragraph

from policykg.errors import InvalidInput
from policykg.loaders.formats.evidence import reads_as_title
from policykg.loaders.formats.result import Evidence, Extracted

# A space the author typed in full width (第一章　发展基础) is a character and stays;
# runs of ASCII spaces, tabs and no-break spaces are layout.
_SPACES = re.compile(r"[ \t\xa0]+")
_HEADING_STYLE = re.compile(r"^(heading|标题|title)", re.I)
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


class _Styles:
    """What a paragraph's style says (a heading? numbered?), worked out once per style.

    python-docx resolves a paragraph's style by scanning the style part each
    time; a plan has thousands of paragraphs and a handful of styles.
    """

    def __init__(self) -> None:
        self._seen: dict[str | None, tuple[bool, bool]] = {}

    def of(self, paragraph: Paragraph) -> tuple[bool, bool]:
        """(heading style, style draws a list number) for the paragraph's style."""
        key = paragraph._p.style
        if key not in self._seen:
            style = paragraph.style
            heading = style is not None and bool(_HEADING_STYLE.match(style.name or ""))
            numbered = False
            while style is not None and not numbered:
                spr = style.element.pPr
                numbered = spr is not None and spr.find(f"{_W}numPr") is not None
                style = style.base_style
            self._seen[key] = (heading, numbered)
        return self._seen[key]


def _numbered(paragraph: Paragraph, styles: _Styles) -> bool:
    """True when Word draws a list number before the paragraph (its own or its style's)."""
    ppr = paragraph._p.pPr
    if ppr is not None and ppr.find(f"{_W}numPr") is not None:
        return True
    return styles.of(paragraph)[1]


def _paragraph_lines(paragraph: Paragraph, styles: _Styles) -> list[str]:
    pieces = [_SPACES.sub(" ", p).strip() for p in paragraph.text.split("\n")]
    pieces = [p for p in pieces if p]
    if styles.of(paragraph)[0]:
        return ["".join(pieces)] if pieces else []
    return pieces


def _table_lines(table: Table) -> list[str]:
    lines = []
    for row in table.rows:
        cells: list[str] = []
        seen: set[int] = set()
        for cell in row.cells:
            if id(cell._tc) in seen:  # a horizontally merged cell repeats
                continue
            seen.add(id(cell._tc))
            cells.append(
                " ".join(_SPACES.sub(" ", p.text).strip() for p in cell.paragraphs).strip()
            )
        if any(cells):
            lines.append("\t".join(cells))
    return lines


def _open(raw: bytes, source: str) -> Any:
    try:
        return docx.Document(io.BytesIO(raw))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError) as e:
        raise InvalidInput(f"{source} is not a readable Word .docx file: {e}") from e
    except ValueError as e:
        # python-docx refuses .docm/.dotx content types with a ValueError
        raise InvalidInput(
            f"{source} is a Word file python-docx cannot open ({e}); save it as .docx or PDF"
        ) from e


def extract_docx(raw: bytes, *, source: str = "file.docx") -> Extracted:
    """Read a plan out of a Word ``.docx`` file.

    Args:
        raw: the file's bytes.
        source: a name for messages.

    Returns:
        The plan, one paragraph/heading/table row per line, with the file's
        title property as evidence when it has one.

    Raises:
        InvalidInput: a damaged or macro-enabled package, or one with no text.
    """
    document = _open(raw, source)
    lines: list[str] = []
    numbered = 0
    styles = _Styles()
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            lines.extend(_paragraph_lines(block, styles))
            if block.text.strip() and _numbered(block, styles):
                numbered += 1
        elif isinstance(block, Table):
            lines.extend(_table_lines(block))
    if not lines:
        raise InvalidInput(f"{source} is a Word file with no text in its body")
    warnings = []
    if numbered:
        warnings.append(
            f"{source}: {numbered} paragraph(s) use Word's automatic numbering, whose "
            "numbers are not in the text; headings numbered that way lose their markers"
        )
    metadata: dict[str, Evidence] = {}
    title = (document.core_properties.title or "").strip()
    if reads_as_title(title):  # not Word's "文档1" or a first line such as "导言"
        metadata["title"] = Evidence(title, "docx core properties: title")
    return Extracted("docx", "\n".join(lines) + "\n", None, metadata, warnings)
