"""Every plan with an expectation, printed as a PDF, loads into the same document as its text.

The PDF is built at test time (reportlab, its built-in CID font STSong-Light,
which needs no download and whose text PDFium reads exactly) the way an
official document is printed: the red header (``…文件``, in red, larger; the
text's own when it starts with one, else its issuer's) on page 1, the
document's title centred and larger, broken into lines of equal length,
lines of 26 characters so that paragraphs wrap, each paragraph indented two
characters, the text's tables and then a task table as rows of cells at fixed
columns, the plan's title as a running header on every later page, and a
page number on every page. Every plan is printed with one of the four
page-number styles (``— 1 —``, ``- 2 -``, ``第 3 页``, ``3/12``), each style on
a quarter of them; one plan is printed in all four.

The reference is the document as printed: its title, then its text, without
the web page around it. Accepted differences, each with its reason:

* a printed document has no breadcrumb, 发布日期 or other page lines, so
  ``published_on`` is the manifest's (None for the fixture plans);
* a capture made from a PDF has that PDF's page numbers among its lines; a
  printed page carries them as page furniture, which is dropped;
* the red header names the issuer: where the text names none (a capture
  without the red header: 3 of the 55, ``fixtures/baishi_2025_workpoints``,
  ``heldout5/luohai_15th_plan_pdf`` and
  ``heldout5/tiaolin_jointmeeting_2026_gb18030``), the document's issuers are
  the red header's, which is the expectation's issuer.

A capture's lines are printed as they are: a table the capture set in
columns of ideographic spaces (``heldout5/luohai_15th_plan_pdf``, copied from
a PDF) is printed as lines of text, wrapped where the line is full, and read
back whole.
"""

from __future__ import annotations

import io
import re

import formats_support as fs
import pypdfium2 as pdfium
import pytest
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.pdfgen.canvas import Canvas

from policykg.errors import InvalidInput
from policykg.loaders.formats import extract
from policykg.loaders.source import load_source

CASES = fs.plan_cases()
STYLES = sorted(fs.PAGE_NUMBER_STYLES)
#: each plan with one page-number style, in turn
PRINTED = [(case, STYLES[k % len(STYLES)]) for k, case in enumerate(CASES)]
HOHHOT = next(c for c in CASES if c.name == "corpus/hohhot")


def _printed(case: fs.PlanCase, page_numbers: str = "dash") -> bytes:
    entry = case.entry
    return fs.official_pdf(
        case.parts,
        red_header=case.red_header,
        running_header=entry.title or entry.jurisdiction.name,
        page_numbers=page_numbers,
    )


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


@pytest.mark.parametrize(
    ("case", "style"), PRINTED, ids=[f"{c.name}-{style}" for c, style in PRINTED]
)
def test_printed_plan_loads_like_its_text(case: fs.PlanCase, style: str) -> None:
    raw = _printed(case, style)
    extracted = extract(raw, source=f"{case.name}.pdf")
    assert extracted.format == "pdf"
    # every paragraph rejoined, the title whole, every heading alone, the tables as rows
    expected = fs.pdf_text_lines(case.parts, red_header=case.red_header)
    # (a run of spaces in a line is one gap on the printed page)
    assert extracted.text.splitlines() == [re.sub(" {2,}", " ", x) for x in expected]
    reference = fs.load_text(case.parts.printed_text(), case.entry)
    doc = load_source(raw, case.entry)
    ours, theirs = fs.document_facts(doc), fs.document_facts(reference)
    red = extracted.metadata.get("issuer")
    if case.red_header:
        assert red is not None and red.source == "pdf red header"
        assert red.value == case.red_header.removesuffix("文件").replace("\u3000", "")
    if not reference.issuers and red is not None:  # the red header names the issuer
        assert doc.issuers == [red.value]
        ours["metadata"]["issuers"] = []
    assert ours == theirs


