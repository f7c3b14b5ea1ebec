"""Each bundled plan printed as a PDF loads into the same document as its text.

The PDF is built at test time (reportlab, its built-in CID font STSong-Light,
which needs no download and whose text PDFium reads exactly) the way an
official document is printed: lines of 26 characters so that paragraphs
wrap, each paragraph indented two characters, the issuer's red header
(``…文件``, in red, larger) on page 1, the plan's title as a running header on
every later page, a page number on every page (``— 1 —``, ``- 2 -``,
``第 3 页``, ``3/12``) and the task table after the text.

The reference is the document's text *without the web page around it*: a
printed document has no breadcrumb, no page title line and no 发布日期, so
(accepted differences) ``published_on`` comes from the manifest and the
covering notice's heading from the document's own title lines, exactly as for
that text given as a ``.txt`` file.
"""

from __future__ import annotations

import io

import formats_support as fs
import pypdfium2 as pdfium
import pytest
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.pdfgen.canvas import Canvas

from policykg.errors import InvalidInput
from policykg.loaders import load_document
from policykg.loaders.formats import extract

ENTRIES = fs.corpus_entries()
PLANS = sorted(ENTRIES)


def _printed(plan: str, page_numbers: str = "dash") -> tuple[fs.PlanParts, bytes]:
    parts = fs.plan_parts(fs.corpus_text(plan))
    entry = ENTRIES[plan]
    raw = fs.official_pdf(
        parts,
        red_header=fs.red_header_for(entry),
        running_header=entry.title or entry.jurisdiction.name,
        page_numbers=page_numbers,
    )
    return parts, raw


def _printed_lines(raw: bytes) -> list[str]:
    """The PDF's own text lines, as PDFium reads them, page by page."""
    doc = pdfium.PdfDocument(raw)
    try:
        return [
            line
            for page in doc
            for line in page.get_textpage().get_text_range().splitlines()
            if line.strip()
        ]
    finally:
        doc.close()


@pytest.mark.parametrize("plan", PLANS)
def test_printed_plan_loads_like_its_text(plan: str) -> None:
    parts, raw = _printed(plan)
    extracted = extract(raw, source=f"{plan}.pdf")
    assert extracted.format == "pdf"
    reference = parts.plain_text(page=False)
    # every paragraph rejoined, every heading alone, the table as rows
    assert extracted.text == reference
    entry = ENTRIES[plan]
    doc = load_document(extracted.plan_bytes, entry)
    assert fs.document_facts(doc) == fs.document_facts(
        load_document(reference.encode("utf-8"), entry)
    )
    assert extracted.metadata["issuer"].value == fs.red_header_for(entry).removesuffix("文件")
    assert extracted.metadata["issuer"].source == "pdf red header"


@pytest.mark.parametrize("style", sorted(fs.PAGE_NUMBER_STYLES))
def test_page_numbers_headers_and_red_header_are_dropped(style: str) -> None:
    parts, raw = _printed("hohhot.txt", style)
    printed = _printed_lines(raw)
    pages = len(pdfium.PdfDocument(raw))
    assert pages == 12
    # the test means something: the page wraps the plan's 63 paragraphs into far more lines
    assert len(printed) > 4 * len(parts.body)
    label = fs.PAGE_NUMBER_STYLES[style]
    numbers = {label.format(n=n, total=pages) for n in range(1, pages + 1)}
    assert numbers <= set(printed)
    lines = extract(raw).text.splitlines()
    assert not numbers & set(lines)
    assert "呼和浩特市人民政府文件" in printed and "呼和浩特市人民政府文件" not in lines
    # the title is a running header on pages 2-12, and a line of the plan once
    assert printed.count("呼和浩特市推进知识产权强市建设工作方案") == 12
    assert lines.count("呼和浩特市推进知识产权强市建设工作方案") == 1


def test_wrapped_lines_are_rejoined_without_joining_headings() -> None:
    _, raw = _printed("hohhot.txt")
    printed = _printed_lines(raw)
    # the printed page broke these targets across lines (25000 | 件, 突破 | 70000件) ...
    assert "利、商标高质量创造工作,至2025年,专利授权总量达到25000" in printed
    assert not any("商标注册量突破70000件" in line for line in printed)
    lines = extract(raw).text.splitlines()
    task8 = next(line for line in lines if line.startswith("8.促进知识产权创造提质增量"))
    assert (
        "专利授权总量达到25000件,每万人高价值发明专利拥有量超过7.6件;商标注册量突破70000件" in task8
    )
    assert task8.endswith("作品著作权登记数量稳步增长。")
    # ... and each short heading stays alone, the paragraph after it separate
    k = lines.index("(二)坚持强化保护")
    assert lines[k + 1].startswith("加强知识产权全链条保护")


def test_scanned_pdf_is_refused_naming_ocr() -> None:
    with pytest.raises(InvalidInput) as e:
        extract(fs.image_only_pdf(), source="scan.pdf")
    assert e.value.message == (
        "scan.pdf is a PDF without a text layer (a scan or pictures of pages): "
        "it needs OCR first, which PolicyKG does not do"
    )


def _encrypted(user_password: str) -> bytes:
    buf = io.BytesIO()
    c = Canvas(buf, encrypt=StandardEncryption(user_password, ownerPassword="owner", canCopy=0))
    c.setFont(fs._pdf_font(), 12)
    for k, line in enumerate(fs.plan_parts(fs.corpus_text("hohhot.txt")).body[:20]):
        c.drawString(72, 780 - 20 * k, line[:40])
    c.showPage()
    c.save()
    return buf.getvalue()


def test_password_protected_pdf_is_refused() -> None:
    with pytest.raises(InvalidInput) as e:
        extract(_encrypted("secret"), source="locked.pdf")
    assert e.value.message == (
        "locked.pdf is an encrypted PDF that needs a password to open; give an unprotected copy"
    )


def test_pdf_with_only_copy_restrictions_is_read_with_a_warning() -> None:
    extracted = extract(_encrypted(""), source="restricted.pdf")
    assert extracted.text.splitlines()[0] == "呼和浩特市人民政府"
    assert extracted.warnings == [
        "restricted.pdf: encrypted with an owner password only (copy/print restrictions); "
        "its text was read"
    ]


def test_damaged_pdf_is_refused() -> None:
    _, raw = _printed("ningbo.txt")
    with pytest.raises(InvalidInput, match=r"^cut\.pdf is not a readable PDF"):
        extract(raw[: len(raw) // 3], source="cut.pdf")
