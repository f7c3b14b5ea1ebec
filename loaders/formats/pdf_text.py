"""A PDF's text layer -> the plan, one paragraph per line.

Read with pypdfium2 (PDFium's own bindings, BSD-3/Apache-2.0, one wheel and
no other package), not PyMuPDF (AGPL). pdfplumber reads the same text and
geometry but sits on pdfminer.six (pure Python: 0.39 s against 0.05 s for the
12-page Hohhot plan) and brings cryptography and Pillow with it, while it
uses pypdfium2 itself only to render.

A printed page breaks every paragraph into lines; the plan needs them whole.
Each character's box and baseline come from PDFium; lines are characters on
one baseline (a gap wider than one and a half characters is a table column,
written as a tab). Then, on every page:

* **page numbers** among the first or last two lines are dropped (``— 1 —``,
  ``- 2 -``, ``第 3 页``, ``第3页 共12页``, ``3/12``, a bare ``3``) when they
  stand above or below the text block, in the margin where page numbers go:
  a bare number on one of the text block's lines is text that a page break
  left alone (a contents entry's page number, a table's row number);
* **running headers and footers**: a first or last line whose text (digits
  aside) recurs at the same height on at least half the pages (and on two or
  more) is dropped; the plan's title on page 1 is not at the running header's
  height, so it stays;
* **the red header** (``…人民政府办公室文件``): lines at the top of page 1
  printed in red, or the first line when it ends in 文件 and is set larger than
  the body, are dropped; the issuing body it names is kept as evidence.

Lines are then joined into paragraphs. A line **ends** a paragraph when it
stops more than one character short of the right margin (the right edge that
95 % of lines do not pass); a line **starts** one when it is indented past the left
margin (the first-line indent of GB/T 9704 documents; the margin is the
leftmost edge two or more lines share, not the most common one, which is the
indent where most paragraphs fit on one line) or when it opens with a
heading marker (``一、`` ``（一）`` ``1.`` ``专栏``) right after a sentence end.
A **title** broken over centred lines set larger than the body (GB/T 9704
7.3.1) is one line.
So a heading is never run into the paragraph after it: it is short, or its
next line is indented or numbered. Table rows (lines with a column gap) stand
alone, one cell per column of their table: an empty cell (a merged task
cell, a blank last column) is a wider gap on the page and stays an empty
cell, so the cells after it keep their columns. An ideographic space
(U+3000) is a character the author typed (a form's ``填报日期：　　年　　月　　日``,
columns set with them): it stays, at either end of a printed line, and a
line ending in them reaches as far as they do. Wrapped Chinese lines join
with no space (Chinese wraps anywhere, even inside ``2020``); Latin words get
one where the paragraph is mostly Latin.

The document info's Title is evidence only when it reads as a document's title
(:func:`~policykg.loaders.formats.evidence.reads_as_title`): Word and WPS fill
it with the first line or "文档1".

A PDF with no text layer (a scan) is refused: it needs OCR, which PolicyKG does
not do. One that needs a password to open is refused; one encrypted only
against copying or printing (an owner password) opens without one and is read,
with a warning.
"""

from __future__ import annotations

import ctypes
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from statistics import median

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from policykg.errors import InvalidInput
from policykg.loaders.formats.evidence import reads_as_title
from policykg.loaders.formats.result import Evidence, Extracted
from policykg.loaders.normalise import normalise_punctuation
from policykg.loaders.segment import match_heading

_PAGE_NUMBER = re.compile(
    r"^[-—–－~_\s]*(?:第\s*)?\d{1,4}(?:\s*页)?"
    r"(?:\s*[/／]\s*\d{1,4}|\s*[,，]?\s*共\s*\d{1,4}\s*页)?[-—–－~_\s]*$"
)
_RED_HEADER = re.compile(r"^[\u4e00-\u9fff（）()、\s]{2,60}文件$")
_SENTENCE_END = re.compile(r"[。；;：:！!？?）)”」』]$")
_LATIN_END = re.compile(r"[A-Za-z]$")
# Fewer characters than this per page on average: the text layer is missing or a stray label.
_MIN_CHARS_PER_PAGE = 20
_BAND = 2  # lines at the top and at the bottom of a page that may be headers or footers
# What a paragraph's end sheds: spaces, not a table row's tab before an empty last cell.
_TRAILING = " \u3000\xa0"


@dataclass
class _Line:
    page: int
    text: str
    x0: float
    x1: float
    y: float  # baseline, from the bottom of the page
    size: float
    red: bool
    spans: tuple[tuple[float, float], ...] = ()  # left and right of each tab-separated cell