@pytest.mark.parametrize("style", STYLES)
def test_page_numbers_headers_and_red_header_are_dropped(style: str) -> None:
    parts, raw = HOHHOT.parts, _printed(HOHHOT, style)
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
    raw = _printed(HOHHOT)
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
    raw = _printed(next(c for c in CASES if c.name == "corpus/ningbo"))
    with pytest.raises(InvalidInput, match=r"^cut\.pdf is not a readable PDF"):
        extract(raw[: len(raw) // 3], source="cut.pdf")


# --- the extractor's rules, on pages written for them ----------------------------------


def _page_of(lines: list[tuple[str, float, float]], *, title: str = "") -> bytes:
    """One A4 page: each (text, x, size) on its own baseline, 24 pt apart."""
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=(595, 842))
    if title:
        c.setTitle(title)
    y = 760.0
    for text, x, size in lines:
        c.setFont(fs._pdf_font(), size)
        c.drawString(x, y, text)
        y -= 24
    c.showPage()
    c.save()
    return buf.getvalue()


def test_a_centred_title_over_three_lines_is_one_line() -> None:
    # 16 pt over a 12 pt body whose measure is x = 80..392: each title line centred
    title = ["鹿鸣市人民政府办公室关于印发", "鹿鸣市知识产权强市建设实施", "方案的通知"]
    lines = [(t, 80 + (312 - 16 * len(t)) / 2, 16.0) for t in title]
    body = (
        "各县（市、区）人民政府，市政府各部门：现将方案印发给你们，请认真贯彻执行。同时报送落实。"
    )
    lines += [(body[:24], 104, 12.0), (body[24:], 80, 12.0)]
    # two centred headings at the body's size stay two lines
    lines += [("第一章", 80 + (312 - 36) / 2, 12.0), ("发展基础", 80 + (312 - 48) / 2, 12.0)]
    assert extract(_page_of(lines)).text.splitlines() == [
        "".join(title),
        body,
        "第一章",
        "发展基础",
    ]


def test_indents_are_read_against_the_leftmost_margin() -> None:
    # a plan hard-wrapped before printing: most paragraphs fit one indented line,
    # so the most common left edge is the indent, not the margin
    short = ["一、总体要求", "二、主要任务", "三、保障措施", "各单位要抓好落实。"]
    full = "《澄川市加快建设知识产权强市若干措施》全文如下。"  # 2 + 24: a full line
    wrapped = (
        "为深入贯彻落实纲要，现提出如下措施：一是加强保护，二是促进运用，三是优化服务，"
        "四是强化管理，五是培育人才，六是营造环境。"
    )
    lines = [(s, 104, 12.0) for s in short]
    lines += [(full, 104, 12.0), (wrapped[:24], 104, 12.0)]
    lines += [(wrapped[k : k + 26], 80, 12.0) for k in range(24, len(wrapped), 26)]
    assert extract(_page_of(lines)).text.splitlines() == [*short, full, wrapped]


@pytest.mark.parametrize(
    ("title", "evidence"),
    [
        ("导言", None),  # the first line Word put there
        ("文档1", None),
        ("Microsoft Word - 方案.docx", None),
        ("鹿鸣市知识产权强市建设实施方案", "鹿鸣市知识产权强市建设实施方案"),
    ],
)
def test_the_title_property_is_evidence_only_when_it_is_a_title(
    title: str, evidence: str | None
) -> None:
    raw = _page_of([("各单位要抓好落实，按时报送进展情况。", 104, 12.0)] * 3, title=title)
    found = extract(raw).metadata.get("title")
    assert (found.value if found else None) == evidence


def _pdf(pages: list[list[tuple[str, float, float]]], size: float = 12.0) -> bytes:
    """A4 pages, each a list of (text, x, y): text drawn at (x, y), several on one baseline."""
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=(595, 842))
    for page in pages:
        for text, x, y in page:
            c.setFont(fs._pdf_font(), size)
            c.drawString(x, y, text)
        c.showPage()
    c.save()
    return buf.getvalue()


def _rows(
    rows: list[list[str]], columns: list[float], top: float
) -> list[tuple[str, float, float]]:
    return [
        (cell, x, top - 22 * k)
        for k, row in enumerate(rows)
        for cell, x in zip(row, columns, strict=True)
        if cell
    ]


def test_empty_table_cells_keep_their_columns() -> None:
    # a task table whose 任务 cell is merged over the rows below it, and a row
    # with no 责任单位: an empty cell is only a wider gap on the printed page
    rows = [
        ["序号", "任务", "具体措施", "责任单位"],
        ["1", "盘活存量专利", "开展存量专利盘点", "市教育局"],
        ["2", "", "建立转化前评估机制", "市科技局"],
        ["3", "", "深化赋权改革", ""],
    ]
    raw = _pdf([_rows(rows, [80, 140, 240, 380], 700)])
    assert extract(raw).text.splitlines() == ["\t".join(r) for r in rows]
    # the same table with every cell centred in its column, as many tables are set
    boxes = [(70, 130), (130, 230), (230, 370), (370, 450)]
    centred = [
        (cell, (lo + hi - 12 * len(cell)) / 2, 700 - 22 * k)
        for k, row in enumerate(rows)
        for cell, (lo, hi) in zip(row, boxes, strict=True)
        if cell
    ]
    assert extract(_pdf([centred])).text.splitlines() == ["\t".join(r) for r in rows]


def test_a_number_inside_the_text_block_is_text_and_the_folio_is_not() -> None:
    # a contents line whose page number a page break left alone at the top of
    # page 2, where the text block starts; the page numbers sit below it
    leaders = "…" * 17
    page1 = [
        ("目录", 80, 760),
        ("1. 总体要求" + leaders + "2", 104, 738),
        ("2. 重点任务" + leaders + "3", 104, 716),
        ("3. 保障措施" + leaders, 104, 694),
        ("— 1 —", 280, 45),
    ]
    page2 = [
        ("4", 80, 760),
        ("1. 总体要求", 80, 738),
        ("到2027年，全市知识产权创造质量明显提升。", 104, 716),
        ("— 2 —", 280, 45),
    ]
    lines = extract(_pdf([page1, page2])).text.splitlines()
    assert lines == [
        "目录",
        "1. 总体要求" + leaders + "2",
        "2. 重点任务" + leaders + "3",
        "3. 保障措施" + leaders + "4",
        "1. 总体要求",
        "到2027年，全市知识产权创造质量明显提升。",
    ]


def test_ideographic_spaces_are_text_at_either_end_of_a_printed_line() -> None:
    # a form's blank date and a table set with ideographic spaces, each broken
    # by the printer where the spaces run: they are the author's and stay
    full = "各县（市、区）市场监管局要按照本方案认真组织开展"  # 2 + 24: a full line
    form = "填报单位（盖章）：" + "\u3000" * 8 + "填报日期：" + "\u3000" * 2  # 24: full
    head = "类别\u3000\u3000指标名称" + "\u3000" * 16  # 24: full
    lines = [
        (full, 104, 760),
        ("专项行动，按时报送工作情况。", 80, 738),
        (form, 104, 716),
        ("年\u3000\u3000月\u3000\u3000日", 80, 694),
        (head, 104, 672),
        ("\u3000\u3000目标值\u3000\u3000属性", 80, 650),
    ]
    assert extract(_pdf([lines])).text.splitlines() == [
        full + "专项行动，按时报送工作情况。",
        form + "年\u3000\u3000月\u3000\u3000日",
        head + "\u3000\u3000目标值\u3000\u3000属性",
    ]
