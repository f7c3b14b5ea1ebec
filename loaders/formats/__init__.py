"""policykg.loaders.formats: a plan file of any format -> plain-text lines.

:func:`extract` detects the format from the bytes (:mod:`.detect`) and runs
its extractor; every extractor returns an :class:`Extracted` whose ``text``
:func:`policykg.loaders.load_document` reads as if it were a ``.txt`` capture::

    extracted = extract(raw, source="plan.pdf")
    document = load_document(extracted.plan_bytes, entry)

``extracted.metadata`` holds what the file says outside the text (a page's
发布日期, 索引号, 发文机关; a PDF's red header; a file's title property), each
value with where it was read, for the caller to weigh against the text.
"""

from __future__ import annotations

from policykg.errors import InvalidInput
from policykg.loaders.decode import decode_bytes
from policykg.loaders.formats.detect import detect_format
from policykg.loaders.formats.docx_text import extract_docx
from policykg.loaders.formats.html_text import extract_html
from policykg.loaders.formats.pdf_text import extract_pdf
from policykg.loaders.formats.result import METADATA_FIELDS, Evidence, Extracted, Format

__all__ = [
    "METADATA_FIELDS",
    "Evidence",
    "Extracted",
    "Format",
    "detect_format",
    "extract",
]


def extract(raw: bytes, *, source: str = "input", charset: str | None = None) -> Extracted:
    """Read a plan file of any supported format as plain-text lines.

    Args:
        raw: the file's bytes (the format is detected from them, never from a name).
        source: a name for messages (the file name or URL).
        charset: the charset an HTTP ``Content-Type`` declared, for web pages.

    Returns:
        The plan's text, the detected format, evidence and warnings.

    Raises:
        InvalidInput: a format that is not read (legacy .doc/.wps, images,
            archives...), a scanned or password-protected PDF, or unreadable bytes.
    """
    try:
        kind = detect_format(raw)
    except InvalidInput as e:
        raise InvalidInput(f"{source} {e.message}") from e
    if kind == "pdf":
        return extract_pdf(raw, source=source)
    if kind == "docx":
        return extract_docx(raw, source=source)
    if kind == "html":
        return extract_html(raw, source=source, transport_charset=charset)
    decoded = decode_bytes(raw, source=source)
    return Extracted("text", decoded.text, decoded.encoding, {}, list(decoded.warnings))
