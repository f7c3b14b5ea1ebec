"""The format is told from the bytes; what cannot be read is refused in one line."""

from __future__ import annotations

import io
import zipfile

import formats_support as fs
import pytest

from policykg.errors import InvalidInput
from policykg.loaders.formats import detect_format, extract


def test_formats_are_detected_from_bytes_not_names() -> None:
    parts = fs.plan_parts(fs.corpus_text("hohhot.txt"))
    assert detect_format(fs.official_pdf(parts, red_header=None, running_header=None)) == "pdf"
    assert detect_format(fs.official_docx(parts, title="")) == "docx"
    assert detect_format(fs.trs_page(parts, {})) == "html"
    assert detect_format(fs.legacy_table_page(parts)) == "html"
    assert detect_format(b"\xef\xbb\xbf<!DOCTYPE html><html><body>x</body></html>") == "html"
    assert detect_format(fs.read_corpus_bytes("hohhot.txt")) == "text"
    # a plan's text mentioning markup-like brackets is still text
    assert detect_format("一、总体要求\n《纲要》<2025年>目标\n".encode()) == "text"


def test_text_passes_through_the_decoder() -> None:
    raw = fs.read_corpus_bytes("chongqing.txt")
    extracted = extract(raw, source="chongqing.txt")
    assert (extracted.format, extracted.encoding) == ("text", "utf-8")
    assert extracted.text == fs.corpus_text("chongqing.txt")
    gbk = extract(fs.corpus_text("hohhot.txt").encode("gb18030"))
    assert (gbk.encoding, gbk.text) == ("gb18030", fs.corpus_text("hohhot.txt"))


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (
            fs.legacy_doc(),
            "plan.doc is a legacy Word .doc or WPS .wps file (OLE2 compound document), "
            "which is not read; save it as .docx or PDF",
        ),
        (
            fs.png_bytes(),
            "plan.doc is a PNG image, not text; a scanned plan needs OCR first, "
            "which PolicyKG does not do",
        ),
        (
            fs.zip_not_docx(),
            "plan.doc is a ZIP archive that is not a Word .docx; unpack it and give the plan file",
        ),
        (b"", "plan.doc is empty"),
        (
            b"\x1f\x8b\x08\x00" + bytes(60),
            "plan.doc is a gzip archive, not a plan (text, HTML, PDF or DOCX)",
        ),
        (bytes(range(256)) * 8, "plan.doc is binary data, not a text file"),
    ],
    ids=["ole2-doc", "png", "zip", "empty", "gzip", "garbage"],
)
def test_unreadable_files_are_refused(raw: bytes, message: str) -> None:
    with pytest.raises(InvalidInput) as e:
        extract(raw, source="plan.doc")
    assert e.value.message == message


def test_other_office_zips_are_named() -> None:
    def package(*names: str) -> bytes:
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as z:
            for name in names:
                z.writestr(name, "<x/>")
        return out.getvalue()

    with pytest.raises(InvalidInput, match=r"is an Excel workbook \(\.xlsx\)"):
        detect_format(package("[Content_Types].xml", "xl/workbook.xml"))
    with pytest.raises(InvalidInput, match=r"is an OFD document, which is not read"):
        detect_format(package("OFD.xml", "Doc_0/Document.xml"))