def _open(raw: bytes, source: str) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(raw)
    except pdfium.PdfiumError as e:
        if e.err_code == pdfium_c.FPDF_ERR_PASSWORD:
            raise InvalidInput(
                f"{source} is an encrypted PDF that needs a password to open; "
                "give an unprotected copy"
            ) from e
        if e.err_code == pdfium_c.FPDF_ERR_SECURITY:
            raise InvalidInput(f"{source} uses a PDF security handler that cannot be read") from e
        raise InvalidInput(f"{source} is not a readable PDF (damaged or truncated): {e}") from e


def _page_lines(page: pdfium.PdfPage, number: int) -> list[_Line]:
    textpage = page.get_textpage()
    try:
        raw = textpage.raw
        count = pdfium_c.FPDFText_CountChars(raw)
        red, green, blue, alpha = (ctypes.c_uint() for _ in range(4))
        ox, oy = ctypes.c_double(), ctypes.c_double()
        box = pdfium_c.FS_RECTF()
        lines: list[_Line] = []
        chars: list[tuple[str, float, float, float, float, bool]] = []

        def close() -> None:
            if not chars:
                return
            # The line starts at its first visible character: ideographic spaces
            # before it are kept in the text (on a line that runs on from the one
            # above they are the author's), not counted as where it starts.
            visible = [c for c in chars if not c[0].isspace()]
            if not visible:
                chars.clear()
                return
            text = ""
            spans: list[tuple[float, float]] = []
            start = reach = visible[0][1]
            for k, (ch, left, right, _y, size, _red) in enumerate(chars):
                gap = left - chars[k - 1][2] if k else 0.0
                if gap > 1.5 * size and text.strip():
                    text = text.rstrip() + "\t"
                    spans.append((start, reach))
                    start = left
                elif gap > 0.2 * size and ch.isascii() and text[-1:].isascii() and text[-1:] != " ":
                    text += " "  # a word space the PDF left as a gap, between Latin words
                text += ch
                if not ch.isspace():
                    reach = right
            spans.append((start, reach))
            # An ideographic space is a character the author typed (a form's blank
            # 填报日期：　　年　　月　　日, columns set with them): it stays, and it
            # counts towards how far the line reaches, so a line that ends in
            # them runs on. ASCII spaces at the ends are layout.
            text = text.strip(" \t\xa0")
            if text.strip():
                lines.append(
                    _Line(
                        number,
                        text,
                        visible[0][1],
                        max(c[2] for c in chars if not c[0].isspace() or c[0] == "\u3000"),
                        median(c[3] for c in chars),
                        median(c[4] for c in chars),
                        sum(c[5] for c in chars) > len(chars) / 2,
                        tuple(spans),
                    )
                )
            chars.clear()

        for i in range(count):
            code = pdfium_c.FPDFText_GetUnicode(raw, i)
            if code in (0x0D, 0x0A, 0xFFFE):
                continue
            if pdfium_c.FPDFText_IsGenerated(raw, i) == 1:
                continue  # PDFium's guessed spaces and breaks: we judge gaps ourselves
            ch = chr(code)
            # The loose box spans the glyph's advance: a full-width "，" ends where
            # the next character would start, as the line's right edge should.
            pdfium_c.FPDFText_GetLooseCharBox(raw, i, box)
            pdfium_c.FPDFText_GetCharOrigin(raw, i, ox, oy)
            size = pdfium_c.FPDFText_GetFontSize(raw, i) or (box.top - box.bottom) or 1.0
            pdfium_c.FPDFText_GetFillColor(raw, i, red, green, blue, alpha)
            is_red = red.value > 150 and green.value < 90 and blue.value < 90
            if chars and abs(oy.value - chars[-1][3]) > 0.5 * max(size, chars[-1][4]):
                close()
            if ch.isspace() and ch != "\u3000" and not chars:
                continue
            chars.append((ch, box.left, box.right, oy.value, size, is_red))
        close()
    finally:
        textpage.close()
    # Reading order: top to bottom (PDF y grows upwards), then left to right.
    lines.sort(key=lambda ln: (-round(ln.y), ln.x0))
    return lines


def _band(lines: list[_Line]) -> set[int]:
    """Indices (into ``lines``) of the lines at a page's top or bottom."""
    n = len(lines)
    return set(range(min(_BAND, n))) | set(range(max(0, n - _BAND), n))


def _furniture_key(line: _Line) -> tuple[str, int]:
    """A line's text with its digits masked, and its height: what recurs on every page."""
    return (re.sub(r"\d+", "#", re.sub(r"\s+", "", line.text)), round(line.y))


