"""Tell a plan's file format from its bytes, never from its name.

Researchers get plans as web pages, PDF and Word attachments, and files whose
names lie (``.htm`` saved PDFs, ``.doc`` that are really ``.docx``), so only
the content decides: magic numbers for binary formats, markup for HTML, and
whatever is left is text (which the decoder still refuses when it is binary).

Formats that cannot be read are refused here with one line saying what the
file is and what to do: a Word 97-2003 ``.doc`` or WPS ``.wps`` (both OLE2
compound files) should be saved as ``.docx`` or PDF; an image or a scan needs
OCR, which PolicyKG does not do; other archives and binaries are not plans.
"""

from __future__ import annotations

import io
import re
import zipfile

from policykg.errors import InvalidInput
from policykg.loaders.formats.result import Format

_OLE2 = bytes.fromhex("D0CF11E0A1B11AE1")
_IMAGES = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"BM", "a BMP image"),
)
_ARCHIVES = (
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7z archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"{\\rtf", "an RTF document"),
)
# Markup that only HTML has near its start; a plan in plain text has none of it.
_HTML_START = re.compile(rb"^\s*<(?:!doctype\s+html|html|head|body|meta|title|div|p|table)\b", re.I)
_HTML_TAG = re.compile(rb"<(?:html|body|head)\b[^>]*>", re.I)
_SNIFF = 4096


def _describe_zip(raw: bytes) -> Format:
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as z:
            names = set(z.namelist())
            mimetype = z.read("mimetype").decode("ascii", "replace") if "mimetype" in names else ""
    except (zipfile.BadZipFile, OSError, EOFError) as e:
        raise InvalidInput(f"is a damaged ZIP file (a .docx is a ZIP): {e}") from e
    if "word/document.xml" in names:
        return "docx"
    if any(n.startswith("xl/") for n in names):
        raise InvalidInput(
            "is an Excel workbook (.xlsx), not a plan; save the plan as .docx or PDF"
        )
    if any(n.startswith("ppt/") for n in names):
        raise InvalidInput("is a PowerPoint file (.pptx), not a plan; save it as PDF")
    if "opendocument.text" in mimetype:
        raise InvalidInput("is an OpenDocument text (.odt); save it as .docx or PDF")
    if "OFD.xml" in names:
        raise InvalidInput("is an OFD document, which is not read; export it as PDF")
    raise InvalidInput(
        "is a ZIP archive that is not a Word .docx; unpack it and give the plan file"
    )


def detect_format(raw: bytes) -> Format:
    """The format of a plan file, from its bytes.

    Args:
        raw: the file's bytes.

    Returns:
        ``"pdf"``, ``"docx"``, ``"html"`` or ``"text"``.

    Raises:
        InvalidInput: empty input, or a format that is not read (legacy
            ``.doc``/``.wps``, images, archives, other ZIP files...); the message
            says what the bytes are and, when there is one, what to do. It has
            no file name in it: callers prefix their own.
    """
    if not raw:
        raise InvalidInput("is empty")
    head = raw[:_SNIFF]
    # The PDF header may follow a little junk (some servers prepend a BOM or blank lines).
    if b"%PDF-" in raw[:1024]:
        return "pdf"
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _describe_zip(raw)
    if head.startswith(_OLE2):
        raise InvalidInput(
            "is a legacy Word .doc or WPS .wps file (OLE2 compound document), which is "
            "not read; save it as .docx or PDF"
        )
    for magic, what in _IMAGES:
        if head.startswith(magic):
            raise InvalidInput(
                f"is {what}, not text; a scanned plan needs OCR first, which PolicyKG does not do"
            )
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        raise InvalidInput("is a WebP image, not text; a scanned plan needs OCR first")
    for magic, what in _ARCHIVES:
        if head.startswith(magic):
            raise InvalidInput(f"is {what}, not a plan (text, HTML, PDF or DOCX)")
    sniff = head
    for bom, codec in ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if head.startswith(bom):
            sniff = head[2:].decode(codec, "replace").encode("utf-8")
    sniff = sniff.removeprefix(b"\xef\xbb\xbf")
    if _HTML_START.match(sniff) or _HTML_TAG.search(sniff):
        return "html"
    return "text"