def _drop_furniture(pages: list[list[_Line]], warnings: list[str], source: str) -> list[_Line]:
    """Page numbers, running headers/footers (see the module docstring)."""
    keys: Counter[tuple[str, int]] = Counter()
    for lines in pages:
        keys.update({_furniture_key(lines[i]) for i in _band(lines)})
    need = max(2, (len(pages) + 1) // 2)
    running = {k for k, n in keys.items() if n >= need}

    def is_running(line: _Line) -> bool:
        return len(pages) >= 2 and _furniture_key(line) in running

    outside = _outside_text_block(pages, is_running)
    kept: list[_Line] = []
    dropped_running = 0
    for lines in pages:
        band = _band(lines)
        for i, line in enumerate(lines):
            if i in band:
                if _PAGE_NUMBER.match(line.text) and outside(line):
                    continue
                if is_running(line):
                    dropped_running += 1
                    continue
            kept.append(line)
    if dropped_running:
        warnings.append(f"{source}: dropped {dropped_running} running header/footer line(s)")
    return kept


def _outside_text_block(
    pages: list[list[_Line]], is_running: Callable[[_Line], bool]
) -> Callable[[_Line], bool]:
    """Whether a line stands above or below the text block, where page numbers go.

    The block runs from the highest to the lowest baseline of the lines that
    are neither running headers nor shaped like a page number, on any page. A
    bare number inside it is text a page break left alone on a line: a
    contents entry's page (``3. 保障措施……`` | ``4``), a table's row number.
    With no such lines to measure, every page-number-shaped line is taken for one.
    """
    ys = [
        ln.y
        for lines in pages
        for ln in lines
        if not _PAGE_NUMBER.match(ln.text) and not is_running(ln)
    ]
    if not ys:
        return lambda line: True
    low, high = min(ys), max(ys)
    return lambda line: not low - 0.5 * line.size <= line.y <= high + 0.5 * line.size


def _drop_red_header(lines: list[_Line], body_size: float) -> tuple[list[_Line], str | None]:
    """The red header block at the top of page 1, and the issuer it names."""
    first_page = [ln for ln in lines if ln.page == 0]
    header: list[_Line] = []
    for line in first_page:
        if line.red:
            header.append(line)
            continue
        break
    if not header and first_page:
        top = first_page[0]
        if _RED_HEADER.match(top.text) and top.size > 1.2 * body_size:
            header = [top]
    if not header:
        return lines, None
    names = "".join(re.sub(r"\s+", "", ln.text) for ln in header)
    issuer = names.removesuffix("文件") if names.endswith("文件") else None
    return [ln for ln in lines if not any(ln is h for h in header)], issuer or None


def _heading_start(text: str) -> bool:
    return match_heading(normalise_punctuation(text).strip()) is not None


def _glue(before: str, after: str) -> str:
    """A space between wrapped Latin words; nothing in Chinese, which wraps anywhere."""
    latin = sum(c.isascii() and c.isalpha() for c in before)
    if _LATIN_END.search(before) and after[:1].isalpha() and after[:1].isascii():
        return " " if latin > len(before) / 2 else ""
    return ""


def _centred(line: _Line, left: float, right: float) -> bool:
    """As far from the left margin as from the right (a line across the measure is too)."""
    return abs((line.x0 - left) - (right - line.x1)) <= line.size


def _title_block(before: _Line, line: _Line, left: float, right: float, body_size: float) -> bool:
    """Two lines of one title: set larger than the body, centred, one under the other.

    GB/T 9704 breaks a long title over lines of about equal length, each centred
    (7.3.1); they are one title, as a text capture writes it.
    """
    return (
        line.page == before.page
        and line.size > 1.15 * body_size
        and abs(line.size - before.size) <= 0.5
        and 0 < before.y - line.y <= 2.5 * line.size
        and _centred(before, left, right)
        and _centred(line, left, right)
        and not _SENTENCE_END.search(before.text.rstrip())
    )


def _paragraphs(lines: list[_Line], body_size: float) -> list[str]:
    """Join wrapped lines into paragraphs (see the module docstring)."""
    if not lines:
        return []
    body = [ln for ln in lines if abs(ln.size - body_size) <= 0.25 * body_size] or lines
    # The left margin: the leftmost edge two or more lines share. Not the most
    # common one: where most paragraphs are one line (a plan hard-wrapped before
    # printing, a list of short items) most lines start indented.
    starts = Counter(round(ln.x0) for ln in body)
    left = min((x for x, n in starts.items() if n >= 2), default=min(starts))
    rights = sorted(ln.x1 for ln in body if "\t" not in ln.text) or [ln.x1 for ln in body]
    right = rights[round(0.95 * (len(rights) - 1))]
    paragraphs: list[str] = []
    current = ""
    previous: _Line | None = None
    for line in lines:
        # Ideographic spaces at the start of a line that runs on from a full one
        # are text (columns set with them), not a first-line indent.
        runs_on = (
            previous is not None
            and right - previous.x1 <= previous.size
            and not _SENTENCE_END.search(current.rstrip())
        )
        indented = line.x0 - left > 1.5 * line.size and not (
            line.text.startswith("\u3000") and runs_on
        )
        if previous is not None and _title_block(previous, line, left, right, body_size):
            current += line.text
            previous = line
            continue
        new = (
            previous is None
            or right - previous.x1 > previous.size
            or indented
            or "\t" in line.text
            or "\t" in previous.text
            or (_heading_start(line.text) and bool(_SENTENCE_END.search(current.rstrip())))
        )
        if new:
            if current:
                paragraphs.append(current.rstrip(_TRAILING))
            current = line.text.lstrip()
        else:
            current += _glue(current, line.text) + line.text
        previous = line
    if current:
        paragraphs.append(current.rstrip(_TRAILING))
    return paragraphs


def _align_columns(lines: list[_Line]) -> None:
    """Give every row of a table one cell per column, empty cells included.

    A row's cells are separated by gaps, and an empty cell is only a wider gap
    (a task table's 重点任务 cell merged over the rows below it); read as one
    tab, the cells after it would move into the wrong columns. A table is a run
    of rows (lines with a column gap). Its full rows (the most cells) set the
    columns: each column spans its cells on those rows, left-aligned, centred
    or right-aligned alike. A shorter row's cells go to the columns they
    overlap most (the nearest when none), and it gets an empty cell for every
    other column, a trailing one too.
    """
    k = 0
    while k < len(lines):
        if "\t" not in lines[k].text:
            k += 1
            continue
        end = k
        while end < len(lines) and "\t" in lines[end].text:
            end += 1
        rows = lines[k:end]
        k = end
        width = max(len(ln.spans) for ln in rows)
        full = [ln for ln in rows if len(ln.spans) == width]
        if len(full) == len(rows) or any(ln.text.count("\t") + 1 != len(ln.spans) for ln in rows):
            continue  # nothing to place, or a row whose cells and gaps do not pair up
        columns = [
            (min(ln.spans[i][0] for ln in full), max(ln.spans[i][1] for ln in full))
            for i in range(width)
        ]
        for ln in rows:
            if len(ln.spans) == width:
                continue
            cells = [""] * width
            for (a, b), cell in zip(ln.spans, ln.text.split("\t"), strict=True):
                cell = cell.strip()
                at = max(range(width), key=lambda i: _placement(a, b, columns[i]))
                cells[at] = f"{cells[at]} {cell}" if cells[at] else cell
            ln.text = "\t".join(cells)


def _placement(a: float, b: float, column: tuple[float, float]) -> tuple[float, float]:
    """How well a cell spanning ``a``-``b`` sits in a column: overlap, then nearness."""
    lo, hi = column
    return (max(0.0, min(b, hi) - max(a, lo)), -abs((a + b) - (lo + hi)))


def extract_pdf(raw: bytes, *, source: str = "file.pdf") -> Extracted:
    """Read a plan out of a PDF's text layer.

    Args:
        raw: the PDF's bytes.
        source: a name for messages.

    Returns:
        The plan, one paragraph/heading/table row per line, with the red
        header's issuer and the document title as evidence.

    Raises:
        InvalidInput: a damaged PDF, one that needs a password, or one with no
            text layer (a scan: OCR is the missing step).
    """
    document = _open(raw, source)
    warnings: list[str] = []
    metadata: dict[str, Evidence] = {}
    try:
        if pdfium_c.FPDF_GetSecurityHandlerRevision(document.raw) != -1:
            warnings.append(
                f"{source}: encrypted with an owner password only (copy/print restrictions); "
                "its text was read"
            )
        info = document.get_metadata_dict()
        pages = [_page_lines(page, k) for k, page in enumerate(document)]
    finally:
        document.close()
    if not pages:
        raise InvalidInput(f"{source} is a PDF with no pages")
    chars = sum(len(ln.text) for lines in pages for ln in lines)
    if chars < _MIN_CHARS_PER_PAGE * len(pages):
        raise InvalidInput(
            f"{source} is a PDF without a text layer (a scan or pictures of pages): "
            "it needs OCR first, which PolicyKG does not do"
        )
    empty = [k + 1 for k, lines in enumerate(pages) if not lines]
    if empty:
        warnings.append(
            f"{source}: page(s) {', '.join(map(str, empty))} have no text layer (scanned?); "
            "their text is missing"
        )
    lines = _drop_furniture(pages, warnings, source)
    body_size = median(ln.size for ln in lines) if lines else 12.0
    lines, issuer = _drop_red_header(lines, body_size)
    _align_columns(lines)
    if issuer:
        metadata["issuer"] = Evidence(issuer, "pdf red header")
    title = (info.get("Title") or "").strip()
    # Word and WPS fill Title with whatever the first line was ("导言", "文件1");
    # only a document's title is evidence of one.
    if reads_as_title(title):
        metadata["title"] = Evidence(title, "pdf document info: Title")
    text = "\n".join(_paragraphs(lines, body_size))
    return Extracted("pdf", text + "\n", None, metadata, warnings)
